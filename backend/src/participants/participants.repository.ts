import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Actor } from '../common/records';
import { Records } from '../common/records';
import { Db, Tx } from '../database/db';
import { Attendance } from './attendance.entity';
import { Participant } from './participant.entity';

/** One participant at one iteration of their lab (a type, not an interface: an import's preview shows it as it is). */
export type AttendanceMark = {
  iterationId: number;
  participantId: number;
  labId: number;
};

/** An iteration a participant attended, for their personal-data export (columns as the export names them). */
export interface AttendedIterationRow {
  iteration_id: number;
  number: number;
  /** As the driver gives it (a Date on PostgreSQL, text on SQLite): the export has always shown it so. */
  starts_on: unknown;
  experiment: string;
}

/** A history entry of the participant record, its changes parsed. */
export interface ParticipantHistoryRow {
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  created_at: unknown;
}

/** Inserted a chunk at a time: within SQLite's limit on parameters per statement. */
const ATTENDANCE_CHUNK = 500;

/** All of the participants feature's SQL and TypeORM calls: participants, their consent, and attendance. */
@Injectable()
export class ParticipantsRepository {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
  ) {}

  list(labId: number): Promise<Participant[]> {
    return this.db.manager.find(Participant, { where: { labId }, order: { pseudonym: 'ASC', id: 'ASC' } });
  }

  find(id: number): Promise<Participant> {
    return this.db.manager.findOneByOrFail(Participant, { id });
  }

  findIn(tx: Tx, id: number): Promise<Participant> {
    return tx.findOneByOrFail(Participant, { id });
  }

  existsInLab(tx: Tx, id: number, labId: number): Promise<boolean> {
    return tx.existsBy(Participant, { id, labId });
  }

  /** Which of `ids` are participants of the lab. */
  async idsInLab(tx: Tx, ids: number[], labId: number): Promise<number[]> {
    const found = await tx.find(Participant, { where: { id: In(ids), labId }, select: { id: true } });
    return found.map((p) => p.id);
  }

  create(tx: Tx, values: Partial<Participant>, actor: Actor): Promise<Participant> {
    return this.records.create(tx, Participant, 'participant', values, actor);
  }

  update(tx: Tx, id: number, version: number, changes: Partial<Participant>, actor: Actor): Promise<Participant> {
    return this.records.update(tx, Participant, 'participant', id, version, changes, actor);
  }

  /** Overwrites the record's personal fields in place (erasure: no history of the values, see below). */
  async overwrite(tx: Tx, id: number, values: Partial<Participant>): Promise<void> {
    await tx.update(Participant, { id }, values);
  }

  async history(id: number): Promise<ParticipantHistoryRow[]> {
    const rows = await this.db.query(
      `SELECT action, changes, created_at FROM history
       WHERE entity_type = 'participant' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((h) => ({
      action: h['action'] as string,
      changes: (typeof h['changes'] === 'string' ? JSON.parse(h['changes']) : h['changes']) as Record<
        string,
        { from: unknown; to: unknown }
      >,
      created_at: h['created_at'],
    }));
  }

  async countInvitedBy(id: number): Promise<number> {
    return (await this.db.query('SELECT id FROM participants WHERE invited_by_participant_id = $1', [id])).length;
  }

  // Attendance

  /** How many iterations each participant attended. */
  async attendedCounts(participantIds: number[]): Promise<Map<number, number>> {
    const counts = await this.db.manager
      .createQueryBuilder(Attendance, 'a')
      .select('a.participant_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('a.participant_id IN (:...ids)', { ids: participantIds })
      .groupBy('a.participant_id')
      .getRawMany<{ id: number; n: string | number }>();
    return new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
  }

  /** How many participants attended each iteration. */
  async attendeeCounts(iterationIds: number[]): Promise<Map<number, number>> {
    const counts = await this.db.manager
      .createQueryBuilder(Attendance, 'a')
      .select('a.iteration_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('a.iteration_id IN (:...ids)', { ids: iterationIds })
      .groupBy('a.iteration_id')
      .getRawMany<{ id: number; n: string | number }>();
    return new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
  }

  async attendees(iterationId: number): Promise<number[]> {
    const rows = await this.db.manager.find(Attendance, { where: { iterationId }, order: { participantId: 'ASC' } });
    return rows.map((r) => r.participantId);
  }

  async attendeesIn(tx: Tx, iterationId: number): Promise<number[]> {
    return (await tx.find(Attendance, { where: { iterationId } })).map((a) => a.participantId);
  }

  /** Replaces who attended the iteration. */
  async replaceAttendance(tx: Tx, iterationId: number, marks: AttendanceMark[]): Promise<void> {
    await tx.delete(Attendance, { iterationId });
    if (marks.length) await tx.insert(Attendance, marks);
  }

  /** Adds attendance, leaving what is already recorded as it is (an import). */
  async addAttendance(tx: Tx, marks: AttendanceMark[]): Promise<void> {
    for (let i = 0; i < marks.length; i += ATTENDANCE_CHUNK)
      await tx
        .createQueryBuilder()
        .insert()
        .into(Attendance)
        .values(marks.slice(i, i + ATTENDANCE_CHUNK))
        .orIgnore()
        .execute();
  }

  async attendedIterations(participantId: number): Promise<AttendedIterationRow[]> {
    const rows = await this.db.query(
      `SELECT a.iteration_id, i.number, i.starts_on, e.title AS experiment
       FROM attendance a JOIN iterations i ON i.id = a.iteration_id JOIN experiments e ON e.id = i.experiment_id
       WHERE a.participant_id = $1 ORDER BY i.starts_on`,
      [participantId],
    );
    return rows.map((r) => ({
      iteration_id: Number(r['iteration_id']),
      number: Number(r['number']),
      starts_on: r['starts_on'],
      experiment: r['experiment'] as string,
    }));
  }

  /** The lab's attendance with the participants' pseudonyms (the lab's export; personal data). */
  async labAttendance(labId: number): Promise<LabAttendanceRow[]> {
    const rows = await this.db.query(
      `SELECT a.iteration_id, i.number AS iteration_number, i.experiment_id, a.participant_id, p.pseudonym
       FROM attendance a JOIN iterations i ON i.id = a.iteration_id JOIN participants p ON p.id = a.participant_id
       WHERE a.lab_id = $1 ORDER BY a.iteration_id, a.participant_id`,
      [labId],
    );
    return rows.map((r) => ({
      iteration_id: Number(r['iteration_id']),
      iteration_number: Number(r['iteration_number']),
      experiment_id: Number(r['experiment_id']),
      participant_id: Number(r['participant_id']),
      pseudonym: r['pseudonym'] as string,
    }));
  }
}

/** One attendance of the lab's export (columns as the export names them; a type, so a CSV row). */
export type LabAttendanceRow = {
  iteration_id: number;
  iteration_number: number;
  experiment_id: number;
  participant_id: number;
  pseudonym: string;
};
