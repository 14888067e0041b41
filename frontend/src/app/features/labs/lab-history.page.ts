import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LabStore } from './lab.store';
import { HISTORY_PAGE, StoryStore } from './story.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';

/** Every change in the lab: who, when, what (newest first). */
@Component({
  selector: 'app-lab-history-page',
  imports: [LocalDatePipe, PagerComponent, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'history.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'history.lead' | transloco }}</p>
    <table class="utrecht-table">
      <caption class="visually-hidden">
        {{
          'history.title' | transloco
        }}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">{{ 'history.when' | transloco }}</th>
          <th class="utrecht-table__header-cell" scope="col">{{ 'history.who' | transloco }}</th>
          <th class="utrecht-table__header-cell" scope="col">{{ 'history.what' | transloco }}</th>
          <th class="utrecht-table__header-cell" scope="col">{{ 'history.changes' | transloco }}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        @for (h of rows(); track h.id) {
          <tr class="utrecht-table__row">
            <td class="utrecht-table__cell">{{ h.at | localDate: 'dateTime' }}</td>
            <td class="utrecht-table__cell">{{ h.userName ?? '–' }}</td>
            <td class="utrecht-table__cell">
              {{ 'history.action.' + h.action | transloco }}: {{ 'history.entity.' + h.entityType | transloco }} #{{
                h.entityId
              }}
            </td>
            <td class="utrecht-table__cell">{{ h.fields }}</td>
          </tr>
        }
      </tbody>
    </table>
    <app-pager
      [page]="offset() / page + 1"
      [hasNext]="offset() + page < total()"
      (pageChange)="offset.set(($event - 1) * page)"
    />
  `,
})
export class LabHistoryPage {
  private readonly lab = inject(LabStore);
  private readonly store = inject(StoryStore);
  protected readonly page = HISTORY_PAGE;
  protected readonly offset = signal(0);
  protected readonly total = computed(() => this.store.history().total);
  protected readonly rows = computed(() =>
    this.store.history().items.map((h) => ({ ...h, fields: Object.keys(h.changes ?? {}).join(', ') })),
  );

  constructor() {
    effect(() => {
      if (this.lab.labId()) void this.store.loadHistory(this.offset());
    });
  }
}
