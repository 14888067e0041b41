import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { LabCardComponent } from '../../shared/ui/lab-card.component';
import { PendingInvitationsComponent } from '../../shared/ui/pending-invitations.component';
import { LabsStore, PAGE_SIZE } from './labs.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { SearchFormComponent } from '../../shared/ui/search-form.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';

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
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    SearchFormComponent,
    PagerComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    LabCardComponent,
    PendingInvitationsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './labs-list.page.html',
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
