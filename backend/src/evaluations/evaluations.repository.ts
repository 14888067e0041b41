import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { Actor, Records } from '../common/records';
import type { StakeholderGroup } from '../common/vocabulary';
import { Db, managerQuery, Tx } from '../database/db';
import { Appreciation } from './appreciation.entity';
import { Contribution } from './contribution.entity';
import { FollowUp } from './follow-up.entity';
import { EvaluationRound } from './round.entity';

export type { Tx };

/** A round in the lab's list, with how many contributed and whether the caller did. */
export interface RoundListRow {
  id: number;
  labId: number;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  contributionCount: number;
  contributed: boolean;
  closedAt: string | null;
  deadline: string | null;
}

/** An iteration a round looks back on, with its experiment's title. */
export interface RoundIterationRow {
  id: number;
  number: number;
  experimentTitle: string;
  startsOn: string;
  act: string | null;
  observe: string | null;
  reflect: string | null;
}

export interface FollowUpRow {
  id: number;
  kind: string;
  text: string;
  iterationId: number | null;
  iterationNumber: number | null;
  at: string;
}

export interface ContributorRow {
  contributionId: number;
  name: string | null;
}

/** What a contribution holds, apart from its appreciations. */
export interface ContributionValues {
  stakeholderGroup: StakeholderGroup;
  showName: boolean;
  answers: { prompt: number; text: string }[];
  nominatedObservationId: number | null;
  nominationReason: string | null;
}

export interface AppreciationValues {
  dimension: string;
  score: number | null;
}

/** The round's own values as created (its history entry is written with it). */
export type NewRound = Omit<EvaluationRound, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'labRef'>;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const isoOrNull = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The evaluation rounds' SQL and TypeORM calls: rounds, contributions with their appreciations, follow-ups, and
 * what a round reads of the lab below it (its value dimensions, its iterations). A round's results: see
 * RoundResultsRepository.
 */
