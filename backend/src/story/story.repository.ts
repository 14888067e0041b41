import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

/** A day (YYYY-MM-DD) of a date column, whichever way the driver hands it out. */
export const day = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v as string).toISOString().slice(0, 10);
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The statements behind a lab's charts ($1 is the lab), in the order computeCharts reads them; the benchmark
 * times the very same ones on the raw driver. Measures are summed per indicator, day and iteration in SQL
 * (a covering index serves it); "without its story" comes from the measures without a context note (a
 * partial index holds exactly these) and the iterations that have a story. Attendance comes as one row per
 * iteration with its attendees' ids (from a covering index), not one row per attendance.
 */
export function chartQueries(dialect: 'sqlite' | 'postgres'): readonly string[] {
  return CHART_SQL[dialect];
}

function buildChartQueries(dialect: 'sqlite' | 'postgres'): readonly string[] {
  const ids = dialect === 'postgres' ? "string_agg(participant_id::text, ',')" : 'GROUP_CONCAT(participant_id)';
  return [
    'SELECT id, name, unit, signal_of FROM indicators WHERE lab_id = $1 ORDER BY name',
    'SELECT indicator_id, observed_on, iteration_id, COUNT(*) AS n, SUM(value) AS total FROM observations' +
      " WHERE lab_id = $1 AND kind = 'measure' GROUP BY indicator_id, observed_on, iteration_id" +
      ' ORDER BY indicator_id, observed_on, iteration_id',
    'SELECT indicator_id, iteration_id, COUNT(*) AS n FROM observations' +
      " WHERE lab_id = $1 AND kind = 'measure' AND COALESCE(context_note, '') = '' GROUP BY indicator_id, iteration_id",
    "SELECT DISTINCT iteration_id FROM observations WHERE lab_id = $1 AND kind = 'story' AND iteration_id IS NOT NULL",
    'SELECT id, number, experiment_id, starts_on FROM iterations WHERE lab_id = $1',
    `SELECT iteration_id, ${ids} AS ids FROM attendance WHERE lab_id = $1 GROUP BY iteration_id`,
    'SELECT id, groups, invited_by_participant_id FROM participants WHERE lab_id = $1',
    'SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id' +
      ' WHERE p.lab_id = $1 ORDER BY p.joined_at',
  ];
}

/** Built once per dialect: the statements are constants, their only value is the lab. */
const CHART_SQL = { sqlite: buildChartQueries('sqlite'), postgres: buildChartQueries('postgres') };

/** A column as the driver hands it out in a row of arrays: converted where it is read, once per row. */
export type Cell = string | number | null;

/**
 * The rows behind the charts, as arrays of their columns in the order selected (see chartQueries): thousands of
 * rows, where making an object per row is a fifth of the driver's time.
 */
export interface ChartRows {
  indicators: [id: Cell, name: string, unit: string, signalOf: string][];
  days: [indicatorId: Cell, observedOn: Cell, iterationId: Cell, n: Cell, total: Cell][];
  bare: [indicatorId: Cell, iterationId: Cell, n: Cell][];
  storied: [iterationId: Cell][];
  iterations: [id: Cell, number: Cell, experimentId: Cell, startsOn: string][];
  attendance: [iterationId: Cell, ids: Cell][];
  /** The groups as stored: JSON text on SQLite, a list on PostgreSQL. */
  participants: [id: Cell, groups: string | string[], invitedBy: Cell][];
  partners: [name: string, joinedAt: Cell][];
}

export interface TimelineLabRow {
  name: string;
  createdOn: string;
}

export interface TimelinePartnerRow {
  name: string;
  joinedOn: string;
}

export interface TimelineIterationRow {
  id: number;
  number: number;
  experimentId: number;
  startsOn: string;
  endsOn: string | null;
  plan: string | null;
  decision: string | null;
  decisionReasons: string | null;
  updatedOn: string;
  experimentTitle: string;
}

export interface TimelineStatusRow {
  hypothesisId: number;
  fromStatus: string;
  toStatus: string;
  rationale: string;
  recordedOn: string;
  ifWe: string;
  iterationNumber: number | null;
  iterationStartsOn: string | null;
  iterationEndsOn: string | null;
}

export interface TimelineLabChangeRow {
  changes: Record<string, { from: unknown; to: unknown }>;
  changedOn: string;
}

export interface TimelineRows {
  lab: TimelineLabRow | null;
  partners: TimelinePartnerRow[];
  iterations: TimelineIterationRow[];
  statusChanges: TimelineStatusRow[];
  labChanges: TimelineLabChangeRow[];
  dialogues: TimelineDialogueRow[];
}

