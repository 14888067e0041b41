import { fts5Query, postgresQuery, searchTerms } from './search';

describe('search input', () => {
  it('keeps words and drops operators, quotes and punctuation', () => {
    expect(searchTerms('"positief" OR doel* -NEAR(a b) \'; DROP TABLE learnings;--')).toEqual([
      'positief',
      'or',
      'doel',
      'near',
      'drop',
      'table',
      'learnings',
    ]);
  });

  it('accepts other scripts and limits long input', () => {
    expect(searchTerms('مرحبا 你好 ü')).toEqual(['مرحبا', '你好']);
    expect(searchTerms('woord '.repeat(1000))).toHaveLength(12);
    expect(searchTerms('x'.repeat(5000))[0]).toHaveLength(40);
  });

  it('builds quoted prefix terms for FTS5 that match Dutch inflections', () => {
    expect(fts5Query(['positief', 'doel'])).toBe('"positi"* "doel"*');
    expect(fts5Query([])).toBeNull();
    expect(postgresQuery(['positief', 'doel'])).toBe('positief doel');
  });
});
