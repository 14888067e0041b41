import type { Schemas } from '../../core/api/api';

/**
 * The lab's history told in words: which record (by its title, number or date, never by an id alone), a link to
 * where it lives now, and each changed field by its name in the dashboard, with values a person can read. Fields that
 * are only wiring (ids, versions, timestamps the row keeps for itself) are left out; a reference to another record
 * (the cycle, the teller) says that it changed, not to which id.
 */
export type HistoryEntry = Schemas['HistoryEntryDto'];

/** A value as shown: a translation key, a date for the localDate pipe, a count, or plain text. */
export interface ShownValue {
  key?: string;
  date?: string;
  count?: number;
  text?: string;
  /** A list of words (themes, value dimensions): translation keys. */
  keys?: string[];
}

export interface HistoryChangeLine {
  field: string;
  /** Only the field's name: a reference, a withheld story, or a field whose values say nothing. */
  nameOnly: boolean;
  withheld: boolean;
  from: ShownValue;
  to: ShownValue;
}

export interface HistoryLine {
  id: number;
  at: string;
  who: string | null;
  action: HistoryEntry['action'];
  entityType: string;
  subjectKey: string;
  subjectParams: Record<string, string | number>;
  link: { commands: (string | number)[]; fragment?: string } | null;
  changes: HistoryChangeLine[];
}

/** Wiring, not content: never shown. */
export const HIDDEN_FIELDS = new Set([
  'id',
  'labId',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'tokenHash',
  'passwordHash',
  'csrfToken',
  'slug',
  'dataVersion',
  'registered',
  'experimentId',
  'roundId',
  'userId',
  'usedBy',
  'viaInvitation',
  'organisationId',
  'invitedByOrganisationId',
  'originLabId',
  'replacesId',
  'contributionId',
  'learningId',
  'refId',
  'otherId',
  'oidcIssuer',
  'oidcSubject',
  'entityType',
  'entityId',
  'content',
  'stamp',
]);

/** References to another record of the lab: named, without the id they point to. */
export const REFERENCE_FIELDS = new Set([
  'iterationId',
  'indicatorId',
  'participantId',
  'invitedByParticipantId',
  'nominatedObservationId',
  'hypothesisId',
  'clusterId',
  'mergedInto',
  'parentId',
  'chosenNoteId',
]);

/** Lists of references: shown as how many. */
const COUNTED_FIELDS = new Set(['participantIds', 'hypothesisIds', 'iterationIds', 'steps']);

const STATUS_WORDS: Record<string, string> = {
  hypothesis: 'hypothesisStatus.',
  lab: 'status.',
  experiment: 'history.experimentStatus.',
  round: 'history.roundStatus.',
  learning: 'history.learningStatus.',
};

