import type { FieldNames } from '../../shared/ui/field-errors';

/* The API's field names in the forms about rounds, and the labels those forms show (see FieldName). */

export const ROUND_FIELDS: FieldNames = {
  title: 'rounds.roundTitle',
  periodStart: 'rounds.periodStart',
  periodEnd: 'rounds.periodEnd',
  iterationIds: 'rounds.iterations',
  dimensions: { label: 'rounds.dimensions', values: 'dimension.' },
  prompts: 'rounds.prompts',
  showAfterContributing: 'rounds.showAfterContributing',
  contributorRoles: { label: 'rounds.contributorRoles', values: 'role.' },
  deadline: 'rounds.deadline',
};

/** Following up a round: what was done, and the cycle a decision is for. */
export const FOLLOW_UP_FIELDS: FieldNames = {
  kind: 'round.followUpKind',
  text: 'round.followUpText',
  iterationId: 'round.followUpCycle',
};

/** A contribution to a round; an answer is named by its place, as the questions are the round's own words. */
export const CONTRIBUTION_FIELDS: FieldNames = {
  stakeholderGroup: { label: 'round.group', values: 'group.' },
  appreciations: { label: 'round.appreciations', item: 'round.appreciationN' },
  answers: { label: 'round.answers', item: 'round.answerN' },
  nominatedObservationId: 'round.nominate',
  nominationReason: 'round.why',
};
