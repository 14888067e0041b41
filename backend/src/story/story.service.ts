import { Injectable } from '@nestjs/common';
import type { LabAccess } from '../common/request-context';
import { Db } from '../database/db.service';
import { ChartsDto, IndicatorSeriesDto, TimelineDto, TimelineEventDto } from './dto/story.dto';
import { reachPerIteration, snowball } from './derived';

const MAX_POINTS = 500;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const day = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v as string).toISOString().slice(0, 10));

/** The lab's story over time: a timeline of what happened and the charts of its signals. No personal data. */
@Injectable()
export class StoryService {
  constructor(private readonly db: Db) {}


  async timeline(labId: number): Promise<TimelineDto> {
    const [lab, partners, iterations, statusEvents, labChanges] = await Promise.all([
      this.db.query('SELECT name, created_at FROM labs WHERE id = $1', [labId]),
      this.db.query('SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.lab_id = $1', [labId]),
      this.db.query('SELECT i.id, i.number, i.experiment_id, i.starts_on, i.ends_on, i.plan, i.decision, i.decision_reasons, i.updated_at, e.title FROM iterations i JOIN experiments e ON e.id = i.experiment_id WHERE i.lab_id = $1', [labId]),
      this.db.query(
        'SELECT ev.id, ev.hypothesis_id, ev.from_status, ev.to_status, ev.rationale, ev.created_at, h.if_we, i.number, i.ends_on, i.starts_on FROM hypothesis_events ev JOIN hypotheses h ON h.id = ev.hypothesis_id LEFT JOIN iterations i ON i.id = ev.iteration_id WHERE ev.lab_id = $1 AND ev.from_status IS NOT NULL',
        [labId],
      ),
      this.db.query("SELECT id, changes, created_at FROM history WHERE lab_id = $1 AND entity_type = 'lab' AND action = 'update'", [labId]),
    ]);
    const events: TimelineEventDto[] = [];
    const base = { title: null, detail: null, iterationNumber: null, experimentId: null, code: null, previousCode: null, recordId: null };
    if (lab[0]) {
      // A lab recorded after the fact started with its first partner or iteration, not on the day it was entered.
      const first = [day(lab[0]['created_at']), ...partners.map((p) => day(p['joined_at'])), ...iterations.map((i) => i['starts_on'] as string)].sort()[0];
      events.push({ ...base, date: first, kind: 'lab_started', title: lab[0]['name'] as string });
    }
    for (const p of partners) events.push({ ...base, date: day(p['joined_at']), kind: 'partner_joined', title: p['name'] as string });
    // A decision without an end date is dated at the start of the experiment's next iteration, else when it was logged.
    const nextStart = (i: Record<string, unknown>) =>
      iterations
        .filter((o) => o['experiment_id'] === i['experiment_id'] && Number(o['number']) > Number(i['number']))
        .map((o) => o['starts_on'] as string)
        .sort()[0];
    for (const i of iterations) {
      const common = { iterationNumber: Number(i['number']), experimentId: Number(i['experiment_id']), recordId: Number(i['id']), title: i['title'] as string };
      events.push({ ...base, ...common, date: i['starts_on'] as string, kind: 'iteration_started', detail: (i['plan'] as string) ?? null });
      if (i['decision']) events.push({ ...base, ...common, date: (i['ends_on'] as string) ?? nextStart(i) ?? day(i['updated_at']), kind: 'iteration_decided', code: i['decision'] as string, detail: (i['decision_reasons'] as string) ?? null });
    }
    for (const e of statusEvents) {
      // A status change belongs on the timeline where its iteration ended; otherwise when it was recorded.
      const date = (e['ends_on'] as string) ?? (e['starts_on'] as string) ?? day(e['created_at']);
      events.push({ ...base, date, kind: 'hypothesis_status', title: e['if_we'] as string, detail: e['rationale'] as string, code: e['to_status'] as string, previousCode: e['from_status'] as string, iterationNumber: e['number'] === null ? null : Number(e['number']), recordId: Number(e['hypothesis_id']) });
    }
    for (const h of labChanges) {
      const changes = json<Record<string, { from: unknown; to: unknown }>>(h['changes']);
      for (const field of ['scale', 'status'] as const) {
        if (changes[field]) events.push({ ...base, date: day(h['created_at']), kind: 'lab_changed', title: field, code: String(changes[field].to), previousCode: String(changes[field].from) });
      }
    }
    const order = ['lab_started', 'partner_joined', 'lab_changed', 'iteration_started', 'hypothesis_status', 'iteration_decided'];
    events.sort((a, b) => a.date.localeCompare(b.date) || order.indexOf(a.kind) - order.indexOf(b.kind) || (a.iterationNumber ?? 0) - (b.iterationNumber ?? 0));
    return { events };
  }

