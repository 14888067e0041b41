/** The words of access that common/ (the guard, the request context) and the features share. */
export const LAB_ROLES = ['coordinator', 'partner', 'resident', 'observer'] as const;
export type LabRole = (typeof LAB_ROLES)[number];
export const VISIBILITIES = ['private', 'members', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** Whom someone speaks for, in a round's contribution and in a reflection on an iteration. */
export const STAKEHOLDER_GROUPS = [
  'resident',
  'volunteer',
  'professional',
  'partner',
  'municipality',
  'other',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];
/** How far a lab or an experiment reaches: labs and experiments share the scale. */
export const SCALES = ['street', 'neighbourhood', 'city', 'region', 'national'] as const;
export type Scale = (typeof SCALES)[number];
/**
 * What an account may do in the whole installation. admin: manages accounts; staff: may start labs (municipality
 * and partner-organisation staff); member: everyone else.
 */
export const INSTALLATION_ROLES = ['admin', 'staff', 'member'] as const;
export type InstallationRole = (typeof INSTALLATION_ROLES)[number];
