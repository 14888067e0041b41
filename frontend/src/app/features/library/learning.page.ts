import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toSignal } from '@angular/core/rxjs-interop';
import { attempt, Learning, Problem } from '../../core/api/api';
import { pageTitle } from '../../core/i18n/page-title';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LibraryStore } from './library.store';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import type { FieldNames } from '../../shared/ui/field-errors';

/** A learning and its evidence trail: a readable chain back to what happened in the labs. */
@Component({
  selector: 'app-learning-page',
  imports: [LocalDatePipe, RouterLink, TranslocoPipe, LearningCardComponent, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './learning.page.html',
})
export class LearningPage {
  /** The API's field names and this form's labels, to name a field in an error as the form does. */
  protected readonly fields: FieldNames = { maturity: { label: 'library.maturity', values: 'maturity.' } };
  private readonly store = inject(LibraryStore);
  private readonly transloco = inject(TranslocoService);
  private readonly translations = toSignal(this.transloco.selectTranslation());
  readonly learningId = input.required<string>();
  protected readonly learning = this.store.learning;
  protected readonly problem = this.store.learningError;
  protected readonly actionProblem = signal<Problem | null>(null);

  /** The evidence grouped per lab, in the order things happened. */
  protected readonly trail = computed(() => {
    this.translations();
    const groups = new Map<
      number,
      {
        lab: Learning['evidence'][number]['lab'];
        items: (Learning['evidence'][number] & { label: string; detailText: string | null })[];
      }
    >();
    for (const e of [...(this.learning()?.evidence ?? [])].sort((a, b) =>
      (a.date ?? '9999').localeCompare(b.date ?? '9999'),
    )) {
      const group = groups.get(e.lab.id) ?? { lab: e.lab, items: [] };
      const t = (key: string, params?: object) => this.transloco.translate(key, params);
      const label =
        e.kind === 'observation' && e.detail !== null && !e.title.includes(':')
          ? `${t('observations.story')} (${t(`perspective.${e.title}`)})`
          : e.kind === 'round'
            ? `${e.title} (${t('rounds.contributions', { count: e.detail })})`
            : e.title;
      const detailText =
        e.kind === 'hypothesis' && e.detail ? t(`hypothesisStatus.${e.detail}`) : e.kind === 'round' ? null : e.detail;
      group.items.push({ ...e, label, detailText });
      groups.set(e.lab.id, group);
    }
    return [...groups.values()];
  });

  constructor() {
    pageTitle(() =>
      this.learning() ? { text: this.learning()!.title } : this.problem() ? { key: 'library.notFound' } : null,
    );
    effect(() => {
      const id = Number(this.learningId());
      untracked(() => void this.store.loadLearning(id));
    });
  }

  protected async publish(published: boolean): Promise<void> {
    await attempt(this.actionProblem, () => this.store.publish(this.learning()!, published));
  }

  protected async confirmMaturity(): Promise<void> {
    await attempt(this.actionProblem, () => this.store.confirmMaturity(this.learning()!));
  }
}