  async charts(labId: number): Promise<ChartsDto> {
    const [indicators, points, iterations, attendance, participants, partners] = await Promise.all([
      this.db.query('SELECT id, name, unit, signal_of FROM indicators WHERE lab_id = $1 ORDER BY name', [labId]),
      this.db.query(
        `SELECT o.indicator_id, o.observed_on, o.value, i.number,
                CASE WHEN COALESCE(o.context_note, '') = '' AND NOT EXISTS (SELECT 1 FROM observations s WHERE s.kind = 'story' AND s.iteration_id = o.iteration_id) THEN 1 ELSE 0 END AS bare
         FROM observations o LEFT JOIN iterations i ON i.id = o.iteration_id
         WHERE o.lab_id = $1 AND o.kind = 'measure' ORDER BY o.observed_on, o.id`,
        [labId],
      ),
      this.db.query('SELECT id, number, experiment_id, starts_on FROM iterations WHERE lab_id = $1', [labId]),
      this.db.query('SELECT iteration_id, participant_id FROM attendance WHERE lab_id = $1', [labId]),
      this.db.query('SELECT id, groups, invited_by_participant_id FROM participants WHERE lab_id = $1', [labId]),
      this.db.query('SELECT o.name, p.joined_at FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.lab_id = $1 ORDER BY p.joined_at', [labId]),
    ]);
    const series: IndicatorSeriesDto[] = indicators.map((ind) => {
      const own = points.filter((p) => Number(p['indicator_id']) === Number(ind['id']));
      return {
        indicatorId: Number(ind['id']), name: ind['name'] as string, unit: ind['unit'] as string, signalOf: ind['signal_of'] as string,
        points: reduce(own.map((p) => ({ date: p['observed_on'] as string, value: Number(p['value']), iterationNumber: p['number'] === null ? null : Number(p['number']), count: 1 }))),
        withoutStory: own.filter((p) => Number(p['bare']) === 1).length,
      };
    });
    const refs = iterations.map((i) => ({ id: Number(i['id']), number: Number(i['number']), experimentId: Number(i['experiment_id']), startsOn: i['starts_on'] as string }));
    const att = attendance.map((a) => ({ iterationId: Number(a['iteration_id']), participantId: Number(a['participant_id']) }));
    const groups = new Map(participants.map((p) => [Number(p['id']), json<string[]>(p['groups'])]));
    const reach = reachPerIteration(refs, att, groups);
    const invitedBy = new Map(participants.map((p) => [Number(p['id']), p['invited_by_participant_id'] === null ? null : Number(p['invited_by_participant_id'])]));
    return {
      indicators: series,
      reach,
      partners: partners.map((p, i) => ({ date: day(p['joined_at']), count: i + 1, label: p['name'] as string })),
      snowball: snowball(reach, att, invitedBy),
    };
  }
}

/** Keeps a long series drawable: above MAX_POINTS, consecutive measures are averaged into equal buckets. */
export function reduce<T extends { date: string; value: number; iterationNumber: number | null; count: number }>(points: T[], max = MAX_POINTS): T[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: T[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    out.push({ ...bucket[bucket.length - 1], value: bucket.reduce((s, p) => s + p.value, 0) / bucket.length, count: bucket.length });
  }
  return out;
}
