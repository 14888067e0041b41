import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AdminStore, HISTORY_PAGE } from './admin.store';

/** Fields of accounts and organisations with a name of their own in the dashboard's words. */
const NAMED_FIELDS = new Set([
  'email',
  'displayName',
  'installationRole',
  'deactivatedAt',
  'password',
  'passwordLink',
  'deleted',
  'name',
  'kind',
  'municipality',
]);

/** Values with a word of their own (an installation role, a kind of organisation): its translation key. */
const VALUE_WORDS: Record<string, string> = { installationRole: 'installationRole.', kind: 'orgKind.' };
const wordFor = (key: string, value: unknown): string | null =>
  VALUE_WORDS[key] && typeof value === 'string' && value ? VALUE_WORDS[key] + value : null;

const shown = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? '–'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** Every change to accounts and organisations: who, when, what (newest first). */
@Component({
  selector: 'app-admin-history-page',
  imports: [TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'admin.history' | transloco }}</h2>
    <p class="lab-muted">{{ 'admin.historyLead' | transloco }}</p>
    @if (store.historyError(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (rows(); as list) {
      @if (list.length) {
        <table class="utrecht-table lab-table--stack">
          <caption class="visually-hidden">
            {{
              'admin.history' | transloco
            }}
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{{ 'history.when' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'history.who' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'history.what' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'admin.changes' | transloco }}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            @for (h of list; track h.id) {
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell" [attr.data-label]="'history.when' | transloco">{{ h.when }}</td>
                <td class="utrecht-table__cell" [attr.data-label]="'history.who' | transloco">
                  {{ h.userName ?? '–' }}
                </td>
                <td class="utrecht-table__cell" [attr.data-label]="'history.what' | transloco">
                  {{ 'history.action.' + h.action | transloco }}: {{ 'history.entity.' + h.entityType | transloco }} #{{
                    h.entityId
                  }}
                </td>
                <td class="utrecht-table__cell lab-break" [attr.data-label]="'admin.changes' | transloco">
                  @if (h.fields.length) {
                    <ul class="lab-plain-list">
                      @for (f of h.fields; track f.key) {
                        <li>
                          {{ f.named ? ('admin.field.' + f.key | transloco) : f.key }}:
                          {{ f.fromKey ? (f.fromKey | transloco) : f.from }} →
                          {{ f.toKey ? (f.toKey | transloco) : f.to }}
                        </li>
                      }
                    </ul>
                  } @else {
                    –
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ 'admin.noHistory' | transloco }}</p>
      }
      @if (total() > page) {
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
      }
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class AdminHistoryPage {
  protected readonly store = inject(AdminStore);
  protected readonly page = HISTORY_PAGE;
  protected readonly offset = signal(0);
  protected readonly total = computed(() => this.store.history()?.total ?? 0);
  protected readonly rows = computed(
    () =>
      this.store.history()?.items.map((h) => ({
        ...h,
        when: h.at.slice(0, 16).replace('T', ' '),
        fields: Object.entries((h.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>)
          .filter(([key]) => key !== 'id')
          .map(([key, change]) => ({
            key,
            named: NAMED_FIELDS.has(key),
            from: shown(change?.from),
            to: shown(change?.to),
            fromKey: wordFor(key, change?.from),
            toKey: wordFor(key, change?.to),
          })),
      })) ?? null,
  );

  constructor() {
    pageTitle(() => ({ key: 'admin.historyTitle' }));
    effect(() => {
      const offset = this.offset();
      untracked(() => void this.store.loadHistory(offset));
    });
  }
}
