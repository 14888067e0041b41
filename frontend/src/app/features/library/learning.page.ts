import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toSignal } from '@angular/core/rxjs-interop';
import { attempt, Learning, Problem } from '../../core/api/api';
import { pageTitle } from '../../core/i18n/page-title';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LibraryStore } from './library.store';

/** A learning and its evidence trail: a readable chain back to what happened in the labs. */
@Component({
  selector: 'app-learning-page',
  imports: [RouterLink, TranslocoPipe, LearningCardComponent, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a class="utrecht-link" routerLink="/bibliotheek">← {{ 'library.title' | transloco }}</a>
    </p>
    @if (problem(); as p) {
      <h1 class="utrecht-heading-1">{{ 'library.notFound' | transloco }}</h1>
      <app-problem-alert [problem]="p" />
    } @else if (learning(); as l) {
      <p class="lab-muted">
        {{ 'learningType.' + l.type | transloco }} · {{ 'maturity.' + l.maturity | transloco }}
        @if (l.status === 'draft') {
          · <strong>{{ 'library.draft' | transloco }}</strong>
        }
      </p>
      <h1 class="utrecht-heading-1">{{ l.title }}</h1>
      <p class="lab-lead">{{ l.body }}</p>
      @if (l.transferConditions) {
        <div class="lab-panel">
          <h2 class="utrecht-heading-3">{{ 'library.transfer' | transloco }}</h2>
          <p>{{ l.transferConditions }}</p>
        </div>
      }
      <ul class="lab-badges">
        @for (t of l.themes; track t) {
          <li class="lab-badge">
            <a [routerLink]="['/bibliotheek/thema', t]">{{ 'theme.' + t | transloco }}</a>
          </li>
        }
      </ul>
      <p class="lab-muted">
        {{
          'library.maturityExplained'
            | transloco
              : {
                  iterations: l.suggested.iterations,
                  labs: l.suggested.labs,
                  suggested: ('maturity.' + l.suggested.maturity | transloco),
                }
        }}
      </p>

      <section aria-labelledby="trail">
        <h2 class="utrecht-heading-2" id="trail">{{ 'library.trail' | transloco }}</h2>
        <p class="lab-muted">{{ 'library.trailLead' | transloco }}</p>
        @for (group of trail(); track group.lab.id) {
          <article class="lab-item">
            <h3 class="utrecht-heading-3">
              <a class="utrecht-link" [routerLink]="['/labs', group.lab.id]">{{ group.lab.name }}</a>&nbsp;<span
                class="lab-muted"
                >({{ group.lab.municipality }}
                @if (group.lab.neighbourhood) {
                  , {{ group.lab.neighbourhood }}
                }
                )</span
              >
            </h3>
            <ol class="lab-timeline">
              @for (e of group.items; track e.kind + e.id) {
                <li>
                  @if (e.date) {
                    <time [attr.datetime]="e.date">{{ e.date }}</time>
                  }
                  <strong>{{ 'evidence.' + e.kind | transloco }}:</strong> {{ e.label }}
                  @if (e.kind === 'observation' && e.detail) {
                    <blockquote class="lab-story">{{ e.detail }}</blockquote>
                  } @else if (e.detailText) {
                    <p>{{ e.detailText }}</p>
                  }
                </li>
              }
            </ol>
          </article>
        } @empty {
          <p>{{ 'library.noEvidence' | transloco }}</p>
        }
      </section>

      @if (l.contradictions.length) {
        <section aria-labelledby="contra">
          <h2 class="utrecht-heading-2" id="contra">{{ 'library.contradictions' | transloco }}</h2>
          <ul class="lab-grid">
            @for (c of l.contradictions; track c.id) {
              <li><app-learning-card [learning]="c" /></li>
            }
          </ul>
        </section>
      }

      @if (l.canEdit) {
        <section class="lab-panel" aria-labelledby="manage">
          <h2 class="utrecht-heading-3" id="manage">{{ 'library.manage' | transloco }}</h2>
          <div class="lab-inline-form">
            @if (l.status === 'draft') {
              <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="publish(true)">
                {{ 'library.publish' | transloco }}
              </button>
            } @else {
              <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="publish(false)">
                {{ 'library.unpublish' | transloco }}
              </button>
            }
            @if (l.suggested.maturity !== l.maturity) {
              <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="confirmMaturity()">
                {{
                  'library.confirmMaturity' | transloco: { maturity: ('maturity.' + l.suggested.maturity | transloco) }
                }}
              </button>
            }
          </div>
          @if (actionProblem(); as p) {
            <app-problem-alert [problem]="p" />
          }
        </section>
      }
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class LearningPage {
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
