import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, Problem, problemOf, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { PartnersStore } from './partners.store';
import { STATUSES } from './labs-list.page';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { LAB_FIELDS, LAB_SETTINGS_FIELDS, PARTNER_FIELDS } from './field-names';
import { EditSession } from '../../shared/ui/edit-session';
import { LabFieldsComponent, labForm, labValues } from './components/lab-fields.component';

const SCALES = ['street', 'neighbourhood', 'city', 'region', 'national'];
const VISIBILITIES = ['private', 'members', 'public'];

/** About the lab: partners (who brought whom), where it came from, and its settings (invitations are under Members). */
/** Today as a calendar day (YYYY-MM-DD) in the reader's own time zone. */
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

@Component({
  selector: 'app-lab-about-page',
  imports: [
    LocalDatePipe,
    FormFieldComponent,
    FieldControlDirective,
    LabFieldsComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-about.page.html',
})
export class LabAboutPage {
  protected readonly settingsFields = LAB_SETTINGS_FIELDS;
  protected readonly labFields = LAB_FIELDS;
  /** Editing the lab's name, question, aim, place and themes: the button is `#le-<id>`, the form `#le-<id>-form`. */
  protected readonly edit = new EditSession(inject(Injector), 'le');
  protected readonly editForm = labForm();
  protected readonly partnerFields = PARTNER_FIELDS;
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
    municipality: new FormControl('', { nonNullable: true }),
    joinedOn: new FormControl(today(), { nonNullable: true }),
  });
  protected readonly today = today();
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
      if (lab && !this.partnerForm.controls.municipality.value)
        this.partnerForm.controls.municipality.setValue(lab.municipality ?? '', { emitEvent: false });
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
        ? {
            name: v.name,
            kind: v.kind as Schemas['CreateOrganisationDto']['kind'],
            ...(v.municipality.trim() ? { municipality: v.municipality.trim() } : {}),
          }
        : { organisationId: Number(v.organisationId) };
    const ok = await attempt(this.partnerProblem, () =>
      this.partners.add(partner, v.invitedBy ? Number(v.invitedBy) : null, v.joinedOn || null),
    );
    if (ok)
      this.partnerForm.reset({
        organisationId: 'new',
        name: '',
        kind: 'ngo',
        invitedBy: '',
        municipality: this.store.lab()?.municipality ?? '',
        joinedOn: today(),
      });
  }

  protected async removePartner(organisationId: number): Promise<void> {
    await attempt(this.partnerProblem, () => this.partners.remove(organisationId));
  }

  protected startEdit(): void {
    const lab = this.store.lab()!;
    this.editForm.reset(labValues(lab));
    this.edit.open(lab);
  }

  /** Saves the lab's own fields; a stale version reloads the lab, so its header shows what is saved now. */
  protected async saveEdit(): Promise<void> {
    const v = this.editForm.getRawValue();
    await this.edit.save(
      (version) =>
        this.store.updateLab({
          version,
          name: v.name,
          question: v.question,
          aim: v.aim,
          municipality: v.municipality,
          neighbourhood: v.neighbourhood.trim() || null,
          themes: v.themes,
        }),
      () => this.store.reloadLab(),
    );
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
