import type { Schemas } from '../../core/api/api';

export type ScriptStep = Schemas['DialogueScriptStepDto'];
export type Prompt = Schemas['NoteDto']['prompt'];
export type Consent = Schemas['NoteDto']['consent'];
export type NoteStatus = 'pending' | 'shown' | 'hidden' | 'merged';

/** A note as a stream shows it; what is in it depends on who watches (the server filters). */
export interface LiveNote {
  id: number;
  prompt?: Prompt;
  text?: string;
  consent?: Consent;
  status?: NoteStatus;
  reason?: string | null;
  displayName?: string;
  groups?: string[];
  clientId?: string;
  clusterId?: number | null;
  mergedInto?: number | null;
  parentId?: number | null;
  takenOn?: boolean;
  /** On a phone: this person wrote it. */
  mine?: boolean;
}

export interface LiveEvent {
  id: number;
  type: 'note' | 'removed' | 'cluster' | 'marks' | 'tags' | 'settings' | 'step' | 'joined' | 'closed';
  note?: LiveNote;
  noteId?: number;
  step?: number;
  displayName?: string;
  cluster?: { id: number; label: string; removed?: boolean };
  dotsByGroup?: Record<string, number>;
  votes?: number;
  mine?: number;
  tags?: string[];
  settings?: { title?: string; moderation?: 'moderated' | 'open'; steps?: ScriptStep[]; dotsPerPerson?: number };
  outcome?: Record<string, unknown>;
}

export interface Marks {
  dotsByGroup: Record<string, number>;
  votes: number;
  /** On a phone: this person's own dots or vote. */
  mine: number;
}

/** What a view knows of a table, built from its stream's events alone (so a reconnect rebuilds the same). */
export interface TableState {
  notes: LiveNote[];
  clusters: { id: number; label: string }[];
  marks: Partial<Record<number, Marks>>;
  tags: Partial<Record<number, string[]>>;
  joiners: string[];
  step: number | null;
  status: 'open' | 'closed' | null;
  settings: LiveEvent['settings'] | null;
  outcome: Record<string, unknown> | null;
}

export const emptyTable = (): TableState => ({
  notes: [],
  clusters: [],
  marks: {},
  tags: {},
  joiners: [],
  step: null,
  status: null,
  settings: null,
  outcome: null,
});

/** Applies one event; the same events in the same order always give the same state. */
export function applyEvent(state: TableState, event: LiveEvent): TableState {
  switch (event.type) {
    case 'note': {
      if (!event.note) return state;
      const i = state.notes.findIndex((n) => n.id === event.note!.id);
      const notes = [...state.notes];
      if (i < 0) notes.push(event.note);
      else notes[i] = { ...notes[i], ...event.note };
      return { ...state, notes };
    }
    case 'removed':
      return { ...state, notes: state.notes.filter((n) => n.id !== event.noteId) };
    case 'cluster': {
      const c = event.cluster;
      if (!c) return state;
      if (c.removed)
        return {
          ...state,
          clusters: state.clusters.filter((x) => x.id !== c.id),
          notes: state.notes.map((n) => (n.clusterId === c.id ? { ...n, clusterId: null } : n)),
        };
      const exists = state.clusters.some((x) => x.id === c.id);
      return {
        ...state,
        clusters: exists
          ? state.clusters.map((x) => (x.id === c.id ? { id: c.id, label: c.label } : x))
          : [...state.clusters, { id: c.id, label: c.label }],
      };
    }
    case 'marks': {
      if (event.noteId === undefined) return state;
      const before = state.marks[event.noteId];
      const marks: Marks = {
        dotsByGroup: event.dotsByGroup ?? {},
        votes: event.votes ?? 0,
        mine: event.mine ?? before?.mine ?? 0,
      };
      return { ...state, marks: { ...state.marks, [event.noteId]: marks } };
    }
    case 'tags':
      return event.noteId === undefined
        ? state
        : { ...state, tags: { ...state.tags, [event.noteId]: event.tags ?? [] } };
    case 'settings':
      return { ...state, settings: { ...state.settings, ...event.settings } };
    case 'step':
      return { ...state, step: event.step ?? 0 };
    case 'joined':
      return { ...state, joiners: [...state.joiners, event.displayName ?? ''] };
    case 'closed':
      return { ...state, status: 'closed', outcome: event.outcome ?? state.outcome };
  }
  return state;
}

/** The dots a person has placed over the questions still shown (as the server counts them). */
export const dotsPlaced = (state: TableState): number =>
  state.notes.filter((n) => n.prompt === 'hkw').reduce((sum, n) => sum + (state.marks[n.id]?.mine ?? 0), 0);

/** Groups in a stable, alphabetical order with "no group given" last: never sorted by how many dots. */
export const groupsOf = (dotsByGroup: Record<string, number>): { group: string; dots: number }[] =>
  Object.entries(dotsByGroup)
    .filter(([, dots]) => dots > 0)
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([group, dots]) => ({ group, dots }));

/** Which ingredients recur across which examples: rows by ingredient (alphabetical), a cell per example. */
export function ingredientMatrix(
  examples: LiveNote[],
  tags: Partial<Record<number, string[]>>,
): { ingredient: string; examples: boolean[]; count: number }[] {
  const names = new Map<string, string>();
  for (const example of examples)
    for (const tag of tags[example.id] ?? []) if (!names.has(tag.toLowerCase())) names.set(tag.toLowerCase(), tag);
  return [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, ingredient]) => {
      const cells = examples.map((e) => (tags[e.id] ?? []).some((t) => t.toLowerCase() === key));
      return { ingredient, examples: cells, count: cells.filter(Boolean).length };
    });
}

/** Every prompt the script asks, in script order. */
export const promptsOf = (steps: ScriptStep[]): Prompt[] => [
  ...new Set(steps.flatMap((s) => (s.type === 'notes' ? (s.prompts ?? []) : []))),
];
