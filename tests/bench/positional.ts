/**
 * `$1`-style placeholders as SQLite's positional `?`, with the parameters in that order (a placeholder may repeat) and
 * booleans as 1 and 0.
 */
export function positional(sql: string, params: unknown[]): { sql: string; params: unknown[] } {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    ordered.push(typeof value === 'boolean' ? Number(value) : value);
    return '?';
  });
  return { sql: text, params: ordered };
}
