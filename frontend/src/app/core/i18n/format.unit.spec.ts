import { formatDate, formatNumber } from './format';

describe('dates and numbers in the reader’s language', () => {
  it('write a day as nl-NL or en-GB, never moved to the day before by a time zone', () => {
    expect(formatDate('2025-03-01', 'nl')).toBe('1 maart 2025');
    expect(formatDate('2025-03-01', 'en')).toBe('1 March 2025');
    expect(formatDate('2025-12-31', 'nl', 'numeric')).toBe('31-12-2025');
    expect(formatDate('2025-12-31', 'en', 'numeric')).toBe('31/12/2025');
  });

  it('write a moment with its time, and leave what is no date as it is', () => {
    expect(formatDate('2025-03-01T09:30:00.000Z', 'nl', 'dateTime')).toMatch(/^1 mrt 2025.*\d{2}:\d{2}$/);
    expect(formatDate('2025-03-01T09:30:00.000Z', 'en', 'dateTime')).toMatch(/^1 Mar 2025.*\d{2}:\d{2}$/);
    expect(formatDate('soon', 'nl')).toBe('soon');
    expect(formatDate(null, 'nl')).toBe('');
  });

  it('write numbers with the language’s separators, and fall back to Dutch', () => {
    expect(formatNumber(1234.5, 'nl')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(2.125, 'de')).toBe('2,13');
    expect(formatNumber(null, 'en')).toBe('');
  });
});
