import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { LabRole } from './vocabulary';

export const ACCESS_KEY = 'access';

/** Tables a lab-scoped route may name to find its lab from an id in the path. */
export type LabSource =
  | 'labs'
  | 'experiments'
  | 'iterations'
  | 'hypotheses'
  | 'participants'
  | 'indicators'
  | 'observations'
  | 'invitations'
  | 'rounds'
  | 'learnings'
  | 'dialogues'
  | 'summaries';

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'admin' }
  | { kind: 'staff' }
  | { kind: 'lab-read'; from: LabSource; param: string }
  | { kind: 'lab-roles'; roles: LabRole[]; from: LabSource; param: string };

/** The path parameter that names the lab (or the record in a lab), documented in OpenAPI. */
const pathParam = (from: LabSource, name: string) =>
  ApiParam({
    name,
    type: Number,
    description:
      from === 'labs' ? 'The lab' : `The ${from.replace(/s$/, '').replace(/ie$/, 'y').replace(/se$/, 'sis')}`,
  });

/**
 * Every route declares who may call it; the AccessGuard refuses routes that declare nothing.
 * Lab rules find the lab through the path parameter (a lab id, or the id of a record in a lab).
 */
export const Access = {
  public: () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule),
  authenticated: () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule),
  admin: () => SetMetadata(ACCESS_KEY, { kind: 'admin' } satisfies AccessRule),
  /** Staff and admins: those who may start labs and register organisations. */
  staff: () => SetMetadata(ACCESS_KEY, { kind: 'staff' } satisfies AccessRule),
  /**
   * Anyone who may see the lab: everyone for a public lab, members for a members-only lab, coordinators and partners
   * for a private one.
   */
  labRead: (from: LabSource = 'labs', param = from === 'labs' ? 'labId' : 'id') =>
    applyDecorators(
      SetMetadata(ACCESS_KEY, { kind: 'lab-read', from, param } satisfies AccessRule),
      pathParam(from, param),
    ),
  /** Members of the lab with one of these roles (and installation admins). */
  labRoles: (roles: LabRole[], from: LabSource = 'labs', param = from === 'labs' ? 'labId' : 'id') =>
    applyDecorators(
      SetMetadata(ACCESS_KEY, { kind: 'lab-roles', roles, from, param } satisfies AccessRule),
      pathParam(from, param),
    ),
};
