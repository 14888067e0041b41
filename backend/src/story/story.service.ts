import { Injectable } from '@nestjs/common';
import type { LabAccess } from '../common/request-context';
import { LabCache } from '../common/lab-cache';
import type { RawJson } from '../common/raw-json';
import { Db } from '../database/db';
import {
  ChartsDto,
  IndicatorPointDto,
  IndicatorSeriesDto,
  TIMELINE_PAGE,
  TimelineDto,
  TimelineEventDto,
} from './dto/story.dto';
import { reachPerIteration, snowball } from './derived';

const MAX_POINTS = 500;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const day = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v as string).toISOString().slice(0, 10);

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
  return [
    'SELECT id, name, unit, signal_of FROM indicators WHERE lab_id = $1 ORDER BY name',
    "SELECT indicator_id, observed_on, iteration_id, COUNT(*) AS n, SUM(value) AS total FROM observations WHERE lab_id = $1 AND kind = 'measure' GROUP BY indicator_id, observed_on, iteration_id ORDER BY indicator_id, observed_on, iteration_id",
    "SELECT indicator_id, iteration_id, COUNT(*) AS n FROM observations WHERE lab_id = $1 AND kind = 'measure' AND COALESCE(context_note, '') = '' GROUP BY indicator_id, iteration_id",
    "SELECT DISTINCT iteration_id FROM observations WHERE lab_id = $1 AND kind = 'story' AND iteration_id IS NOT NULL",
    'SELECT id, number, experiment_id, starts_on FROM iterations WHERE lab_id = $1',
    `SELECT iteration_id, ${dialect === 'postgres' ? "string_agg(participant_id::text, ',')" : 'GROUP_CONCAT(participant_id)'} AS ids FROM attendance WHERE lab_id = $1 GROUP BY iteration_id`,
    'SELECT id, groups, invited_by_participant_id FROM participants WHERE lab_id = $1',
    'SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.lab_id = $1 ORDER BY p.joined_at',
  ];
}

/** Built once per dialect: the statements are constants, their only value is the lab. */
const CHART_SQL = { sqlite: buildChartQueries('sqlite'), postgres: buildChartQueries('postgres') };

/** The lab's story over time: a timeline of what happened and the charts of its signals. No personal data. */
@Injectable()
export class StoryService {
  constructor(
    private readonly db: Db,
    private readonly cache: LabCache,
  ) {}

