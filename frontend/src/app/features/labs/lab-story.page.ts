import { dialogueDetail } from '../dialogues/dialogue-timeline';
import { rationaleWords } from './hypothesis-rationale';
import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toSignal } from '@angular/core/rxjs-interop';
import { ChartComponent, ChartSeries } from '../../shared/ui/chart.component';
import { LabStore } from './lab.store';
import { StoryStore } from './story.store';
import { LocalDatePipe, LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import { formatDate } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';

interface ChartModel {
  key: string;
  caption: string;
  note: string;
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  stacked: boolean;
  xLabel: string;
}

/** The lab's story over time: aim, a timeline of what happened and decided, and its signals as charts. */
@Component({
  selector: 'app-lab-story-page',
  imports: [LocalNumberPipe, LocalDatePipe, RouterLink, TranslocoPipe, ChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-story.page.html',
})
export class LabStoryPage {
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(StoryStore);
  private readonly language = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  private readonly translations = toSignal(this.transloco.selectTranslation());

  protected readonly bareNumbers = computed(() =>
    (this.store.charts()?.indicators ?? []).reduce((n, i) => n + i.withoutStory, 0),
  );

  protected readonly charts = computed<ChartModel[]>(() => {
    this.translations();
    const data = this.store.charts();
    if (!data) return [];
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    const out: ChartModel[] = data.indicators
      .filter((i) => i.points.length)
      .map((i) => ({
        key: `indicator-${i.indicatorId}`,
        caption: `${i.name} (${i.unit})`,
        note: t('story.signalOf', { what: i.signalOf }),
        type: 'line',
        stacked: false,
        xLabel: t('story.date'),
        labels: i.points.map((p) => formatDate(p.date, this.language.current(), 'numeric')),
        series: [
          { label: i.name, data: i.points.map((p) => Math.round(p.value * 100) / 100) },
          { label: t('story.measuresInPoint'), data: i.points.map((p) => p.count), tableOnly: true },
        ],
      }));
    const reach = data.reach.filter((r) => r.attendees > 0);
    if (reach.length) {
      const labels = reach.map((r) =>
        t('story.iterationLabel', { n: r.number, date: formatDate(r.startsOn, this.language.current()) }),
      );
      out.push({
        key: 'reach',
        caption: t('story.reach'),
        note: t('story.reachNote'),
        type: 'bar',
        stacked: true,
        xLabel: t('story.iteration'),
        labels,
        series: [
          { label: t('story.newcomers'), data: reach.map((r) => r.newcomers) },
          { label: t('story.returning'), data: reach.map((r) => r.returning) },
        ],
      });
      // Mixing from attendance: who shared the room, not who spoke with whom (docs/methods.md).
      out.push({
        key: 'mixing',
        caption: t('story.mixing'),
        note: t('story.mixingNote'),
        type: 'bar',
        stacked: false,
        xLabel: t('story.iteration'),
        labels,
        series: [
          {
            label: t('story.apartShare'),
            data: reach.map((r) => (r.apartShare === null ? null : Math.round(r.apartShare * 100))),
          },
          { label: t('story.groupsMet'), data: reach.map((r) => r.groupsMet), tableOnly: true },
          { label: t('story.withGroups'), data: reach.map((r) => r.withGroups), tableOnly: true },
          { label: t('story.withoutGroups'), data: reach.map((r) => r.attendees - r.withGroups), tableOnly: true },
        ],
      });
      // The room per cycle: every group that came in any of them, the largest overall first.
      const totals = new Map<string, number>();
      for (const r of reach) for (const g of r.composition) totals.set(g.group, (totals.get(g.group) ?? 0) + g.count);
      const groups = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      out.push({
        key: 'room',
        caption: t('story.room'),
        note: t('story.roomNote'),
        type: 'bar',
        stacked: false,
        xLabel: t('story.iteration'),
        labels,
        series: [
          ...groups.map(([group]) => ({
            label: group,
            data: reach.map((r) => r.composition.find((g) => g.group === group)?.count ?? 0),
          })),
          ...(reach.some((r) => r.attendees > r.withGroups)
            ? [{ label: t('story.withoutGroups'), data: reach.map((r) => r.attendees - r.withGroups) }]
            : []),
        ],
      });
    }
    if (data.partners.length || data.snowball.some((s) => s.direct + s.broughtByOthers > 0)) {
      if (data.partners.length) {
        out.push({
          key: 'partners',
          caption: t('story.partners'),
          note: t('story.partnersNote'),
          type: 'line',
          stacked: false,
          xLabel: t('story.date'),
          labels: data.partners.map((p) => formatDate(p.date, this.language.current(), 'numeric')),
          series: [{ label: t('story.partnerCount'), data: data.partners.map((p) => p.count) }],
        });
      }
      const snow = data.snowball.filter((s) => s.direct + s.broughtByOthers > 0);
      if (snow.length) {
        out.push({
          key: 'snowball',
          caption: t('story.snowball'),
          note: t('story.snowballNote'),
          type: 'bar',
          stacked: true,
          xLabel: t('story.iteration'),
          labels: snow.map((s) =>
            t('story.iterationLabel', { n: s.number, date: formatDate(s.startsOn, this.language.current()) }),
          ),
          series: [
            { label: t('story.direct'), data: snow.map((s) => s.direct) },
            { label: t('story.broughtByOthers'), data: snow.map((s) => s.broughtByOthers) },
          ],
        });
      }
    }
    return out;
  });

  constructor() {
    effect(() => {
      if (this.shell.labId()) void this.store.load();
    });
  }

  /** The groups that chose a story, in the reader's language. */
  protected groupsOf(groups: string[]): string {
    this.translations();
    return groups.map((g) => this.transloco.translate(`group.${g}`)).join(', ');
  }

  /** A hypothesis's fixed first rationale ("Registered") in the reader's language; a person's words as written. */
  private detailOf(kind: string, detail: string | null | undefined): string | null {
    const words = kind === 'hypothesis_status' ? rationaleWords(detail) : null;
    return words ? this.transloco.translate(words.key) : (detail ?? null);
  }

  /** Timeline events with their headline in the current language. */
  protected readonly timelineItems = computed(() => {
    this.translations();
    const label = (kind: string, title: string | null, code: string | null) => {
      if (!code) return '';
      if (kind === 'dialogue_held') return this.transloco.translate(`dialogue.outcome.kind.${code}`);
      const prefix =
        kind === 'iteration_decided'
          ? 'decision'
          : kind === 'hypothesis_status'
            ? 'hypothesisStatus'
            : title === 'scale'
              ? 'scale'
              : 'status';
      return this.transloco.translate(`${prefix}.${code}`);
    };
    return (this.store.timeline()?.events ?? []).map((e) => ({
      date: e.date,
      detail: e.dialogue ? dialogueDetail(this.transloco, e.dialogue) : this.detailOf(e.kind, e.detail),
      headline: this.transloco.translate(`story.event.${e.kind}${e.kind === 'lab_changed' ? `_${e.title}` : ''}`, {
        n: e.iterationNumber,
        title: e.title,
        code: label(e.kind, e.title, e.code),
        from: label(e.kind, e.title, e.previousCode),
      }),
    }));
  });
}
