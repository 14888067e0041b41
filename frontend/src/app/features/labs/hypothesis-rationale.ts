/**
 * A hypothesis's first status event carries a fixed marker from the API instead of a person's words: "Registered",
 * or "Revision of hypothesis <id>" for a revision. The dashboard says these in the reader's language, with a link to
 * the earlier hypothesis instead of its id; any other rationale is a person's own text and shown as written.
 */
export type RationaleWords = { key: string; hypothesisId?: number } | null;

export function rationaleWords(rationale: string | null | undefined): RationaleWords {
  if (rationale === 'Registered') return { key: 'hypotheses.event.registered' };
  const revision = /^Revision of hypothesis (\d+)$/.exec(rationale ?? '');
  return revision ? { key: 'hypotheses.event.revision', hypothesisId: Number(revision[1]) } : null;
}
