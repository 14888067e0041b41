import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, OrganisationKind, Problem } from '../../core/api/api';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AdminStore } from './admin.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import type { FieldNames } from '../../shared/ui/field-errors';

const KINDS: OrganisationKind[] = [
  'municipality',
  'ministry',
  'ngo',
  'church',
  'school',
  'business',
  'foundation',
  'knowledge_institute',
  'residents_collective',
];

/** The organisations of the installation (municipalities and partners that labs name), and registering a new one. */
@Component({
  selector: 'app-admin-organisations-page',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-organisations.page.html',
})
export class AdminOrganisationsPage {
  /** The API's field names and this form's labels, to name a field in an error as the form does. */
  protected readonly fields: FieldNames = {
    name: 'partners.name',
    kind: { label: 'lab.kind', values: 'orgKind.' },
    municipality: 'newLab.municipality',
  };
  protected readonly store = inject(AdminStore);
  protected readonly kinds = KINDS;
  protected readonly problem = signal<Problem | null>(null);
  protected readonly createProblem = signal<Problem | null>(null);
  protected readonly submitted = signal(false);
  protected readonly open = signal(false);
  protected readonly added = signal<string | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(200)],
    }),
    kind: new FormControl<OrganisationKind>('ngo', { nonNullable: true }),
    municipality: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    pageTitle(() => ({ key: 'admin.organisationsTitle' }));
    void this.store.loadOrganisations();
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.added.set(null);
    if (this.form.invalid) return;
    const { name, kind, municipality } = this.form.getRawValue();
    const ok = await attempt(this.createProblem, () =>
      this.store.createOrganisation({
        name: name.trim(),
        kind,
        ...(municipality.trim() ? { municipality: municipality.trim() } : {}),
      }),
    );
    if (!ok) return;
    this.added.set(name.trim());
    this.submitted.set(false);
    this.form.reset({ name: '', kind, municipality: '' });
    this.open.set(false);
  }
}