/** Values with a word of their own: the translation prefix, per field (and per kind of record where it differs). */
function valuePrefix(entityType: string, field: string): string | null {
  switch (field) {
    case 'status':
      return STATUS_WORDS[entityType] ?? null;
    case 'fromStatus':
    case 'toStatus':
      return 'hypothesisStatus.';
    case 'scale':
      return 'scale.';
    case 'visibility':
      return 'visibility.';
    case 'role':
      return 'role.';
    case 'decision':
      return 'decision.';
    case 'perspective':
      return 'perspective.';
    case 'audience':
      return 'audience.';
    case 'selfReliance':
      return 'selfReliance.';
    case 'themes':
      return 'theme.';
    case 'dimensions':
    case 'valueDimensions':
      return 'dimension.';
    case 'type':
      return 'learningType.';
    case 'maturity':
      return 'maturity.';
    case 'stakeholderGroup':
      return 'group.';
    case 'installationRole':
      return 'installationRole.';
    case 'kind':
      return entityType === 'observation'
        ? 'history.kind.'
        : entityType === 'round_follow_up'
          ? 'followUp.'
          : entityType === 'organisation'
            ? 'orgKind.'
            : null;
    default:
      return null;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

function shown(entityType: string, field: string, value: unknown): ShownValue {
  if (value === null || value === undefined || value === '') return { text: '–' };
  if (COUNTED_FIELDS.has(field) && Array.isArray(value)) return { count: value.length };
  if (typeof value === 'boolean') return { key: value ? 'history.yes' : 'history.no' };
  const prefix = valuePrefix(entityType, field);
  if (Array.isArray(value)) {
    if (!value.length) return { text: '–' };
    return prefix ? { keys: value.map((v) => prefix + String(v)) } : { text: value.map((v) => String(v)).join(', ') };
  }
  if (typeof value === 'string') {
    if (prefix) return { key: prefix + value };
    if (DATE.test(value)) return { date: value };
    return { text: value.length > 90 ? `“${value.slice(0, 88)}…”` : `“${value}”` };
  }
  if (typeof value === 'number') return { text: String(value) };
  return { key: 'history.changed' };
}

/** The words for one record: the key under history.subject and its parameters. */
function subjectOf(
  h: HistoryEntry,
  date: (iso: string) => string,
): { key: string; params: Record<string, string | number> } {
  const s = h.subject;
  const label = s.label ? (s.label.length > 70 ? s.label.slice(0, 68) + '…' : s.label) : null;
  if (h.entityType === 'iteration' && s.number !== null) {
    return s.parentLabel
      ? { key: 'history.subject.iterationOf', params: { n: s.number, experiment: s.parentLabel } }
      : { key: 'history.subject.iteration', params: { n: s.number } };
  }
  if (h.entityType === 'observation' && s.kind) {
    return {
      key: s.kind === 'measure' && s.parentLabel ? 'history.subject.measureOf' : `history.subject.${s.kind}`,
      params: { date: s.date ? date(s.date) : '', indicator: s.parentLabel ?? '' },
    };
  }
  if (label) return { key: 'history.subject.named', params: { label } };
  return { key: 'history.subject.unnamed', params: {} };
}

/** Where the record lives now, if it still does. */
function linkOf(labId: number, h: HistoryEntry): HistoryLine['link'] {
  if (h.subject.deleted) return null;
  const lab = ['/labs', labId];
  switch (h.entityType) {
    case 'lab':
    case 'lab_partner':
      return { commands: [...lab, 'over'] };
    case 'lab_member':
    case 'invitation':
      return { commands: [...lab, 'leden'] };
    case 'experiment':
      return { commands: [...lab, 'experimenten'], fragment: `exp-${h.entityId}` };
    case 'iteration':
    case 'reflection':
      return { commands: [...lab, 'experimenten'], fragment: h.entityType === 'iteration' ? `it-${h.entityId}` : '' };
    case 'hypothesis':
      return { commands: [...lab, 'hypothesen'], fragment: `h-title-${h.entityId}` };
    case 'participant':
    case 'attendance':
      return { commands: [...lab, 'deelnemers'] };
    case 'indicator':
    case 'import':
      return { commands: [...lab, 'gegevens'] };
    case 'observation':
      return { commands: [...lab, 'waarnemingen'] };
    case 'round':
      return { commands: [...lab, 'rondes', h.entityId] };
    case 'learning':
      return { commands: [...lab, 'lessen'] };
    default:
      return null;
  }
}

/** One entry in words; `date` formats a date in the reader's language. */
export function historyLine(labId: number, h: HistoryEntry, date: (iso: string) => string): HistoryLine {
  const subject = subjectOf(h, date);
  const link = linkOf(labId, h);
  const changes = Object.entries(
    (h.changes ?? {}) as Record<string, { from?: unknown; to?: unknown; withheld?: boolean }>,
  )
    .filter(([field]) => !HIDDEN_FIELDS.has(field) && !field.endsWith('Ref'))
    .map(([field, change]) => {
      const withheld = !!change?.withheld;
      const nameOnly = withheld || REFERENCE_FIELDS.has(field);
      return {
        field,
        nameOnly,
        withheld,
        from: nameOnly ? {} : shown(h.entityType, field, change?.from),
        to: nameOnly ? {} : shown(h.entityType, field, change?.to),
      };
    });
  return {
    id: h.id,
    at: h.at,
    who: h.userName,
    action: h.action,
    entityType: h.entityType,
    subjectKey: subject.key,
    subjectParams: subject.params,
    link: link && link.fragment === '' ? { commands: link.commands } : link,
    changes,
  };
}
