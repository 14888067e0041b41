import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Participant, Problem, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ParticipantsStore } from './participants.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import { RouterLink } from '@angular/router';
import { PARTICIPANT_FIELDS } from './field-names';
import { DataTableComponent, TableCellDirective, type TableColumn } from '../../shared/ui/data-table.component';

const CONSENT_VERSION = 'toestemming-2025-1';

/** Participants (personal data: coordinators and partners only) and their consent; attendance is kept at each cycle. */
@Component({
  selector: 'app-lab-participants-page',
  imports: [
    LocalNumberPipe,
    DataTableComponent,
    TableCellDirective,
    RouterLink,
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-participants.page.html',
})
export class LabParticipantsPage {
  /** The participants table's columns; only coordinators get the rights. */
  protected readonly columns = computed((): TableColumn[] => [
    { key: 'pseudonym', label: 'participants.pseudonym', rowHeader: true },
    { key: 'groups', label: 'participants.groups' },
    { key: 'invitedBy', label: 'participants.invitedBy' },
    { key: 'consent', label: 'participants.consent' },
    { key: 'attended', label: 'participants.attended' },
    ...(this.shell.isCoordinator() ? [{ key: 'rights', label: 'participants.rights' }] : []),
  ]);
  protected readonly fields = PARTICIPANT_FIELDS;
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(ParticipantsStore);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly confirmErase = signal<number | null>(null);

  protected readonly rows = computed(() => {
    const names = new Map(this.store.participants().map((p) => [p.id, p.pseudonym]));
    return this.store.participants().map((p) => ({
      ...p,
      invitedByName: p.invitedByParticipantId ? (names.get(p.invitedByParticipantId) ?? null) : null,
      consentSummary:
        (['participation', 'quote', 'photo', 'contact'] as const).filter((k) => p.consent[k]).length + '/4',
    }));
  });

  protected readonly form = new FormGroup({
    pseudonym: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    groups: new FormControl('', { nonNullable: true }),
    affiliation: new FormControl('', { nonNullable: true }),
    invitedBy: new FormControl('', { nonNullable: true }),
    participation: new FormControl(true, { nonNullable: true }),
    quote: new FormControl(false, { nonNullable: true }),
    photo: new FormControl(false, { nonNullable: true }),
    contact: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      if (!this.shell.labId()) return;
      void this.store.load();
    });
  }

  private run(work: () => Promise<unknown>): Promise<boolean> {
    return attempt(this.problem, work, () => this.store.load());
  }

  protected async add(): Promise<void> {
    const v = this.form.getRawValue();
    const ok = await this.run(() =>
      this.store.create({
        pseudonym: v.pseudonym,
        groups: v.groups
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean),
        ...(v.affiliation.trim() ? { affiliation: v.affiliation } : {}),
        ...(v.invitedBy ? { invitedByParticipantId: Number(v.invitedBy) } : {}),
        consent: {
          participation: v.participation,
          quote: v.quote,
          photo: v.photo,
          contact: v.contact,
          textVersion: CONSENT_VERSION,
        },
      }),
    );
    if (ok) this.form.reset();
  }

  /** Erasure on request (AVG/GDPR): asked twice, because it cannot be undone. */
  protected async erase(id: number): Promise<void> {
    const ok = await this.run(() => this.store.erase(id));
    if (ok) this.confirmErase.set(null);
  }

  protected async toggleQuote(p: Participant): Promise<void> {
    await this.run(() =>
      this.store.setConsent(p.id, {
        version: p.version,
        participation: p.consent.participation,
        quote: !p.consent.quote,
        photo: p.consent.photo,
        contact: p.consent.contact,
        textVersion: p.consent.textVersion ?? CONSENT_VERSION,
      }),
    );
  }
}
