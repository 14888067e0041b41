import { colourOfGroup } from '../../shared/ui/group-colours';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { attempt, Compare, Problem } from '../../core/api/api';
import { ChartComponent, ChartSeries } from '../../shared/ui/chart.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { RoundsStore } from './rounds.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import { formatNumber } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';

/**
 * A round's results: every stakeholder group's view side by side, where they diverge, what they said,
 * and the stories they chose. There is no overall score and no average across groups.
 */
@Component({
  selector: 'app-round-results-page',
  imports: [
    LocalNumberPipe,
    FormFieldComponent,
    FieldControlDirective,
    RouterLink,
    TranslocoPipe,
    ChartComponent,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-results.page.html',
})
export class RoundResultsPage {
  protected readonly store = inject(RoundsStore);
  private readonly lab = inject(LabStore);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);
  private readonly translations = toSignal(this.transloco.selectTranslation());
  readonly roundId = input.required<string>();
  private readonly compareProblem = signal<Problem | null>(null);
  protected readonly problem = computed(() => this.store.problem() ?? this.compareProblem());
  private readonly comparison = signal<Compare | null>(null);

  private t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate(key, params);
  }

  protected readonly nominations = computed(() => {
    this.translations();
    return (this.store.results()?.nominations ?? []).map((n) => ({
      ...n,
      groupsText: n.groups.map((g) => this.t(`group.${g}`)).join(', '),
    }));
  });

  /**
   * The dimensions where two groups lie on average two steps or more apart, each with the pair furthest apart and
   * how many steps (the divergence is a share of the largest shift, 4 steps).
   */
  protected readonly diverging = computed(() => {
    this.translations();
    const language = this.language.current();
    return (this.store.results()?.dimensions ?? [])
      .filter((d) => d.diverges)
      .map((d) => ({
        dimension: d.dimension,
        text: this.t('results.divergeItem', {
          dimension: this.t(`dimension.${d.dimension}`),
          a: d.mostApart ? this.t(`group.${d.mostApart[0]}`) : '',
          b: d.mostApart ? this.t(`group.${d.mostApart[1]}`) : '',
          steps: formatNumber(d.divergence * 4, language, 1),
        }),
      }));
  });

  /** Whether any dimension has two groups giving scores, so that there is something to compare at all. */
  protected readonly comparable = computed(() =>
    (this.store.results()?.dimensions ?? []).some((d) => d.groups.filter((g) => g.n > 0).length > 1),
  );

  /** Per dimension: each group's answers as shares of that group, side by side, so groups of any size compare. */
  protected readonly charts = computed(() => {
    this.translations();
    const labels = [...[1, 2, 3, 4, 5].map((s) => this.t(`scale.${s}`)), this.t('scale.dontKnow')];
    return (this.store.results()?.dimensions ?? [])
      .filter((d) => d.groups.length)
      .map((d) => ({
        key: d.dimension,
        caption: this.t(`dimension.${d.dimension}`),
        note: this.t('results.chartNote', {
          spread: d.groups
            .map((g) => {
              const range = g.min === null ? '–' : g.min === g.max ? g.min : `${g.min}–${g.max}`;
              return `${this.t(`group.${g.group}`)} ${range} (n=${g.n + g.dontKnow})`;
            })
            .join('; '),
        }),
        xLabel: this.t('results.answer'),
        labels,
        series: d.groups.map<ChartSeries>((g) => {
          const total = g.n + g.dontKnow;
          return {
            label: `${this.t(`group.${g.group}`)} (%)`,
            colour: colourOfGroup(g.group),
            data: [...g.counts, g.dontKnow].map((c) => (total ? Math.round((100 * c) / total) : 0)),
          };
        }),
      }));
  });

  protected readonly trend = computed(() => {
    this.translations();
    const c = this.comparison();
    if (!c || !c.rounds.length) return null;
    const groups = [...new Set(c.rounds.flatMap((r) => r.groups.map((g) => g.group)))];
    return {
      caption: this.t('results.trendCaption', { dimension: this.t(`dimension.${c.dimension}`) }),
      note: this.t('results.trendNote'),
      xLabel: this.t('results.round'),
      labels: c.rounds.map((r) => `${r.title} (${r.periodEnd})`),
      series: groups.map<ChartSeries>((g) => ({
        label: this.t(`group.${g}`),
        colour: colourOfGroup(g),
        data: c.rounds.map((r) => r.groups.find((x) => x.group === g)?.median ?? null),
      })),
    };
  });

  constructor() {
    effect(() => {
      const id = Number(this.roundId());
      untracked(() => void this.open(id));
    });
  }

  private async open(id: number): Promise<void> {
    this.compareProblem.set(null);
    const round = await this.store.load(id);
    if (!round || !(await this.store.loadResults(id))) return;
    if (round.dimensions[0]) await this.compareOn(round.dimensions[0]);
  }

  protected async compareOn(dimension: string): Promise<void> {
    const labId = this.lab.labId() ?? this.store.round()?.labId;
    if (labId)
      await attempt(this.compareProblem, async () => this.comparison.set(await this.store.compare(labId, dimension)));
  }
}
