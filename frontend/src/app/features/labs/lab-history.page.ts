import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { HistoryEntry } from '../../core/api/api';
import { LabStore } from './lab.store';

const PAGE = 25;

/** Every change in the lab: who, when, what (newest first). */
@Component({
  selector: 'app-lab-history-page',
  imports: [TranslocoPipe],
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
            <td class="utrecht-table__cell">{{ h.at.slice(0, 16).replace('T', ' ') }}</td>
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
    <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="button"
        [disabled]="offset() === 0"
        (click)="offset.set(offset() - page)"
      >
        {{ 'labs.previous' | transloco }}
      </button>
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="button"
        [disabled]="offset() + page >= total()"
        (click)="offset.set(offset() + page)"
      >
        {{ 'labs.next' | transloco }}
      </button>
    </nav>
  `,
})
export class LabHistoryPage {
  private readonly store = inject(LabStore);
  protected readonly page = PAGE;
  protected readonly offset = signal(0);
  protected readonly total = signal(0);
  private readonly entries = signal<HistoryEntry[]>([]);
  protected readonly rows = computed(() =>
    this.entries().map((h) => ({ ...h, fields: Object.keys(h.changes ?? {}).join(', ') })),
  );

  constructor() {
    effect(async () => {
      if (!this.store.labId()) return;
      const list = await this.store.history({ limit: PAGE, offset: this.offset() });
      this.entries.set(list.items);
      this.total.set(list.total);
    });
  }
}
