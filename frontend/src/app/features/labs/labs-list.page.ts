import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { LabCardComponent } from '../../shared/ui/lab-card.component';
import { PendingInvitationsComponent } from '../../shared/ui/pending-invitations.component';
import { LabsStore, PAGE_SIZE } from './labs.store';

export const THEMES = [
  'encounter',
  'self_reliance',
  'poverty',
  'health',
  'education',
  'sport',
  'culture',
  'sustainability',
  'safety',
  'digital',
  'loneliness',
  'human_rights',
];
export const STATUSES = ['exploring', 'running', 'scaling', 'paused', 'concluded'];

@Component({
  selector: 'app-labs-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, LabCardComponent, PendingInvitationsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ (mine() ? 'labs.myTitle' : 'labs.title') | transloco }}</h1>
    <p class="lab-lead">{{ (mine() ? 'labs.myLead' : 'labs.lead') | transloco }}</p>
    @if (auth.pendingInvitations() && mine()) {
      <app-pending-invitations [count]="auth.pendingInvitations()" />
    }
    @if (auth.canStartLab()) {
      <p>
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          routerLink="/labs/nieuw"
          >{{ 'labs.new' | transloco }}</a
        >
      </p>
    } @else if (auth.loggedIn() && mine()) {
      <p class="lab-muted">{{ 'labs.newOnlyStaff' | transloco }}</p>
    }

    <form class="lab-filters" [formGroup]="form" (ngSubmit)="search()" role="search">
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="q">{{ 'labs.search' | transloco }}</label>
        <input class="utrecht-textbox" id="q" type="search" formControlName="q" />
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="theme">{{ 'labs.theme' | transloco }}</label>
        <select class="utrecht-select" id="theme" formControlName="theme">
          <option value="">{{ 'labs.allThemes' | transloco }}</option>
          @for (theme of themes; track theme) {
            <option [value]="theme">{{ 'theme.' + theme | transloco }}</option>
          }
        </select>
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="status">{{ 'labs.status' | transloco }}</label>
        <select class="utrecht-select" id="status" formControlName="status">
          <option value="">{{ 'labs.allStatuses' | transloco }}</option>
          @for (status of statuses; track status) {
            <option [value]="status">{{ 'status.' + status | transloco }}</option>
          }
        </select>
      </div>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">
        {{ 'labs.filter' | transloco }}
      </button>
    </form>

    <div aria-live="polite">
      @if (store.list(); as list) {
        <p>{{ 'labs.found' | transloco: { count: list.total } }}</p>
        @if (list.items.length) {
          <ul class="lab-grid">
            @for (lab of list.items; track lab.id) {
              <li><app-lab-card [lab]="lab" /></li>
            }
          </ul>
        } @else {
          <p>{{ 'labs.none' | transloco }}</p>
        }
        @if (pages() > 1) {
          <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="button"
              [disabled]="page() === 1"
              (click)="goTo(page() - 1)"
            >
              {{ 'labs.previous' | transloco }}
            </button>
            <span>{{ 'labs.pageOf' | transloco: { page: page(), pages: pages() } }}</span>
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="button"
              [disabled]="page() === pages()"
              (click)="goTo(page() + 1)"
            >
              {{ 'labs.next' | transloco }}
            </button>
          </nav>
        }
      } @else {
        <p>{{ 'common.loading' | transloco }}</p>
      }
    </div>
  `,
})
export class LabsListPage {
  protected readonly store = inject(LabsStore);
  protected readonly auth = inject(AuthStore);
  /** From the route's data: the "my labs" page shows only the caller's labs. */
  readonly mine = input(false);
  protected readonly themes = THEMES;
  protected readonly statuses = STATUSES;
  protected readonly offset = signal(0);
  protected readonly page = computed(() => Math.floor(this.offset() / PAGE_SIZE) + 1);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.store.list()?.total ?? 0) / PAGE_SIZE)));
  protected readonly form = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    theme: new FormControl('', { nonNullable: true }),
    status: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    pageTitle(() => ({ key: this.mine() ? 'labs.myTitle' : 'labs.title' }));
    effect(() => {
      void this.store.loadList({ ...this.form.getRawValue(), mine: this.mine(), offset: this.offset() });
    });
  }

  protected search(): void {
    if (this.offset() === 0) void this.store.loadList({ ...this.form.getRawValue(), mine: this.mine(), offset: 0 });
    else this.offset.set(0);
  }

  protected goTo(page: number): void {
    this.offset.set((page - 1) * PAGE_SIZE);
  }
}
