import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, OrganisationKind, Problem } from '../../core/api/api';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AdminStore } from './admin.store';

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
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'admin.organisations' | transloco }}</h2>
    <p class="lab-muted">{{ 'admin.organisationsLead' | transloco }}</p>

    <details class="lab-panel" [open]="open()" (toggle)="open.set($any($event.target).open)">
      <summary>
        <strong>{{ 'admin.newOrganisation' | transloco }}</strong>
      </summary>
      @if (createProblem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      <form class="lab-form" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="org-name">{{ 'partners.name' | transloco }}</label>
          <input
            class="utrecht-textbox"
            id="org-name"
            type="text"
            formControlName="name"
            maxlength="200"
            required
            [attr.aria-invalid]="submitted() && form.controls.name.invalid"
            [attr.aria-describedby]="submitted() && form.controls.name.invalid ? 'org-name-error' : null"
          />
          @if (submitted() && form.controls.name.invalid) {
            <p class="utrecht-form-field-error-message" id="org-name-error">
              {{ 'admin.organisationNameRequired' | transloco }}
            </p>
          }
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="org-kind">{{ 'lab.kind' | transloco }}</label>
          <select class="utrecht-select" id="org-kind" formControlName="kind">
            @for (k of kinds; track k) {
              <option [value]="k">{{ 'orgKind.' + k | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="org-municipality"
            >{{ 'newLab.municipality' | transloco }}
            <span class="lab-muted">({{ 'admin.optional' | transloco }})</span></label
          >
          <input
            class="utrecht-textbox"
            id="org-municipality"
            type="text"
            formControlName="municipality"
            maxlength="120"
          />
        </div>
        <div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {{ 'admin.addOrganisation' | transloco }}
          </button>
        </div>
      </form>
    </details>
    @if (added(); as name) {
      <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'admin.organisationAdded' | transloco: { name } }}</p>
    }
    @if (problem() ?? store.organisationsError(); as p) {
      <app-problem-alert [problem]="p" />
    }

    @if (store.organisations(); as list) {
      <p>{{ 'admin.organisationCount' | transloco: { count: list.length } }}</p>
      <table class="utrecht-table lab-table--stack">
        <caption class="visually-hidden">
          {{
            'admin.organisations' | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{{ 'lab.organisation' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'lab.kind' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'newLab.municipality' | transloco }}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (o of list; track o.id) {
            <tr class="utrecht-table__row">
              <th class="utrecht-table__cell" scope="row">{{ o.name }}</th>
              <td class="utrecht-table__cell" [attr.data-label]="'lab.kind' | transloco">
                {{ 'orgKind.' + o.kind | transloco }}
              </td>
              <td class="utrecht-table__cell" [attr.data-label]="'newLab.municipality' | transloco">
                {{ o.municipality ?? '–' }}
              </td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class AdminOrganisationsPage {
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
