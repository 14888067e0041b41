/**
 * One colour per stakeholder group, the same in every chart, legend and table of the dashboard, so a group is
 * recognised at a glance across a page. Distinguishable without red/green meaning, each with AA contrast against
 * white; no colour says "good" or "bad".
 */
export const GROUP_COLOURS: Record<string, string> = {
  resident: '#1d4f6e',
  volunteer: '#b35c00',
  professional: '#0f766e',
  partner: '#6b3fa0',
  municipality: '#5c6b77',
  other: '#8a4b2a',
};

/** The colour of a stakeholder group; a group not in the list gets the neutral colour of "other". */
export const colourOfGroup = (group: string): string => GROUP_COLOURS[group] ?? GROUP_COLOURS['other'];
