import { ChangeDetectionStrategy, Component, computed, effect, inject, Injector, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Participant, Problem, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ParticipantsStore } from './participants.store';
import { LocalNumberPipe } from '../../core/i18n/local-date.pipe';
import { RouterLink } from '@angular/router';
import { PARTICIPANT_FIELDS } from './field-names';
import { DataTableComponent, TableCellDirective, type TableColumn } from '../../shared/ui/data-table.component';
import { EditSession } from '../../shared/ui/edit-session';
import {
  groupsOf,
  ParticipantFieldsComponent,
  participantForm,
  participantValues,
} from './components/participant-fields.component';

const CONSENT_VERSION = 'toestemming-2025-1';

/** Participants (personal data: coordinators and partners only) and their consent; attendance is kept at each cycle. */
@Component({
  selector: 'app-lab-participants-page',
  imports: [
    LocalNumberPipe,
    DataTableComponent,
    TableCellDirective,
    RouterLink,
    ParticipantFieldsComponent,
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

  protected readonly form = participantForm();
  /** Editing a participant: the row's edit button is `#pe-<id>`, the form under the table `#pe-<id>-form`. */
  protected readonly edit = new EditSession(inject(Injector), 'pe');
  protected readonly editForm = participantForm();
  protected readonly editing = computed(() => this.store.participants().find((p) => p.id === this.edit.id()) ?? null);
  /** Who may have brought the one being edited: anyone else. */
  protected readonly others = computed(() => this.store.participants().filter((p) => p.id !== this.edit.id()));

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
        groups: groupsOf(v.groups),
        ...(v.affiliation.trim() ? { affiliation: v.affiliation } : {}),
        ...(v.contactDetails.trim() ? { contact: v.contactDetails } : {}),
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

  protected startEdit(p: Participant): void {
    this.editForm.reset(participantValues(p));
    this.edit.open(p);
  }

  /**
   * Saves an edit: the details and, when they changed, the consents. A consent to contact newly given goes first, so
   * the contact details may follow; otherwise the details go first, and the API refuses contact details without that
   * consent (named on the field). A consent withdrawn removes what it covered.
   */
  protected async saveEdit(p: Participant): Promise<void> {
    const v = this.editForm.getRawValue();
    const consent = { participation: v.participation, quote: v.quote, photo: v.photo, contact: v.contact };
    const consentChanged = (Object.keys(consent) as (keyof typeof consent)[]).some((k) => consent[k] !== p.consent[k]);
    const details = {
      pseudonym: v.pseudonym,
      groups: groupsOf(v.groups),
      affiliation: v.affiliation.trim() || null,
      contact: v.contactDetails.trim() || null,
      invitedByParticipantId: v.invitedBy ? Number(v.invitedBy) : null,
    };
    await this.edit.save(
      async (version) => {
        const setConsent = async (at: number) =>
          (await this.store.setConsent(p.id, { version: at, ...consent, textVersion: CONSENT_VERSION })).version;
        let at = version;
        if (consentChanged && consent.contact && !p.consent.contact) at = this.edit.rebase(await setConsent(at));
        at = this.edit.rebase((await this.store.update(p.id, { version: at, ...details })).version);
        if (consentChanged && !(consent.contact && !p.consent.contact)) await setConsent(at);
      },
      () => this.store.load(),
    );
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
