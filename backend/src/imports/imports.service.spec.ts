import { parseDate, parseNumber } from './imports.service';

describe('import parsing', () => {
  it('reads ISO and Dutch dates, and refuses impossible ones', () => {
    expect(parseDate('2025-03-01')).toBe('2025-03-01');
    expect(parseDate('1-3-2025')).toBe('2025-03-01');
    expect(parseDate('01/03/2025')).toBe('2025-03-01');
    expect(parseDate('31-02-2025')).toBeNull();
    expect(parseDate('maart')).toBeNull();
  });

  it('reads decimal commas and thousands separators', () => {
    expect(parseNumber('3,5')).toBe(3.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('2500')).toBe(2500);
    expect(parseNumber('-4')).toBe(-4);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('veel')).toBeNull();
  });
});
