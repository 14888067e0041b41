import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { attempt, Compare, Problem } from '../../core/api/api';
import { ChartComponent, ChartSeries } from '../../shared/ui/chart.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { RoundsStore } from './rounds.store';

/**
 * A round's results: every stakeholder group's view side by side, where they diverge, what they said,
 * and the stories they chose. There is no overall score and no average across groups.
 */
@Component({
  selector: 'app-round-results-page',
  imports: [RouterLink, TranslocoPipe, ChartComponent, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (store.round(); as round) {
      <p>
        <a class="utrecht-link" [routerLink]="['/labs', round.labId, 'rondes', round.id]">← {{ round.title }}</a>
      </p>
    }
    @if (store.results(); as results) {
      <h2 class="utrecht-heading-2">{{ 'results.title' | transloco }}</h2>
      <p class="lab-muted">{{ 'results.lead' | transloco }}</p>
      <p>
        {{ 'results.who' | transloco: { count: results.contributions } }}
        @for (g of results.groups; track g.group; let last = $last) {
          {{ 'group.' + g.group | transloco }}: {{ g.count }}{{ last ? '' : ',' }}
        }
      </p>

      @if (diverging().length) {
        <div class="lab-notice" role="note">
          <p>
            <strong>{{ 'results.divergeTitle' | transloco }}</strong>
          </p>
          <ul>
            @for (d of diverging(); track d.dimension) {
              <li>{{ d.text }}</li>
            }
          </ul>
        </div>
      }

      <section aria-labelledby="dims">
        <h3 class="utrecht-heading-3" id="dims">{{ 'results.perDimension' | transloco }}</h3>
        <div class="lab-charts">
          @for (c of charts(); track c.key) {
            <app-chart
              type="bar"
              [caption]="c.caption"
              [note]="c.note"
              [labels]="c.labels"
              [series]="c.series"
              [xLabel]="c.xLabel"
            />
          }
        </div>
      </section>

      <section aria-labelledby="answers">
        <h3 class="utrecht-heading-3" id="answers">{{ 'results.answers' | transloco }}</h3>
        @for (p of results.prompts; track p.prompt) {
          <article class="lab-item">
            <h4 class="utrecht-heading-3">{{ p.text }}</h4>
            @for (g of p.byGroup; track g.group) {
              <p>
                <strong>{{ 'group.' + g.group | transloco }}</strong>
              </p>
              <ul class="utrecht-unordered-list">
                @for (a of g.answers; track $index) {
                  <li>{{ a }}</li>
                }
              </ul>
            } @empty {
              <p class="lab-muted">{{ 'results.noAnswers' | transloco }}</p>
            }
          </article>
        }
      </section>

      <section aria-labelledby="msc">
        <h3 class="utrecht-heading-3" id="msc">{{ 'results.nominations' | transloco }}</h3>
        <ol class="lab-stack">
          @for (n of nominations(); track n.observationId) {
            <li class="lab-item">
              @if (n.storyText) {
                <blockquote class="lab-story">{{ n.storyText }}</blockquote>
              } @else {
                <p>
                  <em>{{ 'observations.withheld' | transloco }}</em>
                </p>
              }
              <p class="lab-item__meta">
                {{ 'results.chosenBy' | transloco: { count: n.nominations } }}: {{ n.groupsText }}
              </p>
              @for (r of n.reasons; track $index) {
                <p>“{{ r.reason }}” — {{ 'group.' + r.group | transloco }}</p>
              }
            </li>
          } @empty {
            <li>{{ 'results.noNominations' | transloco }}</li>
          }
        </ol>
      </section>

      <section aria-labelledby="trend">
        <h3 class="utrecht-heading-3" id="trend">{{ 'results.overTime' | transloco }}</h3>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="trend-dim">{{ 'observations.dimension' | transloco }}</label>
          <select class="utrecht-select" id="trend-dim" (change)="compareOn($any($event.target).value)">
            @for (d of store.round()?.dimensions ?? []; track d) {
              <option [value]="d">{{ 'dimension.' + d | transloco }}</option>
            }
          </select>
        </div>
        @if (trend(); as t) {
          <app-chart
            type="line"
            [caption]="t.caption"
            [note]="t.note"
            [labels]="t.labels"
            [series]="t.series"
            [xLabel]="t.xLabel"
          />
        }
      </section>
    } @else if (!problem()) {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class RoundResultsPage {
  protected readonly store = inject(RoundsStore);
  private readonly lab = inject(LabStore);
  private readonly transloco = inject(TranslocoService);
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

  protected readonly diverging = computed(() => {
    this.translations();
    return (this.store.results()?.dimensions ?? [])
      .filter((d) => d.diverges)
      .map((d) => ({
        dimension: d.dimension,
        text: this.t('results.divergeItem', {
          dimension: this.t(`dimension.${d.dimension}`),
          a: d.mostApart ? this.t(`group.${d.mostApart[0]}`) : '',
          b: d.mostApart ? this.t(`group.${d.mostApart[1]}`) : '',
        }),
      }));
  });

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
            .map(
              (g) =>
                `${this.t(`group.${g.group}`)} ${g.min === null ? '–' : g.min === g.max ? g.min : `${g.min}–${g.max}`} (n=${g.n + g.dontKnow})`,
            )
            .join('; '),
        }),
        xLabel: this.t('results.answer'),
        labels,
        series: d.groups.map<ChartSeries>((g) => {
          const total = g.n + g.dontKnow;
          return {
            label: `${this.t(`group.${g.group}`)} (%)`,
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