@Injectable()
export class EvaluationsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  /** A deleted account's contributions stay, without its name. */
  async unnameContributionsOf(tx: Tx, userId: number): Promise<void> {
    await managerQuery(tx, 'UPDATE contributions SET show_name = FALSE WHERE user_id = $1', [userId]);
  }

  round(id: number): Promise<EvaluationRound | null> {
    return this.db.manager.findOneBy(EvaluationRound, { id });
  }

  async list(labId: number, userId: number): Promise<RoundListRow[]> {
    const rows = await this.db.query(
      `SELECT r.id, r.lab_id, r.title, r.period_start, r.period_end, r.status, r.closed_at, r.deadline,
              (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id) AS n,
              (SELECT COUNT(*) FROM contributions c WHERE c.round_id = r.id AND c.user_id = $2) AS mine
       FROM evaluation_rounds r WHERE r.lab_id = $1 ORDER BY r.period_end DESC, r.id DESC`,
      [labId, userId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      labId: Number(r['lab_id']),
      title: r['title'] as string,
      periodStart: r['period_start'] as string,
      periodEnd: r['period_end'] as string,
      status: r['status'] as string,
      contributionCount: Number(r['n']),
      contributed: Number(r['mine']) > 0,
      closedAt: isoOrNull(r['closed_at']),
      deadline: (r['deadline'] as string) ?? null,
    }));
  }

  /** The lab's value dimensions (the lab is below the rounds: read, never written here). */
  async valueDimensions(labId: number): Promise<string[] | null> {
    const [row] = await this.db.query('SELECT value_dimensions FROM labs WHERE id = $1', [labId]);
    return row ? json<string[]>(row['value_dimensions']) : null;
  }

  /** How many of these distinct iterations belong to the lab. */
  async countIterationsOfLab(labId: number, iterationIds: number[]): Promise<number> {
    const ids = [...new Set(iterationIds)];
    const [row] = await this.db.query(
      `SELECT COUNT(*) AS n FROM iterations WHERE lab_id = $1 AND id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`,
      [labId, ...ids],
    );
    return Number(row?.['n'] ?? 0);
  }

  async iterationOfLab(iterationId: number, labId: number): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM iterations WHERE id = $1 AND lab_id = $2', [
      iterationId,
      labId,
    ]);
    return rows.length > 0;
  }

  /** The round's iterations with their experiments' titles, earliest first. */
  async iterations(labId: number, iterationIds: number[]): Promise<RoundIterationRow[]> {
    if (!iterationIds.length) return [];
    const rows = await this.db.query(
      `SELECT i.id, i.number, i.starts_on, i.act, i.observe, i.reflect, e.title
       FROM iterations i JOIN experiments e ON e.id = i.experiment_id
       WHERE i.lab_id = $1 AND i.id IN (${iterationIds.map(Number).join(',')}) ORDER BY i.starts_on, i.id`,
      [labId],
    );
    return rows.map((i) => ({
      id: Number(i['id']),
      number: Number(i['number']),
      experimentTitle: i['title'] as string,
      startsOn: i['starts_on'] as string,
      act: (i['act'] as string) ?? null,
      observe: (i['observe'] as string) ?? null,
      reflect: (i['reflect'] as string) ?? null,
    }));
  }

  create(tx: Tx, values: NewRound, actor: Actor): Promise<EvaluationRound> {
    return this.records.create(tx, EvaluationRound, 'round', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<EvaluationRound>, actor: Actor): Promise<unknown> {
    return this.records.update(tx, EvaluationRound, 'round', id, version, changes, actor);
  }

  /** The lab's rounds, earliest end first; only the closed ones when `closedOnly`. */
  roundsOfLab(labId: number, closedOnly: boolean): Promise<EvaluationRound[]> {
    return this.db.manager.find(EvaluationRound, {
      where: { labId, ...(closedOnly ? { status: 'closed' as const } : {}) },
      order: { periodEnd: 'ASC', id: 'ASC' },
    });
  }

  contributionOf(roundId: number, userId: number, m: Tx = this.db.manager): Promise<Contribution | null> {
    return m.findOneBy(Contribution, { roundId, userId });
  }

  countContributions(roundId: number): Promise<number> {
    return this.db.manager.count(Contribution, { where: { roundId } });
  }

  contributions(roundId: number): Promise<Contribution[]> {
    return this.db.manager.find(Contribution, { where: { roundId }, order: { id: 'ASC' } });
  }

  /** Each contribution's author's display name (whether it may be shown is the service's rule). */
  async contributors(roundId: number): Promise<ContributorRow[]> {
    const rows = await this.db.query(
      `SELECT c.id, u.display_name AS name
       FROM contributions c INNER JOIN users u ON u.id = c.user_id WHERE c.round_id = $1`,
      [roundId],
    );
    return rows.map((r) => ({ contributionId: Number(r['id']), name: (r['name'] as string) ?? null }));
  }

  appreciationsOf(contributionId: number): Promise<Appreciation[]> {
    return this.db.manager.find(Appreciation, { where: { contributionId } });
  }

  appreciationsOfRound(roundId: number): Promise<Appreciation[]> {
    return this.db.manager.find(Appreciation, { where: { roundId } });
  }

  /** Changes the caller's contribution or makes it; the contribution's id. */
  async saveContribution(tx: Tx, roundId: number, userId: number, values: ContributionValues): Promise<number> {
    const existing = await this.contributionOf(roundId, userId, tx);
    if (existing) {
      const changes: QueryDeepPartialEntity<Contribution> = { ...values, version: existing.version + 1 };
      await tx.update(Contribution, { id: existing.id }, changes);
      return existing.id;
    }
    return (await tx.save(tx.create(Contribution, { roundId, userId, ...values }))).id;
  }

  /** The contribution's appreciations become these (the group kept with each, so results count in SQL). */
  async replaceAppreciations(
    tx: Tx,
    contribution: { id: number; roundId: number; stakeholderGroup: string },
    appreciations: AppreciationValues[],
  ): Promise<void> {
    await tx.delete(Appreciation, { contributionId: contribution.id });
    if (!appreciations.length) return;
    await tx.insert(
      Appreciation,
      appreciations.map((a) => ({
        contributionId: contribution.id,
        roundId: contribution.roundId,
        dimension: a.dimension,
        stakeholderGroup: contribution.stakeholderGroup,
        score: a.score,
      })),
    );
  }

  async followUps(roundId: number): Promise<FollowUpRow[]> {
    const rows = await this.db.query(
      `SELECT f.id, f.kind, f.text, f.iteration_id, i.number, f.created_at
       FROM round_follow_ups f LEFT JOIN iterations i ON i.id = f.iteration_id WHERE f.round_id = $1 ORDER BY f.id`,
      [roundId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      kind: r['kind'] as string,
      text: r['text'] as string,
      iterationId: numberOrNull(r['iteration_id']),
      iterationNumber: numberOrNull(r['number']),
      at: new Date(r['created_at'] as string).toISOString(),
    }));
  }

  createFollowUp(tx: Tx, values: Omit<FollowUp, 'id' | 'createdAt' | 'roundRef' | 'iterationRef'>, actor: Actor) {
    return this.records.create(tx, FollowUp, 'round_follow_up', values, actor);
  }
}
