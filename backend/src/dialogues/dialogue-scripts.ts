import type { DialogueKind, DialogueStep } from './dialogue.entity';

/** Each kind's script, as the report describes the tables; a facilitator can edit it per dialogue. */
export const SCRIPTS: Record<DialogueKind, DialogueStep[]> = {
  focustafel: [
    { type: 'welcome' },
    { type: 'notes', prompts: ['ontkiemd'] },
    { type: 'notes', prompts: ['knel'] },
    { type: 'cluster' },
    { type: 'notes', prompts: ['hkw'] },
    { type: 'dots' },
    { type: 'closing' },
  ],
  verdiepingstafel: [
    { type: 'welcome' },
    { type: 'notes', prompts: ['example'] },
    { type: 'tags' },
    { type: 'matrix' },
    { type: 'closing' },
  ],
  werkplaats: [
    { type: 'welcome' },
    { type: 'notes', prompts: ['case'] },
    { type: 'notes', prompts: ['tip', 'question'] },
    { type: 'queue' },
    { type: 'closing' },
  ],
  open: [{ type: 'welcome' }, { type: 'notes', prompts: ['open-1'] }, { type: 'closing' }],
};
