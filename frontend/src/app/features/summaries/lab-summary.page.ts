import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem, Schemas } from '../../core/api/api';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { CouncilSummaryComponent } from './council-summary.component';
import { type Audience, type SnapshotSummary, SummariesStore, type Summary } from './summaries.store';
import { HttpClient } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';

/**
 * "Samenvatting voor de raad" for the lab's team: choose the audience (and a closed round), read the page as it will
 * print, print it or save it as PDF from the browser, or freeze it as a dated snapshot with a permanent link.
 */
@Component({
  selector: 'app-lab-summary-page',
  imports: [TranslocoPipe, FormsModule, RouterLink, ProblemAlertComponent, CouncilSummaryComponent, LocalDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="no-print">
      <h2 class="utrecht-heading-2">{{ 'summary.title' | transloco }}</h2>
      <p class="utrecht-paragraph">{{ 'summary.lead' | transloco }}</p>
      <form class="summary-choose" (submit)="$event.preventDefault()">
        <fieldset>
          <legend class="utrecht-form-label">{{ 'summary.audience' | transloco }}</legend>
          @for (a of audiences; track a) {
            <label class="summary-radio">
              <input
                type="radio"
                name="audience"
                [value]="a"
                [disabled]="a === 'public' && lab.lab()?.visibility !== 'public'"
                [ngModel]="audience()"
                (ngModelChange)="audience.set($event)"
              />
              {{ 'summary.audiences.' + a | transloco }}
            </label>
          }
          @if (lab.lab()?.visibility !== 'public') {
            <p class="utrecht-form-field-description">{{ 'summary.notPublic' | transloco }}</p>
          }
        </fieldset>
        @if (rounds().length) {
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="summary-round">{{ 'summary.round' | transloco }}</label>
            <select
              id="summary-round"
              class="utrecht-select"
              name="round"
              [ngModel]="roundId()"
              (ngModelChange)="roundId.set($event)"
            >
              <option [ngValue]="null">{{ 'summary.wholeLab' | transloco }}</option>
              @for (r of rounds(); track r.id) {
                <option [ngValue]="r.id">{{ r.title }}</option>
              }
            </select>
          </div>
        }
        <div class="summary-actions">
          <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="print()">
            {{ 'summary.print' | transloco }}
          </button>
          <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="freeze()">
            {{ 'summary.freeze' | transloco }}
          </button>
        </div>
      </form>
      @if (problem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      @if (frozen(); as f) {
        <p class="utrecht-paragraph" role="status">
          {{ 'summary.frozen' | transloco }}
          <a class="utrecht-link" [routerLink]="['/samenvatting', f.id]" data-testid="snapshot-link">{{
            origin + '/samenvatting/' + f.id
          }}</a>
        </p>
      }
    </div>
    @if (summary(); as s) {
      <app-council-summary [summary]="s" />
    }
    @if (snapshots().length) {
      <section class="no-print" aria-labelledby="summary-snapshots">
        <h3 class="utrecht-heading-3" id="summary-snapshots">{{ 'summary.snapshots' | transloco }}</h3>
        <ul>
          @for (x of snapshots(); track x.id) {
            <li>
              <a class="utrecht-link" [routerLink]="['/samenvatting', x.id]">{{
                x.createdAt | localDate: 'dateTime'
              }}</a>
              · {{ 'summary.for.' + x.audience | transloco }}
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: [
    `
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      .summary-radio {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        min-block-size: 44px;
      }
      .summary-radio input {
        inline-size: 24px;
        block-size: 24px;
      }
      .summary-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-block: 0.75rem;
      }
      .summary-actions button,
      select {
        min-block-size: 44px;
        max-inline-size: 100%;
      }
      app-council-summary {
        margin-block: 1rem;
      }
    `,
  ],
})
export class LabSummaryPage {
  protected readonly lab = inject(LabStore);
  private readonly store = inject(SummariesStore);
  private readonly http = inject(HttpClient);
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly origin = inject(DOCUMENT).location.origin;
  protected readonly audiences: Audience[] = ['municipality', 'public'];
  protected readonly audience = signal<Audience>('municipality');
  protected readonly roundId = signal<number | null>(null);
  protected readonly rounds = signal<Schemas['RoundSummaryDto'][]>([]);
  protected readonly summary = signal<Summary | null>(null);
  protected readonly snapshots = signal<SnapshotSummary[]>([]);
  protected readonly frozen = signal<{ id: number } | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    const round = Number(inject(ActivatedRoute).snapshot.queryParamMap.get('ronde'));
    if (round > 0) this.roundId.set(round);
    effect(() => {
      const labId = this.lab.labId();
      if (!labId) return;
      void firstValueFrom(this.http.get<Schemas['RoundListDto']>(`/api/labs/${labId}/rounds`)).then(
        (list) => this.rounds.set(list.items.filter((r) => r.status === 'closed')),
        () => undefined,
      );
      void this.store.list(labId).then((items) => this.snapshots.set(items));
    });
    effect(() => {
      const labId = this.lab.labId();
      const audience = this.audience();
      const roundId = this.roundId();
      if (!labId) return;
      this.problem.set(null);
      this.store.live(labId, audience, roundId).then(
        (s) => this.summary.set(s),
        (e) => this.problem.set(problemOf(e)),
      );
    });
  }

  protected print(): void {
    this.window?.print();
  }

  protected async freeze(): Promise<void> {
    const labId = this.lab.labId();
    if (!labId) return;
    this.problem.set(null);
    try {
      const snapshot = await this.store.freeze(labId, this.audience(), this.roundId());
      this.frozen.set({ id: snapshot.id });
      this.snapshots.set(await this.store.list(labId));
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }
}
