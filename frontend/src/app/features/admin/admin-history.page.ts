import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AdminStore, HISTORY_PAGE } from './admin.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';

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
  imports: [LocalDatePipe, PagerComponent, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-history.page.html',
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
        when: h.at,
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
