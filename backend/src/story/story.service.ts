import { Injectable } from '@nestjs/common';
import { LabCache } from '../common/lab-cache';
import type { RawJson } from '../common/raw-json';
import type { LabAccess } from '../common/request-context';
import { reachPerIteration, snowball } from './derived';
import {
  ChartsDto,
  IndicatorPointDto,
  IndicatorSeriesDto,
  TIMELINE_PAGE,
  TimelineDto,
  TimelineEventDto,
} from './dto/story.dto';
import { day, StoryRepository, TimelineIterationRow } from './story.repository';

/** The statements behind the charts live with the rest of the story's SQL; the benchmark reads them from here. */
export { chartQueries } from './story.repository';

const MAX_POINTS = 500;

/** The lab's story over time: a timeline of what happened and the charts of its signals. No personal data. */
@Injectable()
export class StoryService {
  constructor(
    private readonly repository: StoryRepository,
    private readonly cache: LabCache,
  ) {}

  async computeTimeline(labId: number): Promise<TimelineDto> {
    const { lab, partners, iterations, statusChanges, labChanges, dialogues } = await this.repository.timeline(labId);
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
    if (lab) {
      // A lab recorded after the fact started with its first partner or iteration, not on the day it was entered.
      const first = [lab.createdOn, ...partners.map((p) => p.joinedOn), ...iterations.map((i) => i.startsOn)].sort()[0];
      events.push({ ...base, date: first, kind: 'lab_started', title: lab.name });
    }
    for (const p of partners) events.push({ ...base, date: p.joinedOn, kind: 'partner_joined', title: p.name });
    // A decision without an end date is dated at the start of the experiment's next iteration, else when it was
    // logged. The earliest start among each experiment's later iterations, found in one pass from the last back.
    const laterStart = new Map<number, string | undefined>();
    const byExperiment = new Map<number, TimelineIterationRow[]>();
    for (const i of iterations) {
      const list = byExperiment.get(i.experimentId);
      if (list) list.push(i);
      else byExperiment.set(i.experimentId, [i]);
    }
    for (const list of byExperiment.values()) {
      list.sort((a, b) => b.number - a.number);
      let earliest: string | undefined;
      for (let k = 0; k < list.length; k++) {
        if (k > 0 && list[k - 1].number > list[k].number) {
          const start = list[k - 1].startsOn;
          if (earliest === undefined || start < earliest) earliest = start;
        }
        laterStart.set(list[k].id, earliest);
      }
    }
    for (const i of iterations) {
      const common = {
        iterationNumber: i.number,
        experimentId: i.experimentId,
        recordId: i.id,
        title: i.experimentTitle,
      };
      events.push({ ...base, ...common, date: i.startsOn, kind: 'iteration_started', detail: i.plan });
      if (i.decision)
        events.push({
          ...base,
          ...common,
          date: i.endsOn ?? laterStart.get(i.id) ?? i.updatedOn,
          kind: 'iteration_decided',
          code: i.decision,
          detail: i.decisionReasons,
        });
    }
    for (const e of statusChanges) {
      // A status change belongs on the timeline where its iteration ended; otherwise when it was recorded.
      events.push({
        ...base,
        date: e.iterationEndsOn ?? e.iterationStartsOn ?? e.recordedOn,
        kind: 'hypothesis_status',
        title: e.ifWe,
        detail: e.rationale,
        code: e.toStatus,
        previousCode: e.fromStatus,
        iterationNumber: e.iterationNumber,
        recordId: e.hypothesisId,
      });
    }
    for (const h of labChanges) {
      for (const field of ['scale', 'status'] as const) {
        if (h.changes[field])
          events.push({
            ...base,
            date: h.changedOn,
            kind: 'lab_changed',
            title: field,
            code: String(h.changes[field].to),
            previousCode: String(h.changes[field].from),
          });
      }
    }
    // A table held: its title and kind, how many joined, and what closing wrote, in counts (no one's words).
    for (const d of dialogues) {
      const o = d.outcome ?? {};
      events.push({
        ...base,
        date: d.heldOn,
        kind: 'dialogue_held',
        title: d.title,
        code: d.kind,
        recordId: d.id,
        dialogue: {
          joined: d.joined,
          question: o['questionTo'] === 'lab',
          stories: Number(o['stories'] ?? 0),
          learnings: Array.isArray(o['learnings']) ? o['learnings'].length : 0,
          nextCycle: (o['nextCycle'] as { number?: number } | null)?.number ?? null,
          attendance: Number(o['attendance'] ?? 0),
        },
      });
    }
    const order = [
      'lab_started',
      'partner_joined',
      'lab_changed',
      'iteration_started',
      'dialogue_held',
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

  /** The work in JavaScript is bounded by the number of days, not the number of measures (see chartQueries). */
  async computeCharts(labId: number): Promise<ChartsDto> {
    const { indicators, days, bare, storied, iterations, attendance, participants, partners } =
      await this.repository.charts(labId);
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
      name,
      unit,
      signalOf,
      points: reduceSums(byIndicator.get(Number(id)) ?? []),
      withoutStory: withoutStory.get(Number(id)) ?? 0,
    }));
    const refs = iterations.map(([id, number, experimentId, startsOn]) => ({
      id: Number(id),
      number: Number(number),
      experimentId: Number(experimentId),
      startsOn,
    }));
    const attendees = new Map(
      attendance.map(([iterationId, ids]) => [Number(iterationId), String(ids).split(',').map(Number)]),
    );
    // The groups as stored: JSON text on SQLite, parsed once per distinct list (see GroupSets).
    const groups = new Map(participants.map(([id, list]) => [Number(id), list]));
    const reach = reachPerIteration(refs, attendees, groups);
    const invitedBy = new Map(participants.map(([id, , by]) => [Number(id), by === null ? null : Number(by)]));
    return {
      indicators: series,
      reach,
      partners: partners.map(([name, joinedAt], i) => ({ date: day(joinedAt), count: i + 1, label: name })),
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
