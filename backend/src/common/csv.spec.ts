import { csvField, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n1,"x, ""y""","regel 1\nregel 2"\n')).toEqual([['a', 'b', 'c'], ['1', 'x, "y"', 'regel 1\nregel 2']]);
  });

  it('detects the semicolon that Dutch spreadsheets use, and skips blank lines and a BOM', () => {
    expect(parseCsv('\uFEFFsoort;waarde\n\nmeting;3,5\n')).toEqual([['soort', 'waarde'], ['meting', '3,5']]);
  });

  it('writes fields that survive a round trip', () => {
    const rows = [{ a: 'tekst, met "quotes"', b: 3, c: ['x', 'y'] }];
    expect(parseCsv(toCsv(['a', 'b', 'c'], rows))).toEqual([['a', 'b', 'c'], ['tekst, met "quotes"', '3', 'x;y']]);
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
});

