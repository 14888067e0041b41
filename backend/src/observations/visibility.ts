import type { LabAccess } from '../common/request-context';
import type { Audience } from './vocabulary';

/** How the caller relates to a lab, for what they may see of its observations. */
export type Viewer = 'team' | 'member' | 'observer' | 'public';

export function viewerOf(access: LabAccess): Viewer {
  if (access.isAdmin || access.role === 'coordinator' || access.role === 'partner') return 'team';
  if (access.role === 'resident') return 'member';
  if (access.role === 'observer') return 'observer';
  return 'public';
}

/** The audiences whose stories a viewer may read. A story's audience is the widest circle it may reach. */
export function audiencesFor(viewer: Viewer): Audience[] {
  switch (viewer) {
    case 'team':
    case 'member':
      return ['lab', 'municipality', 'public'];
    case 'observer':
      return ['municipality', 'public'];
    default:
      return ['public'];
  }
}

/** Personal data (who told a story) is for the lab's coordinators and partners only. */
export const seesPersonalData = (viewer: Viewer): boolean => viewer === 'team';
