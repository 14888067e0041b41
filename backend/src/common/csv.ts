import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { finished } from 'node:stream/promises';
import { Errors } from './domain-error';

/**
 * RFC 4180 CSV as spreadsheets write it: quoted fields, doubled quotes, CRLF, LF or CR, a BOM, and ";" as Dutch
 * Excel's separator (when the first line has more of them than commas). Blank lines are skipped.
 */
function options(text: string): Options {
  const firstLine = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/, 1)[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return {
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
  };
}

const blank = (record: string[]) => record.every((f) => f.trim() === '');

/** csv-parse's errors (its sync and stream builds each have their own CsvError class) as a validation error. */
function unreadable(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (!(error instanceof CsvError) && !(typeof code === 'string' && /^(CSV_|INVALID_OPENING_QUOTE)/.test(code)))
    return error;
  const { lines, message } = error as { lines?: unknown; message: string };
  const line = typeof lines === 'number' ? ` (line ${lines})` : '';
  return Errors.validation([{ field: 'file', message: `is not readable as CSV${line}: ${message}` }]);
}

/** All records of a small CSV text at once. */
export function parseCsv(text: string): string[][] {
  try {
    return (parseSync(text, options(text)) as string[][]).filter((r) => !blank(r));
  } catch (error) {
    throw unreadable(error);
  }
}

/** How long parsing runs before it lets other requests be served. */
const TURN_MS = 10;

/**
 * The records of a CSV text in batches, parsed as they are read (the file is never held as one array of rows). A batch
 * ends after `size` records or TURN_MS of parsing, and the event loop has a turn after each, so that a large file does
 * not hold up other requests for longer than a batch takes to parse and to be handled.
 */
export async function* csvBatches(text: string, size = 500): AsyncGenerator<string[][]> {
  const parser = parse(options(text));
  let batch: string[][] = [];
  let failure: unknown = null;
  // Records come as events while a slice is written (no promise per record, as async iteration would make).
  parser.on('data', (record: string[]) => blank(record) || batch.push(record));
  parser.on('error', (error) => (failure ??= error));
  const done = finished(parser).catch((error: unknown) => (failure ??= error));
  let turn = performance.now();
  for (let i = 0; i < text.length; i += 8 * 1024) {
    parser.write(text.slice(i, i + 8 * 1024));
    if (batch.length >= size || performance.now() - turn > TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (failure) break;
      if (batch.length) yield batch;
      batch = [];
      turn = performance.now();
    }
  }
  if (!failure) parser.end();
  await done;
  if (failure) throw unreadable(failure);
  if (batch.length) yield batch;
}

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/**
 * One CSV field. A list is joined with ";", and Dutch Excel splits on ";", so every part that starts with
 * =, +, -, @, a tab or a carriage return (OWASP's formula starters) gets a leading ' and is never run as a
 * formula; a plain negative number stays as it is.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value)
    ? value.map((v) => (v === null || v === undefined ? '' : String(v))).join(';')
    : value instanceof Date
      ? value.toISOString()
      : String(value);
  const safe = text
    .split(';')
    .map((part) => (FORMULA.test(part) && !NUMBER.test(part) ? `'${part}` : part))
    .join(';');
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}
