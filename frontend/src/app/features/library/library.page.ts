import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { THEMES } from '../labs/labs-list.page';
import { LIBRARY_PAGE as PAGE, LibraryStore } from './library.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { SearchFormComponent } from '../../shared/ui/search-form.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';

/** The public library: what has been learned across labs, searchable, filterable, without login. */
@Component({
  selector: 'app-library-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    SearchFormComponent,
    PagerComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    LearningCardComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './library.page.html',
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
