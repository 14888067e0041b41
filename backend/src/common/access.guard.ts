import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Db } from '../database/db';
import { ACCESS_KEY, AccessRule, LabSource } from './access';
import { Errors } from './domain-error';
import { contextOf } from './request-context';
import type { LabRole, Visibility } from './vocabulary';

const READ_ROLES: Record<Visibility, LabRole[] | 'everyone'> = {
  public: 'everyone',
  members: ['coordinator', 'partner', 'resident', 'observer'],
  private: ['coordinator', 'partner'],
};

/** Where each kind of record keeps its lab id. */
const LAB_ID_FROM: Record<Exclude<LabSource, 'labs'>, string> = {
  experiments: 'experiments',
  iterations: 'iterations',
  hypotheses: 'hypotheses',
  participants: 'participants',
  indicators: 'indicators',
  observations: 'observations',
  invitations: 'invitations',
  rounds: 'evaluation_rounds',
  learnings: 'learnings',
  dialogues: 'dialogues',
  summaries: 'summary_snapshots',
};

/** One query finds the lab, the caller's role in it and the lab's stamp (its data version). */
const ACCESS_SQL = (from: LabSource) =>
  from === 'labs'
    ? `SELECT l.id AS lab_id, l.visibility, CAST(l.data_version AS TEXT) AS data_version, m.role
       FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $2 WHERE l.id = $1`
    : `SELECT l.id AS lab_id, l.visibility, CAST(l.data_version AS TEXT) AS data_version, m.role
       FROM ${LAB_ID_FROM[from]} r JOIN labs l ON l.id = r.lab_id
       LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $2 WHERE r.id = $1`;

const NOT_FOUND_NAME: Record<LabSource, string> = {
  labs: 'lab',
  experiments: 'experiment',
  iterations: 'iteration',
  hypotheses: 'hypothesis',
  participants: 'participant',
  indicators: 'indicator',
  observations: 'observation',
  invitations: 'invitation',
  rounds: 'round',
  learnings: 'learning',
  dialogues: 'dialogue',
  summaries: 'summary',
};

/** Closed by default: a route without an @Access rule answers 403 to everyone. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: Db,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest();
    const ctx = contextOf(request);
    if (!rule) throw Errors.forbidden('This route is not open to anyone.');
    if (rule.kind === 'public') return true;
    if (rule.kind === 'authenticated') {
      if (!ctx.user) throw Errors.unauthenticated();
      return true;
    }
    if (rule.kind === 'staff') {
      if (!ctx.user) throw Errors.unauthenticated();
      if (ctx.user.installationRole === 'member')
        throw Errors.forbidden(
          'Only staff of a municipality or partner organisation may do this. Ask the administrator.',
        );
      return true;
    }
    if (rule.kind === 'admin') {
      if (!ctx.user) throw Errors.unauthenticated();
      if (!ctx.user.isAdmin) throw Errors.forbidden('Only an administrator may do this.');
      return true;
    }

    const raw = request.params?.[rule.param];
    const id = Number(raw);
    if (!/^\d{1,15}$/.test(String(raw)) || !Number.isSafeInteger(id)) {
      throw Errors.validation([{ field: rule.param, message: 'must be a positive whole number' }]);
    }
    const name = NOT_FOUND_NAME[rule.from];
    const [lab] = await this.db.query<{
      lab_id: number;
      visibility: Visibility;
      role: LabRole | null;
      data_version: number | string;
    }>(ACCESS_SQL(rule.from), [id, ctx.user?.id ?? -1]);
    if (!lab) throw Errors.notFound(name, id);
    const labId = Number(lab.lab_id);
    const role: LabRole | null = lab.role ?? null;
    const isAdmin = !!ctx.user?.isAdmin;
    ctx.lab = { labId, visibility: lab.visibility, role, isAdmin, stamp: String(lab.data_version) };

    if (isAdmin) return true;
    const readRoles = READ_ROLES[lab.visibility as Visibility];
    const canRead = readRoles === 'everyone' || (role !== null && readRoles.includes(role));
    if (rule.kind === 'lab-read') {
      if (canRead) return true;
      // A lab you may not see does not exist, as far as you can tell.
      throw Errors.notFound(name, id);
    }
    // A role only counts in a lab its holder may see: residents of a private lab see nothing of it.
    if (!canRead) throw Errors.notFound(name, id);
    if (role && rule.roles.includes(role)) return true;
    if (!ctx.user) throw Errors.unauthenticated();
    throw Errors.forbidden(`Your role in this lab (${role ?? 'none'}) does not allow this.`);
  }
}
