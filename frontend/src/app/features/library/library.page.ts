import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { THEMES } from '../labs/labs-list.page';
import { LIBRARY_PAGE as PAGE, LibraryStore } from './library.store';

/** The public library: what has been learned across labs, searchable, filterable, without login. */
@Component({
  selector: 'app-library-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, LearningCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'library.title' | transloco }}</h1>
    <p class="lab-lead">{{ 'library.lead' | transloco }}</p>
    <form class="lab-filters" [formGroup]="form" (ngSubmit)="search()" role="search">
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-q">{{ 'library.search' | transloco }}</label>
        <input class="utrecht-textbox" id="lib-q" type="search" formControlName="q" />
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-theme">{{ 'labs.theme' | transloco }}</label>
        <select class="utrecht-select" id="lib-theme" formControlName="theme">
          <option value="">{{ 'labs.allThemes' | transloco }}</option>
          @for (t of themes; track t) {
            <option [value]="t">{{ 'theme.' + t | transloco }}</option>
          }
        </select>
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-type">{{ 'library.type' | transloco }}</label>
        <select class="utrecht-select" id="lib-type" formControlName="type">
          <option value="">{{ 'library.allTypes' | transloco }}</option>
          @for (t of types; track t) {
            <option [value]="t">{{ 'learningType.' + t | transloco }}</option>
          }
        </select>
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-maturity">{{ 'library.maturity' | transloco }}</label>
        <select class="utrecht-select" id="lib-maturity" formControlName="maturity">
          <option value="">{{ 'library.allMaturities' | transloco }}</option>
          @for (m of maturities; track m) {
            <option [value]="m">{{ 'maturity.' + m | transloco }}</option>
          }
        </select>
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-municipality">{{ 'newLab.municipality' | transloco }}</label>
        <input class="utrecht-textbox" id="lib-municipality" formControlName="municipality" />
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="lib-sort">{{ 'library.sort' | transloco }}</label>
        <select class="utrecht-select" id="lib-sort" formControlName="sort">
          <option value="">{{ 'library.sortDefault' | transloco }}</option>
          <option value="relevance">{{ 'library.sortRelevance' | transloco }}</option>
          <option value="date">{{ 'library.sortDate' | transloco }}</option>
        </select>
      </div>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">
        {{ 'labs.filter' | transloco }}
      </button>
    </form>
    <p>
      {{ 'library.themesIntro' | transloco }}
      @for (t of themes.slice(0, 4); track t; let last = $last) {
        <a class="utrecht-link" [routerLink]="['/bibliotheek/thema', t]">{{ 'theme.' + t | transloco }}</a>
        @if (!last) {
          ,
        }
      }
    </p>
    <div aria-live="polite">
      <h2 class="utrecht-heading-2 visually-hidden">{{ 'library.results' | transloco }}</h2>
      @if (result(); as r) {
        <p>{{ 'library.found' | transloco: { count: r.total } }}</p>
        <ul class="lab-grid">
          @for (l of r.items; track l.id) {
            <li><app-learning-card [learning]="l" /></li>
          }
        </ul>
        @if (r.total > page) {
          <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="button"
              [disabled]="offset() === 0"
              (click)="move(-1)"
            >
              {{ 'labs.previous' | transloco }}
            </button>
            <span>{{ 'labs.pageOf' | transloco: { page: currentPage(), pages: pages() } }}</span>
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="button"
              [disabled]="offset() + page >= r.total"
              (click)="move(1)"
            >
              {{ 'labs.next' | transloco }}
            </button>
          </nav>
        }
      } @else {
        <p>{{ 'common.loading' | transloco }}</p>
      }
    </div>
    <p class="lab-muted">
      {{ 'library.openData' | transloco }} <a class="utrecht-link" href="/api/open-data/learnings.json">JSON</a> ·
      <a class="utrecht-link" href="/api/open-data/learnings.csv">CSV</a>
    </p>
  `,
})
export class LibraryPage implements OnInit {
  private readonly store = inject(LibraryStore);
  private readonly router = inject(Router);
  /** ?q=… from the address, so a search can be linked to. */
  readonly q = input<string>();
  protected readonly page = PAGE;
  protected readonly themes = THEMES;
  protected readonly types = ['working_ingredient', 'pitfall', 'open_question', 'advice'];
  protected readonly maturities = ['emerging', 'recurring', 'confirmed'];
  protected readonly result = this.store.library;
  protected readonly offset = signal(0);
  protected readonly currentPage = computed(() => this.offset() / PAGE + 1);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.result()?.total ?? 0) / PAGE)));
  protected readonly form = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    theme: new FormControl('', { nonNullable: true }),
    type: new FormControl('', { nonNullable: true }),
    maturity: new FormControl('', { nonNullable: true }),
    municipality: new FormControl('', { nonNullable: true }),
    sort: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    pageTitle(() => ({ key: 'library.title' }));
  }

  ngOnInit(): void {
    if (this.q()) this.form.controls.q.setValue(this.q()!);
    void this.load();
  }

  private load(): Promise<boolean> {
    return this.store.search({ offset: this.offset(), ...this.form.getRawValue() });
  }

  protected search(): void {
    this.offset.set(0);
    void this.router.navigate([], { queryParams: { q: this.form.controls.q.value || null }, replaceUrl: true });
    void this.load();
  }

  protected move(direction: number): void {
    this.offset.update((o) => Math.max(0, o + direction * PAGE));
    void this.load();
  }
}