/** A closed table (tafel): how many joined on a phone, and what its closing wrote (counts only). */
export interface TimelineDialogueRow {
  id: number;
  title: string;
  kind: string;
  heldOn: string;
  joined: number;
  outcome: Record<string, unknown> | null;
}

/**
 * All of the story's SQL: it reads what the features below it hold (labs, partners, iterations, hypotheses,
 * observations, attendance, participants, the history) and writes nothing.
 */
@Injectable()
export class StoryRepository {
  constructor(private readonly db: Db) {}

  async timeline(labId: number): Promise<TimelineRows> {
    const [lab, partners, iterations, statusEvents, labChanges, dialogues] = await Promise.all([
      this.db.query('SELECT name, created_at FROM labs WHERE id = $1', [labId]),
      this.db.query(
        'SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id' +
          ' WHERE p.lab_id = $1',
        [labId],
      ),
      this.db.query(
        `SELECT i.id, i.number, i.experiment_id, i.starts_on, i.ends_on, i.plan, i.decision, i.decision_reasons,
                i.updated_at, e.title
         FROM iterations i JOIN experiments e ON e.id = i.experiment_id WHERE i.lab_id = $1`,
        [labId],
      ),
      this.db.query(
        `SELECT ev.id, ev.hypothesis_id, ev.from_status, ev.to_status, ev.rationale, ev.created_at, h.if_we, i.number,
                i.ends_on, i.starts_on
         FROM hypothesis_events ev JOIN hypotheses h ON h.id = ev.hypothesis_id
              LEFT JOIN iterations i ON i.id = ev.iteration_id
         WHERE ev.lab_id = $1 AND ev.from_status IS NOT NULL`,
        [labId],
      ),
      this.db.query(
        "SELECT id, changes, created_at FROM history WHERE lab_id = $1 AND entity_type = 'lab' AND action = 'update'",
        [labId],
      ),
      this.db.query(
        `SELECT d.id, d.title, d.kind, d.created_at, d.outcome,
                (SELECT COUNT(*) FROM dialogue_joiners j WHERE j.dialogue_id = d.id AND j.user_id IS NULL) AS joined
         FROM dialogues d WHERE d.lab_id = $1 AND d.status = 'closed'`,
        [labId],
      ),
    ]);
    return {
      lab: lab[0] ? { name: lab[0]['name'] as string, createdOn: day(lab[0]['created_at']) } : null,
      partners: partners.map((p) => ({ name: p['name'] as string, joinedOn: day(p['joined_at']) })),
      iterations: iterations.map((i) => ({
        id: Number(i['id']),
        number: Number(i['number']),
        experimentId: Number(i['experiment_id']),
        startsOn: i['starts_on'] as string,
        endsOn: (i['ends_on'] as string) ?? null,
        plan: (i['plan'] as string) ?? null,
        decision: (i['decision'] as string) ?? null,
        decisionReasons: (i['decision_reasons'] as string) ?? null,
        updatedOn: day(i['updated_at']),
        experimentTitle: i['title'] as string,
      })),
      statusChanges: statusEvents.map((e) => ({
        hypothesisId: Number(e['hypothesis_id']),
        fromStatus: e['from_status'] as string,
        toStatus: e['to_status'] as string,
        rationale: e['rationale'] as string,
        recordedOn: day(e['created_at']),
        ifWe: e['if_we'] as string,
        iterationNumber: numberOrNull(e['number']),
        iterationStartsOn: (e['starts_on'] as string) ?? null,
        iterationEndsOn: (e['ends_on'] as string) ?? null,
      })),
      labChanges: labChanges.map((h) => ({
        changes: json<Record<string, { from: unknown; to: unknown }>>(h['changes']),
        changedOn: day(h['created_at']),
      })),
      dialogues: dialogues.map((d) => ({
        id: Number(d['id']),
        title: d['title'] as string,
        kind: d['kind'] as string,
        heldOn: day(d['created_at']),
        joined: Number(d['joined']),
        outcome: d['outcome'] ? json<Record<string, unknown>>(d['outcome']) : null,
      })),
    };
  }

  /** The chart rows of a lab, eight statements at once, as arrays (see ChartRows). */
  async charts(labId: number): Promise<ChartRows> {
    const [indicators, days, bare, storied, iterations, attendance, participants, partners] = await Promise.all(
      chartQueries(this.db.isPostgres ? 'postgres' : 'sqlite').map((sql) => this.db.rows(sql, [labId])),
    );
    return {
      indicators: indicators as ChartRows['indicators'],
      days: days as ChartRows['days'],
      bare: bare as ChartRows['bare'],
      storied: storied as ChartRows['storied'],
      iterations: iterations as ChartRows['iterations'],
      attendance: attendance as ChartRows['attendance'],
      participants: participants as ChartRows['participants'],
      partners: partners as ChartRows['partners'],
    };
  }
}
