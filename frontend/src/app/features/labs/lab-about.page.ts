import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, Problem, problemOf, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { PartnersStore } from './partners.store';
import { STATUSES } from './labs-list.page';

const SCALES = ['street', 'neighbourhood', 'city', 'region', 'national'];
const VISIBILITIES = ['private', 'members', 'public'];

/** About the lab: partners (who brought whom), where it came from, and its settings (invitations are under Members). */
@Component({
  selector: 'app-lab-about-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.lab(); as lab) {
      <section aria-labelledby="partners">
        <h2 class="utrecht-heading-2" id="partners">{{ 'lab.partners' | transloco }}</h2>
        @if (partnerRows().length) {
          <table class="utrecht-table">
            <caption class="visually-hidden">
              {{
                'lab.partnersCaption' | transloco
              }}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{{ 'lab.organisation' | transloco }}</th>
                <th class="utrecht-table__header-cell" scope="col">{{ 'lab.kind' | transloco }}</th>
                <th class="utrecht-table__header-cell" scope="col">{{ 'lab.since' | transloco }}</th>
                <th class="utrecht-table__header-cell" scope="col">{{ 'lab.broughtInBy' | transloco }}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              @for (p of partnerRows(); track p.organisationId) {
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{{ p.name }}</td>
                  <td class="utrecht-table__cell">{{ 'orgKind.' + p.kind | transloco }}</td>
                  <td class="utrecht-table__cell">{{ p.joinedAt.slice(0, 10) }}</td>
                  <td class="utrecht-table__cell">
                    {{ p.invitedBy ?? '–' }}
                    @if (store.isCoordinator()) {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="removePartner(p.organisationId)"
                      >
                        {{ 'partners.remove' | transloco }}<span class="visually-hidden"> ({{ p.name }})</span>
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p>{{ 'lab.noPartners' | transloco }}</p>
        }
      </section>

      @if (store.isCoordinator()) {
        <details class="lab-panel">
          <summary>
            <strong>{{ 'partners.add' | transloco }}</strong>
          </summary>
          @if (partnerProblem(); as p) {
            <app-problem-alert [problem]="p" />
          }
          <form class="lab-form" [formGroup]="partnerForm" (ngSubmit)="addPartner()">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="pa-org">{{ 'lab.organisation' | transloco }}</label>
              <select class="utrecht-select" id="pa-org" formControlName="organisationId">
                <option value="new">{{ 'partners.newOrganisation' | transloco }}</option>
                @for (o of organisations(); track o.id) {
                  <option [value]="o.id">{{ o.name }}</option>
                }
              </select>
            </div>
            @if (partnerForm.controls.organisationId.value === 'new') {
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="pa-name">{{ 'partners.name' | transloco }}</label>
                <input class="utrecht-textbox" id="pa-name" formControlName="name" />
              </div>
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="pa-kind">{{ 'lab.kind' | transloco }}</label>
                <select class="utrecht-select" id="pa-kind" formControlName="kind">
                  @for (k of kinds; track k) {
                    <option [value]="k">{{ 'orgKind.' + k | transloco }}</option>
                  }
                </select>
              </div>
            }
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="pa-by">{{ 'lab.broughtInBy' | transloco }}</label>
              <select class="utrecht-select" id="pa-by" formControlName="invitedBy">
                <option value="">–</option>
                @for (p of lab.partners; track p.organisationId) {
                  <option [value]="p.organisationId">{{ p.name }}</option>
                }
              </select>
            </div>
            <div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {{ 'partners.save' | transloco }}
              </button>
            </div>
          </form>
        </details>
      }

      @if (lab.origin; as origin) {
        <section aria-labelledby="origin" class="lab-panel">
          <h2 class="utrecht-heading-3" id="origin">{{ 'lab.adoptedFrom' | transloco }}</h2>
          <p>
            <a class="utrecht-link" [routerLink]="['/labs', origin.id]">{{ origin.name }}</a> ({{
              origin.municipality
            }})
          </p>
          @if (lab.transferConditions) {
            <p>
              <strong>{{ 'lab.transferConditions' | transloco }}:</strong> {{ lab.transferConditions }}
            </p>
          }
        </section>
      }

      @if (auth.canStartLab()) {
        <p>
          <a class="utrecht-link" [routerLink]="['/labs/nieuw']" [queryParams]="{ van: lab.id }">{{
            'lab.adopt' | transloco
          }}</a>
        </p>
      }

      @if (store.isCoordinator()) {
        <section class="lab-panel" aria-labelledby="settings">
          <h2 class="utrecht-heading-2" id="settings">{{ 'lab.settings' | transloco }}</h2>
          @if (problem(); as p) {
            <app-problem-alert [problem]="p" />
          }
          @if (saved()) {
            <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'common.saved' | transloco }}</p>
          }
          <form class="lab-inline-form" [formGroup]="form" (ngSubmit)="save()">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="lab-status">{{ 'labs.status' | transloco }}</label>
              <select class="utrecht-select" id="lab-status" formControlName="status">
                @for (s of statuses; track s) {
                  <option [value]="s">{{ 'status.' + s | transloco }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="lab-scale">{{ 'lab.scale' | transloco }}</label>
              <select class="utrecht-select" id="lab-scale" formControlName="scale">
                @for (s of scales; track s) {
                  <option [value]="s">{{ 'scale.' + s | transloco }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="lab-visibility">{{ 'lab.visibility' | transloco }}</label>
              <select class="utrecht-select" id="lab-visibility" formControlName="visibility">
                @for (v of visibilities; track v) {
                  <option [value]="v">{{ 'visibility.' + v | transloco }}</option>
                }
              </select>
            </div>
            <label class="lab-checks"
              ><input type="checkbox" formControlName="cosignedReflection" /> {{ 'lab.cosigned' | transloco }}</label
            >
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'common.save' | transloco }}
            </button>
          </form>
        </section>
        <p>
          <a class="utrecht-link" [routerLink]="['/labs', lab.id, 'leden']">{{ 'lab.toMembers' | transloco }}</a>
        </p>
      }
    }
  `,
})
export class LabAboutPage {
  protected readonly store = inject(LabStore);
  protected readonly auth = inject(AuthStore);
  private readonly partners = inject(PartnersStore);
  protected readonly statuses = STATUSES;
  protected readonly scales = SCALES;
  protected readonly visibilities = VISIBILITIES;
  protected readonly problem = signal<Problem | null>(null);
  protected readonly saved = signal(false);
  protected readonly kinds = [
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
  protected readonly organisations = this.partners.organisations;
  protected readonly partnerProblem = signal<Problem | null>(null);
  protected readonly partnerForm = new FormGroup({
    organisationId: new FormControl('new', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true }),
    kind: new FormControl('ngo', { nonNullable: true }),
    invitedBy: new FormControl('', { nonNullable: true }),
  });
  protected readonly form = new FormGroup({
    status: new FormControl('', { nonNullable: true }),
    scale: new FormControl('', { nonNullable: true }),
    visibility: new FormControl('', { nonNullable: true }),
    cosignedReflection: new FormControl(false, { nonNullable: true }),
  });

  protected readonly partnerRows = computed(() => {
    const partners = this.store.lab()?.partners ?? [];
    const names = new Map(partners.map((p) => [p.organisationId, p.name]));
    return partners.map((p) => ({
      ...p,
      invitedBy: p.invitedByOrganisationId ? (names.get(p.invitedByOrganisationId) ?? null) : null,
    }));
  });

  constructor() {
    effect(() => {
      if (this.store.isCoordinator()) untracked(() => void this.partners.loadOrganisations());
    });
    effect(() => {
      const lab = this.store.lab();
      if (lab)
        this.form.setValue(
          {
            status: lab.status,
            scale: lab.scale,
            visibility: lab.visibility,
            cosignedReflection: lab.cosignedReflection,
          },
          { emitEvent: false },
        );
    });
  }

  /** Adds a partner organisation (registering it first when it is new), with who brought it in. */
  protected async addPartner(): Promise<void> {
    const v = this.partnerForm.getRawValue();
    const partner =
      v.organisationId === 'new'
        ? { name: v.name, kind: v.kind as Schemas['CreateOrganisationDto']['kind'] }
        : { organisationId: Number(v.organisationId) };
    const ok = await attempt(this.partnerProblem, () =>
      this.partners.add(partner, v.invitedBy ? Number(v.invitedBy) : null),
    );
    if (ok) this.partnerForm.reset({ organisationId: 'new', name: '', kind: 'ngo', invitedBy: '' });
  }

  protected async removePartner(organisationId: number): Promise<void> {
    await attempt(this.partnerProblem, () => this.partners.remove(organisationId));
  }

  protected async save(): Promise<void> {
    const lab = this.store.lab()!;
    this.problem.set(null);
    this.saved.set(false);
    try {
      await this.store.updateLab({
        version: lab.version,
        ...(this.form.getRawValue() as Pick<
          Schemas['UpdateLabDto'],
          'status' | 'scale' | 'visibility' | 'cosignedReflection'
        >),
      });
      this.saved.set(true);
    } catch (error) {
      this.problem.set(problemOf(error));
      if (this.problem()?.code === 'stale_version') await this.store.reloadLab();
    }
  }
}
