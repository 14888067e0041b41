/** The words of an observation, for every feature that reads or writes them (an import checks its rows too). */
export const OBSERVATION_KINDS = ['measure', 'story'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
export const AUDIENCES = ['lab', 'municipality', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const SELF_RELIANCE = ['self', 'together', 'professional'] as const;
export type SelfReliance = (typeof SELF_RELIANCE)[number];
