import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { CouncilSummaryComponent } from './council-summary.component';
import { type Snapshot, SummariesStore } from './summaries.store';

/** A frozen summary by its permanent link: as it was on its day, saying so when the lab has changed since. */
@Component({
  selector: 'app-summary-snapshot-page',
  imports: [TranslocoPipe, RouterLink, ProblemAlertComponent, CouncilSummaryComponent, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as p) {
      <h1 class="utrecht-heading-1">{{ 'summary.title' | transloco }}</h1>
      <app-problem-alert [problem]="p" />
    }
    @if (snapshot(); as s) {
      <p class="utrecht-paragraph summary-frozen" role="note" data-testid="snapshot-note">
        {{ 'summary.frozenOn' | transloco: { date: (s.createdAt | localDate) } }}
        @if (s.newerDataExists) {
          <strong>{{ 'summary.newer' | transloco }}</strong>
          <a class="utrecht-link" [routerLink]="['/labs', s.labId]">{{ 'summary.toLab' | transloco }}</a>
        }
      </p>
      <app-council-summary [summary]="s.summary" [asOf]="s.createdAt" />
      <p class="no-print">
        <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="print()">
          {{ 'summary.print' | transloco }}
        </button>
      </p>
    }
  `,
  styles: [
    `
      .summary-frozen {
        border-inline-start: 4px solid #1a4c9c;
        padding: 0.5rem 0.75rem;
      }
      button {
        min-block-size: 44px;
      }
    `,
  ],
})
export class SummarySnapshotPage {
  readonly id = input.required<string>();
  private readonly store = inject(SummariesStore);
  protected readonly snapshot = signal<Snapshot | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    effect(() => {
      const id = Number(this.id());
      this.store.snapshot(id).then(
        (s) => this.snapshot.set(s),
        (e) => this.problem.set(problemOf(e)),
      );
    });
  }

  protected print(): void {
    window.print();
  }
}
