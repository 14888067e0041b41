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
});
