/** The locale each language of the dashboard writes dates and numbers in. */
export const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

export type DateStyle = 'date' | 'dateTime' | 'numeric';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  numeric: { day: '2-digit', month: '2-digit', year: 'numeric' },
};
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date from the API (a day "2025-03-01", or a moment "2025-03-01T09:30:00.000Z") as people read it in the
 * language: nl "1 maart 2025", en "1 March 2025". A day is a day wherever one is (no time zone moves it to the
 * day before); a moment shows in the reader's own time. Text that is no date comes back as it is.
 */
export function formatDate(value: string | null | undefined, language: string, style: DateStyle = 'date'): string {
  if (!value) return '';
  const dayOnly = DATE_ONLY.test(value);
  const date = new Date(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const locale = LOCALES[language] ?? LOCALES['nl'];
  const key = `${locale}|${style}|${dayOnly}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...STYLES[style], ...(dayOnly ? { timeZone: 'UTC' } : {}) });
    formats.set(key, format);
  }
  return format.format(date);
}

const numbers = new Map<string, Intl.NumberFormat>();

/** A number as people write it in the language: nl "1.234,5", en "1,234.5". */
export function formatNumber(value: number | null | undefined, language: string, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const locale = LOCALES[language] ?? LOCALES['nl'];
  const key = `${locale}|${maximumFractionDigits}`;
  let format = numbers.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numbers.set(key, format);
  }
  return format.format(value);
}
