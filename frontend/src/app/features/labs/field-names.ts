import type { FieldNames } from '../../shared/ui/field-errors';

/*
 * The API's field names in the lab's forms and the labels those forms show, so an error names a field as the form
 * does ("Meegenomen door", not "invitedByParticipantId"); a field's values are worded through their own keys.
 */

/** Starting a lab, and editing its name, question, aim, place and themes. */
export const LAB_FIELDS: FieldNames = {
  name: 'newLab.name',
  question: 'newLab.question',
  aim: 'newLab.aim',
  municipality: 'newLab.municipality',
  neighbourhood: 'newLab.neighbourhood',
  themes: { label: 'labs.themes', values: 'theme.' },
  visibility: { label: 'lab.visibility', values: 'visibility.' },
  transferConditions: 'lab.transferConditions',
};

export const LAB_SETTINGS_FIELDS: FieldNames = {
  status: { label: 'labs.status', values: 'status.' },
  scale: { label: 'lab.scale', values: 'scale.' },
  visibility: { label: 'lab.visibility', values: 'visibility.' },
  cosignedReflection: 'lab.cosigned',
};

/** Adding a partner: a new organisation is registered first, then joins the lab. */
export const PARTNER_FIELDS: FieldNames = {
  organisationId: 'lab.organisation',
  name: 'partners.name',
  kind: { label: 'lab.kind', values: 'orgKind.' },
  invitedByOrganisationId: 'lab.broughtInBy',
  municipality: 'partners.municipality',
  joinedOn: 'partners.since',
};

/** Experiments and their iterations (cycles) share one page and one error. */
export const EXPERIMENT_FIELDS: FieldNames = {
  title: 'experiments.name',
  description: 'experiments.description',
  workingIngredients: 'experiments.ingredients',
  scale: { label: 'lab.scale', values: 'scale.' },
  status: { label: 'edit.experimentStatusLabel', values: 'edit.experimentStatus.' },
  startsOn: 'experiments.startsOn',
  endsOn: 'experiments.endsOn',
  plan: 'stage.plan',
  act: 'stage.act',
  observe: 'stage.observe',
  reflect: 'stage.reflect',
  decision: { label: 'stage.decide', values: 'decision.' },
  decisionReasons: 'experiments.reasons',
};

export const HYPOTHESIS_FIELDS: FieldNames = {
  experimentId: 'hypotheses.experiment',
  ifWe: 'hypotheses.ifWe',
  then: 'hypotheses.then',
  because: 'hypotheses.because',
  wouldChangeMind: 'hypotheses.wouldChangeMind',
  status: { label: 'hypotheses.newStatus', values: 'hypothesisStatus.' },
  iterationId: 'hypotheses.inIteration',
  rationale: 'hypotheses.rationale',
  evidence: 'hypotheses.evidence',
};

export const PARTICIPANT_FIELDS: FieldNames = {
  pseudonym: 'participants.pseudonym',
  groups: 'participants.groups',
  affiliation: 'participants.affiliation',
  invitedByParticipantId: 'participants.invitedBy',
  consent: 'participants.consent',
  'consent.participation': 'consent.participation',
  'consent.quote': 'consent.quote',
  'consent.photo': 'consent.photo',
  'consent.contact': 'consent.contact',
  participation: 'consent.participation',
  quote: 'consent.quote',
  photo: 'consent.photo',
  /** The contact details (PATCH, POST); the consent to contact is `consent.contact`. */
  contact: 'edit.contact',
  participantIds: 'participants.whoCame',
};

/** The quick entry of a story or a measure. */
export const OBSERVATION_FIELDS: FieldNames = {
  kind: 'observations.kind',
  iterationId: 'observations.iteration',
  observedOn: 'observations.date',
  storyText: 'observations.storyText',
  perspective: { label: 'observations.perspective', values: 'perspective.' },
  participantId: 'observations.participant',
  audience: { label: 'observations.audience', values: 'audience.' },
  selfReliance: { label: 'observations.selfReliance', values: 'selfReliance.' },
  indicatorId: 'observations.indicator',
  value: 'observations.value',
  contextNote: 'observations.contextNote',
  dimensions: { label: 'observations.dimensions', values: 'dimension.' },
  hypothesisIds: 'edit.hypotheses',
};

export const INDICATOR_FIELDS: FieldNames = {
  name: 'data.indicatorName',
  unit: 'data.unit',
  signalOf: 'data.signalOf',
};

export const LEARNING_FIELDS: FieldNames = {
  title: 'learnings.learningTitle',
  type: { label: 'library.type', values: 'learningType.' },
  body: 'learnings.body',
  themes: { label: 'labs.themes', values: 'theme.' },
  transferConditions: 'library.transfer',
  evidence: 'learnings.evidence',
};

/** Both kinds of invitation: a link to pass on, and one to an e-mail address. */
export const INVITATION_FIELDS: FieldNames = {
  role: { label: 'invite.role', values: 'role.' },
  expiresInDays: 'invite.days',
  note: 'invite.note',
  email: 'invite.email',
};

export const MEMBER_FIELDS: FieldNames = {
  role: { label: 'members.role', values: 'role.' },
};

export const REFLECTION_FIELDS: FieldNames = {
  stakeholderGroup: { label: 'round.group', values: 'group.' },
  text: 'reflections.yours',
};

/** A CSV import: the file. */
export const IMPORT_FIELDS: FieldNames = { file: 'data.file' };
