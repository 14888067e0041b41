import { DomainError } from './domain-error';
import { csvBatches, csvField, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n1,"x, ""y""","regel 1\nregel 2"\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', 'regel 1\nregel 2'],
    ]);
  });

  it('detects the semicolon that Dutch spreadsheets use, and skips blank lines and a BOM', () => {
    expect(parseCsv('\uFEFFsoort;waarde\n\nmeting;3,5\n')).toEqual([
      ['soort', 'waarde'],
      ['meting', '3,5'],
    ]);
  });

  it('writes fields that survive a round trip', () => {
    const rows = [{ a: 'tekst, met "quotes"', b: 3, c: ['x', 'y'] }];
    expect(parseCsv(toCsv(['a', 'b', 'c'], rows))).toEqual([
      ['a', 'b', 'c'],
      ['tekst, met "quotes"', '3', 'x;y'],
    ]);
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5')).toBe('-5');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('neutralises a formula in every element of a list and after every ";", where Dutch Excel splits', () => {
    expect(csvField(['veilig', '=1+1'])).toBe(`"veilig;'=1+1"`);
    expect(csvField(['+31', '@cmd', '-2+3', '\tx', '\r=y'])).toBe(`"'+31;'@cmd;'-2+3;'\tx;'\r=y"`);
    expect(csvField('groen;=HYPERLINK("x")')).toBe(`"groen;'=HYPERLINK(""x"")"`);
    expect(csvField(['-5', '-3,5', '7'])).toBe('"-5;-3,5;7"');
    for (const cell of parseCsv(toCsv(['themes'], [{ themes: ['veilig', '=1+1', '-1', '@A1'] }]))[1]) {
      for (const part of cell.split(';')) expect(/^[=+\-@\t\r]/.test(part) && !/^-?\d+$/.test(part)).toBe(false);
    }
  });

  it('reads a large file in batches, with turns of the event loop between them', async () => {
    const text = [
      'soort;waarde',
      ...Array.from({ length: 20_000 }, (_, i) => `meting;"${i}"`),
      '',
      'laatste;"met ""quotes""\nen een regel"',
    ].join('\r\n');
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const batches: string[][][] = [];
    for await (const batch of csvBatches(text, 1000)) batches.push(batch);
    clearInterval(counting);
    const rows = batches.flat();
    expect(rows).toHaveLength(20_002);
    expect(rows[0]).toEqual(['soort', 'waarde']);
    expect(rows[20_000]).toEqual(['meting', '19999']);
    expect(rows[20_001]).toEqual(['laatste', 'met "quotes"\nen een regel']);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(1000 + 400);
    expect(batches.length).toBeGreaterThan(10);
    expect(turns).toBeGreaterThan(0);
  });

  it('answers a file it cannot read with a validation error, not a crash', async () => {
    const read = async () => {
      for await (const batch of csvBatches('a,b\n1,"niet gesloten\n2,3')) void batch;
    };
    await expect(read()).rejects.toBeInstanceOf(DomainError);
    expect(() => parseCsv('a,b\n1,"niet gesloten')).toThrow(DomainError);
  });
});