  async computeTimeline(labId: number): Promise<TimelineDto> {
    const [lab, partners, iterations, statusEvents, labChanges] = await Promise.all([
      this.db.query('SELECT name, created_at FROM labs WHERE id = $1', [labId]),
      this.db.query(
        'SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.lab_id = $1',
        [labId],
      ),
      this.db.query(
        'SELECT i.id, i.number, i.experiment_id, i.starts_on, i.ends_on, i.plan, i.decision, i.decision_reasons, i.updated_at, e.title FROM iterations i JOIN experiments e ON e.id = i.experiment_id WHERE i.lab_id = $1',
        [labId],
      ),
      this.db.query(
        'SELECT ev.id, ev.hypothesis_id, ev.from_status, ev.to_status, ev.rationale, ev.created_at, h.if_we, i.number, i.ends_on, i.starts_on FROM hypothesis_events ev JOIN hypotheses h ON h.id = ev.hypothesis_id LEFT JOIN iterations i ON i.id = ev.iteration_id WHERE ev.lab_id = $1 AND ev.from_status IS NOT NULL',
        [labId],
      ),
      this.db.query(
        "SELECT id, changes, created_at FROM history WHERE lab_id = $1 AND entity_type = 'lab' AND action = 'update'",
        [labId],
      ),
    ]);
    const events: TimelineEventDto[] = [];
    const base = {
      title: null,
      detail: null,
      iterationNumber: null,
      experimentId: null,
      code: null,
      previousCode: null,
      recordId: null,
    };
    if (lab[0]) {
      // A lab recorded after the fact started with its first partner or iteration, not on the day it was entered.
      const first = [
        day(lab[0]['created_at']),
        ...partners.map((p) => day(p['joined_at'])),
        ...iterations.map((i) => i['starts_on'] as string),
      ].sort()[0];
      events.push({ ...base, date: first, kind: 'lab_started', title: lab[0]['name'] as string });
    }
    for (const p of partners)
      events.push({ ...base, date: day(p['joined_at']), kind: 'partner_joined', title: p['name'] as string });
    // A decision without an end date is dated at the start of the experiment's next iteration, else when it was logged.
    // The earliest start among each experiment's later iterations, found in one pass from the last iteration back.
    const laterStart = new Map<number, string | undefined>();
    const byExperiment = new Map<number, Record<string, unknown>[]>();
    for (const i of iterations) {
      const list = byExperiment.get(Number(i['experiment_id']));
      if (list) list.push(i);
      else byExperiment.set(Number(i['experiment_id']), [i]);
    }
    for (const list of byExperiment.values()) {
      list.sort((a, b) => Number(b['number']) - Number(a['number']));
      let earliest: string | undefined;
      for (let k = 0; k < list.length; k++) {
        if (k > 0 && Number(list[k - 1]['number']) > Number(list[k]['number'])) {
          const start = list[k - 1]['starts_on'] as string;
          if (earliest === undefined || start < earliest) earliest = start;
        }
        laterStart.set(Number(list[k]['id']), earliest);
      }
    }
    const nextStart = (i: Record<string, unknown>) => laterStart.get(Number(i['id']));
    for (const i of iterations) {
      const common = {
        iterationNumber: Number(i['number']),
        experimentId: Number(i['experiment_id']),
        recordId: Number(i['id']),
        title: i['title'] as string,
      };
      events.push({
        ...base,
        ...common,
        date: i['starts_on'] as string,
        kind: 'iteration_started',
        detail: (i['plan'] as string) ?? null,
      });
      if (i['decision'])
        events.push({
          ...base,
          ...common,
          date: (i['ends_on'] as string) ?? nextStart(i) ?? day(i['updated_at']),
          kind: 'iteration_decided',
          code: i['decision'] as string,
          detail: (i['decision_reasons'] as string) ?? null,
        });
    }
    for (const e of statusEvents) {
      // A status change belongs on the timeline where its iteration ended; otherwise when it was recorded.
      const date = (e['ends_on'] as string) ?? (e['starts_on'] as string) ?? day(e['created_at']);
      events.push({
        ...base,
        date,
        kind: 'hypothesis_status',
        title: e['if_we'] as string,
        detail: e['rationale'] as string,
        code: e['to_status'] as string,
        previousCode: e['from_status'] as string,
        iterationNumber: e['number'] === null ? null : Number(e['number']),
        recordId: Number(e['hypothesis_id']),
      });
    }
    for (const h of labChanges) {
      const changes = json<Record<string, { from: unknown; to: unknown }>>(h['changes']);
      for (const field of ['scale', 'status'] as const) {
        if (changes[field])
          events.push({
            ...base,
            date: day(h['created_at']),
            kind: 'lab_changed',
            title: field,
            code: String(changes[field].to),
            previousCode: String(changes[field].from),
          });
      }
    }
    const order = [
      'lab_started',
      'partner_joined',
      'lab_changed',
      'iteration_started',
      'hypothesis_status',
      'iteration_decided',
    ];
    events.sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        order.indexOf(a.kind) - order.indexOf(b.kind) ||
        (a.iterationNumber ?? 0) - (b.iterationNumber ?? 0),
    );
    return { events, total: events.length };
  }

  /** Kept per lab until anything in it changes (LabCache); no personal data, so one answer serves every viewer. */
  charts(access: LabAccess): Promise<RawJson> {
    return this.cache.json(access, 'charts', () => this.computeCharts(access.labId));
  }

  /** The most recent `limit` events: a lab with thousands of iterations still answers with a page, not a book. */
  timeline(access: LabAccess, limit = TIMELINE_PAGE): Promise<RawJson> {
    return this.cache.json(access, `timeline:${limit}`, async () => {
      const { events } = await this.cache.get(access, 'timeline', () => this.computeTimeline(access.labId));
      return { events: events.slice(Math.max(0, events.length - limit)), total: events.length };
    });
  }

  /** The work in JavaScript is bounded by the number of days, not the number of measures (see CHART_QUERIES). */
  async computeCharts(labId: number): Promise<ChartsDto> {
    const [indicators, days, bare, storied, iterations, attendance, participants, partners] = await Promise.all(
      chartQueries(this.db.isPostgres ? 'postgres' : 'sqlite').map((sql) => this.db.rows(sql, [labId])),
    );
    const numberOf = new Map(iterations.map(([id, number]) => [Number(id), Number(number)]));
    const withStory = new Set(storied.map(([iterationId]) => Number(iterationId)));
    const withoutStory = new Map<number, number>();
    for (const [indicatorId, iterationId, n] of bare) {
      if (iterationId !== null && withStory.has(Number(iterationId))) continue;
      withoutStory.set(Number(indicatorId), (withoutStory.get(Number(indicatorId)) ?? 0) + Number(n));
    }
    const byIndicator = new Map<number, Sum[]>();
    for (const [indicatorId, observedOn, iterationId, n, total] of days) {
      const id = Number(indicatorId);
      let list = byIndicator.get(id);
      if (!list) byIndicator.set(id, (list = []));
      list.push({
        date: day(observedOn),
        total: Number(total),
        count: Number(n),
        iterationNumber: iterationId === null ? null : (numberOf.get(Number(iterationId)) ?? null),
      });
    }
    const series: IndicatorSeriesDto[] = indicators.map(([id, name, unit, signalOf]) => ({
      indicatorId: Number(id),
      name: name as string,
      unit: unit as string,
      signalOf: signalOf as string,
      points: reduceSums(byIndicator.get(Number(id)) ?? []),
      withoutStory: withoutStory.get(Number(id)) ?? 0,
    }));
    const refs = iterations.map(([id, number, experimentId, startsOn]) => ({
      id: Number(id),
      number: Number(number),
      experimentId: Number(experimentId),
      startsOn: startsOn as string,
    }));
    const attendees = new Map(
      attendance.map(([iterationId, ids]) => [Number(iterationId), String(ids).split(',').map(Number)]),
    );
    // The groups as stored: JSON text on SQLite, parsed once per distinct list (see GroupSets).
    const groups = new Map(participants.map(([id, list]) => [Number(id), list as string[] | string]));
    const reach = reachPerIteration(refs, attendees, groups);
    const invitedBy = new Map(participants.map(([id, , by]) => [Number(id), by === null ? null : Number(by)]));
    return {
      indicators: series,
      reach,
      partners: partners.map(([name, joinedAt], i) => ({ date: day(joinedAt), count: i + 1, label: name as string })),
      snowball: snowball(reach, attendees, invitedBy),
    };
  }
}

/** Measures of one indicator summed per day and iteration. */
interface Sum {
  date: string;
  total: number;
  count: number;
  iterationNumber: number | null;
}

/**
 * One point per day and iteration, the average of its measures. Above MAX_POINTS, consecutive days are
 * averaged into equal buckets (weighted by their measures), so a chart never has to draw more than that.
 */
export function reduceSums(sums: Sum[], max = MAX_POINTS): IndicatorPointDto[] {
  const size = Math.max(1, Math.ceil(sums.length / max));
  const out: IndicatorPointDto[] = [];
  for (let i = 0; i < sums.length; i += size) {
    let total = 0;
    let count = 0;
    const end = Math.min(i + size, sums.length);
    for (let k = i; k < end; k++) {
      total += sums[k].total;
      count += sums[k].count;
    }
    const last = sums[end - 1];
    out.push({ date: last.date, value: total / count, iterationNumber: last.iterationNumber, count });
  }
  return out;
}
