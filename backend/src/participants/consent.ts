/**
 * Who may read a quote: the participants feature owns consent, so the rule lives here and every query that shows a
 * story's text uses this one fragment. `p` is the story's participant, joined with LEFT JOIN: a story without a
 * participant is the team's own note and may be shown; a participant's story only with quote consent and not erased.
 */
export const QUOTABLE_SQL = '(p.id IS NULL OR (p.consent_quote = TRUE AND p.erased_at IS NULL))';
