import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Participant, Problem, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ExperimentsStore } from './experiments.store';
import { ParticipantsStore } from './participants.store';

const CONSENT_VERSION = 'toestemming-2025-1';

/** Participants (personal data: coordinators and partners only), their consent, and attendance per iteration. */
@Component({
  selector: 'app-lab-participants-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'participants.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'participants.lead' | transloco }}</p>
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }

    <details class="lab-panel">
      <summary>
        <strong>{{ 'participants.add' | transloco }}</strong>
      </summary>
      <form class="lab-form" [formGroup]="form" (ngSubmit)="add()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="p-name">{{ 'participants.pseudonym' | transloco }}</label>
          <input class="utrecht-textbox" id="p-name" formControlName="pseudonym" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="p-groups">{{ 'participants.groups' | transloco }}</label>
          <p class="utrecht-form-field-description" id="p-groups-hint">{{ 'participants.groupsHint' | transloco }}</p>
          <input class="utrecht-textbox" id="p-groups" formControlName="groups" aria-describedby="p-groups-hint" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="p-affiliation">{{ 'participants.affiliation' | transloco }}</label>
          <input class="utrecht-textbox" id="p-affiliation" formControlName="affiliation" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="p-invited">{{ 'participants.invitedBy' | transloco }}</label>
          <select class="utrecht-select" id="p-invited" formControlName="invitedBy">
            <option value="">–</option>
            @for (p of store.participants(); track p.id) {
              <option [value]="p.id">{{ p.pseudonym }}</option>
            }
          </select>
        </div>
        <fieldset class="lab-fieldset">
          <legend>{{ 'participants.consent' | transloco }}</legend>
          <div class="lab-checks">
            <label
              ><input type="checkbox" formControlName="participation" />
              {{ 'consent.participation' | transloco }}</label
            >
            <label><input type="checkbox" formControlName="quote" /> {{ 'consent.quote' | transloco }}</label>
            <label><input type="checkbox" formControlName="photo" /> {{ 'consent.photo' | transloco }}</label>
            <label><input type="checkbox" formControlName="contact" /> {{ 'consent.contact' | transloco }}</label>
          </div>
        </fieldset>
        <div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {{ 'participants.save' | transloco }}
          </button>
        </div>
      </form>
    </details>

    @if (store.participants().length) {
      <table class="utrecht-table">
        <caption class="visually-hidden">
          {{
            'participants.title' | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{{ 'participants.pseudonym' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'participants.groups' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'participants.invitedBy' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'participants.consent' | transloco }}</th>
            <th class="utrecht-table__header-cell" scope="col">{{ 'participants.attended' | transloco }}</th>
            @if (shell.isCoordinator()) {
              <th class="utrecht-table__header-cell" scope="col">{{ 'participants.rights' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (p of rows(); track p.id) {
            <tr class="utrecht-table__row">
              <th class="utrecht-table__cell" scope="row">{{ p.pseudonym }}</th>
              <td class="utrecht-table__cell">{{ p.groups.join(', ') || '–' }}</td>
              <td class="utrecht-table__cell">{{ p.invitedByName ?? '–' }}</td>
              <td class="utrecht-table__cell">
                {{ p.consentSummary }}
                <button class="utrecht-button utrecht-button--subtle" type="button" (click)="toggleQuote(p)">
                  {{ (p.consent.quote ? 'participants.withdrawQuote' : 'participants.giveQuote') | transloco
                  }}<span class="visually-hidden"> ({{ p.pseudonym }})</span>
                </button>
              </td>
              <td class="utrecht-table__cell">{{ p.attendedIterations }}</td>
              @if (shell.isCoordinator()) {
                <td class="utrecht-table__cell">
                  <a
                    class="utrecht-link"
                    [href]="'/api/participants/' + p.id + '/personal-data'"
                    [attr.download]="'persoonsgegevens-' + p.id + '.json'"
                    >{{ 'participants.exportData' | transloco }}</a
                  >
                  @if (confirmErase() === p.id) {
                    <span role="alert">{{ 'participants.eraseSure' | transloco }}</span>
                    <button
                      class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
                      type="button"
                      (click)="erase(p.id)"
                    >
                      {{ 'participants.eraseYes' | transloco }}
                    </button>
                    <button
                      class="utrecht-button utrecht-button--subtle"
                      type="button"
                      (click)="confirmErase.set(null)"
                    >
                      {{ 'common.cancel' | transloco }}
                    </button>
                  } @else {
                    <button
                      class="utrecht-button utrecht-button--subtle"
                      type="button"
                      (click)="confirmErase.set(p.id)"
                    >
                      {{ 'participants.erase' | transloco }}<span class="visually-hidden"> ({{ p.pseudonym }})</span>
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p>{{ 'participants.none' | transloco }}</p>
    }

    @if (experiments.iterations().length && store.participants().length) {
      <section class="lab-panel" aria-labelledby="attendance">
        <h3 class="utrecht-heading-3" id="attendance">{{ 'participants.attendance' | transloco }}</h3>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="a-iteration">{{ 'observations.iteration' | transloco }}</label>
          <select
            class="utrecht-select"
            id="a-iteration"
            [value]="attendanceFor() ?? ''"
            (change)="pickIteration($any($event.target).value)"
          >
            @for (i of experiments.iterations(); track i.id) {
              <option [value]="i.id">#{{ i.number }} ({{ i.startsOn }})</option>
            }
          </select>
        </div>
        <fieldset class="lab-fieldset">
          <legend>{{ 'participants.whoCame' | transloco }}</legend>
          <div class="lab-checks">
            @for (p of store.participants(); track p.id) {
              <label
                ><input type="checkbox" [checked]="present().includes(p.id)" (change)="togglePresent(p.id)" />
                {{ p.pseudonym }}</label
              >
            }
          </div>
        </fieldset>
        <p>
          <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="saveAttendance()">
            {{ 'participants.saveAttendance' | transloco }}
          </button>
          @if (attendanceSaved()) {
            <span role="status"> {{ 'common.saved' | transloco }}</span>
          }
        </p>
      </section>
    }
  `,
})
export class LabParticipantsPage {
  protected readonly shell = inject(LabStore);
  protected readonly experiments = inject(ExperimentsStore);
  protected readonly store = inject(ParticipantsStore);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly attendanceFor = signal<number | null>(null);
  protected readonly present = signal<number[]>([]);
  protected readonly attendanceSaved = signal(false);
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
      void this.experiments.load();
    });
    effect(() => {
      const current = this.experiments.currentIteration();
      if (current && this.attendanceFor() === null) void this.pickIteration(String(current.id));
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

  protected async pickIteration(id: string): Promise<void> {
    this.attendanceFor.set(Number(id));
    this.attendanceSaved.set(false);
    this.present.set(await this.experiments.attendance(Number(id)));
  }

  protected togglePresent(id: number): void {
    this.present.update((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  }

  protected async saveAttendance(): Promise<void> {
    const ok = await this.run(() => this.experiments.setAttendance(this.attendanceFor()!, this.present()));
    this.attendanceSaved.set(ok);
    if (ok) await this.store.load();
  }
}
