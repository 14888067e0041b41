import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { LibraryStore } from './library.store';

/** What works on a theme across labs, and where it was seen (a list, no map). */
@Component({
  selector: 'app-theme-page',
  imports: [RouterLink, TranslocoPipe, LearningCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a class="utrecht-link" routerLink="/bibliotheek">← {{ 'library.title' | transloco }}</a>
    </p>
    <h1 class="utrecht-heading-1">
      {{ 'library.themeTitle' | transloco: { theme: ('theme.' + theme() | transloco) } }}
    </h1>
    @if (overview(); as o) {
      @for (section of sections; track section.key) {
        <section [attr.aria-labelledby]="'s-' + section.key">
          <h2 class="utrecht-heading-2" [id]="'s-' + section.key">{{ section.label | transloco }}</h2>
          <ul class="lab-grid">
            @for (l of o[section.key]; track l.id) {
              <li><app-learning-card [learning]="l" /></li>
            } @empty {
              <li>{{ 'library.noneYet' | transloco }}</li>
            }
          </ul>
        </section>
      }
      <section aria-labelledby="places">
        <h2 class="utrecht-heading-2" id="places">{{ 'library.places' | transloco }}</h2>
        <ul class="utrecht-unordered-list">
          @for (p of o.places; track p.id) {
            <li>
              {{ p.municipality }}
              @if (p.neighbourhood) {
                , {{ p.neighbourhood }}
              }
              : <a class="utrecht-link" [routerLink]="['/labs', p.id]">{{ p.name }}</a>
            </li>
          }
        </ul>
      </section>
    }
  `,
})
export class ThemePage {
  private readonly store = inject(LibraryStore);
  private readonly transloco = inject(TranslocoService);
  readonly theme = input.required<string>();
  protected readonly overview = this.store.theme;
  protected readonly sections = [
    { key: 'workingIngredients' as const, label: 'library.workingIngredients' },
    { key: 'pitfalls' as const, label: 'library.pitfalls' },
    { key: 'openQuestions' as const, label: 'library.openQuestions' },
    { key: 'advice' as const, label: 'library.advice' },
  ];

  constructor() {
    pageTitle(() => ({
      text: this.transloco.translate('library.themeTitle', {
        theme: this.transloco.translate(`theme.${this.theme()}`),
      }),
    }));
    effect(() => {
      const theme = this.theme();
      untracked(() => void this.store.loadTheme(theme));
    });
  }
}
