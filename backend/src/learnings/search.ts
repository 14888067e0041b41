/**
 * Turns any search input into a safe full-text query: quotes, operators, very long strings and other
 * scripts never cause an error. SQLite FTS5 gets quoted prefix terms (a crude Dutch stemming: "positief"
 * and "positieve" both match "positi*"); PostgreSQL gets the words for websearch_to_tsquery('dutch', …).
 */
const MAX_TERMS = 12;

export function searchTerms(input: string | undefined): string[] {
  if (!input) return [];
  return (
    input
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((t) => t.length > 1 || /\p{N}/u.test(t))
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, 40));
}

export function fts5Query(terms: string[]): string | null {
  if (!terms.length) return null;
  return terms.map((t) => `"${t.length > 5 ? t.slice(0, Math.max(5, t.length - 2)) : t}"*`).join(' ');
}

export function postgresQuery(terms: string[]): string | null {
  return terms.length ? terms.join(' ') : null;
}
