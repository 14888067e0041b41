import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalDatePipe, LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import type { Summary } from './summaries.store';

type Dimension = NonNullable<Summary['round']>['dimensions'][number];

/**
 * "Samenvatting voor de raad" on one A4 page: the question and the aim; what was tried, a line per cycle; who took
 * part; each group's appreciation side by side, where they diverge; at most two quotes; the learnings and what the
 * partners ask next. Every number stands beside its explanation; no overall score, no red or green, no ranking.
 */
@Component({
  selector: 'app-council-summary',
  imports: [TranslocoPipe, LocalDatePipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './council-summary.component.html',
  styleUrl: './council-summary.component.css',
})
export class CouncilSummaryComponent {
  readonly summary = input.required<Summary>();
  /** The day it shows: a snapshot's day, or today for the live one. */
  readonly asOf = input<string | null>(null);
  /** Cycles beyond these are counted, not listed: the page stays one page. */
  protected readonly shownCycles = computed(() => this.summary().cycles.slice(-8));
  protected readonly hiddenCycles = computed(() => Math.max(0, this.summary().cycles.length - 8));
  protected readonly groups = computed(() => {
    const names = new Set<string>();
    for (const d of this.summary().round?.dimensions ?? []) for (const g of d.groups) names.add(g.group);
    return [...names];
  });
  protected cell(dimension: Dimension, group: string): Dimension['groups'][number] | null {
    return dimension.groups.find((g) => g.group === group) ?? null;
  }
}
