import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, CreatedInvitation, LabRole, Problem } from '../../core/api/api';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabsStore } from './labs.store';

/**
 * A coordinator invites people: by a link to pass on (no e-mail server needed: copy it), or by an exact e-mail
 * address that the person answers when they log in. The list shows what became of each; unused ones can be withdrawn.
 */
@Component({
  selector: 'app-invitations-panel',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent, CopyLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="lab-panel" aria-labelledby="invite-title">
      <h2 class="utrecht-heading-2" id="invite-title">{{ 'invite.title' | transloco }}</h2>
      <p>{{ 'invite.lead' | transloco }}</p>
      <form class="lab-filters" [formGroup]="form" (ngSubmit)="create()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-role">{{ 'invite.role' | transloco }}</label>
          <select class="utrecht-select" id="invite-role" formControlName="role">
            @for (role of roles; track role) {
              <option [value]="role">{{ 'role.' + role | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-days">{{ 'invite.days' | transloco }}</label>
          <input
            class="utrecht-textbox lab-textbox--short"
            id="invite-days"
            type="number"
            min="1"
            max="60"
            formControlName="expiresInDays"
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-note">{{ 'invite.note' | transloco }}</label>
          <input class="utrecht-textbox" id="invite-note" type="text" formControlName="note" />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'invite.create' | transloco }}
        </button>
      </form>
      @if (problem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      @if (created(); as invitation) {
        <app-copy-link [path]="invitation.path" testId="invitation-link"
          ><p>{{ 'invite.copyThis' | transloco }}</p></app-copy-link
        >
      }

      <h3 class="utrecht-heading-3" id="invite-email-title">{{ 'invite.byEmailTitle' | transloco }}</h3>
      <p id="invite-email-lead">{{ 'invite.byEmailLead' | transloco }}</p>
      <form
        class="lab-filters"
        [formGroup]="emailForm"
        (ngSubmit)="inviteByEmail()"
        aria-labelledby="invite-email-title"
        novalidate
      >
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-email">{{ 'invite.email' | transloco }}</label>
          <input
            class="utrecht-textbox"
            id="invite-email"
            type="email"
            autocomplete="off"
            formControlName="email"
            [attr.aria-invalid]="emailSubmitted() && emailForm.controls.email.invalid"
            [attr.aria-describedby]="emailSubmitted() && emailForm.controls.email.invalid ? 'invite-email-error' : null"
          />
          @if (emailSubmitted() && emailForm.controls.email.invalid) {
            <p class="utrecht-form-field-error-message" id="invite-email-error">
              {{ 'login.emailRequired' | transloco }}
            </p>
          }
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-email-role">{{ 'invite.role' | transloco }}</label>
          <select class="utrecht-select" id="invite-email-role" formControlName="role">
            @for (role of roles; track role) {
              <option [value]="role">{{ 'role.' + role | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="invite-email-days">{{ 'invite.days' | transloco }}</label>
          <input
            class="utrecht-textbox lab-textbox--short"
            id="invite-email-days"
            type="number"
            min="1"
            max="60"
            formControlName="expiresInDays"
          />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'invite.send' | transloco }}
        </button>
      </form>
      @if (sentTo(); as email) {
        <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'invite.sent' | transloco: { email } }}</p>
      }

      @if (rows().length) {
        <h3 class="utrecht-heading-3" id="invite-list-title">{{ 'invite.listTitle' | transloco }}</h3>
        @if (withdrawn()) {
          <p class="visually-hidden" role="status">{{ 'invite.withdrawn' | transloco }}</p>
        }
        <table class="utrecht-table lab-table--stack" aria-labelledby="invite-list-title">
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.role' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.forWhom' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.state' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">{{ 'invite.expires' | transloco }}</th>
              <th class="utrecht-table__header-cell" scope="col">
                <span class="visually-hidden">{{ 'invite.actions' | transloco }}</span>
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            @for (i of rows(); track i.id) {
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell" [attr.data-label]="'invite.role' | transloco">
                  {{ 'role.' + i.role | transloco }}
                </td>
                <td class="utrecht-table__cell" [attr.data-label]="'invite.forWhom' | transloco">{{ i.forWhom }}</td>
                <td class="utrecht-table__cell" [attr.data-label]="'invite.state' | transloco">
                  {{ 'invite.state_' + i.state | transloco }}
                  @if (i.usedByName) {
                    ({{ i.usedByName }})
                  }
                </td>
                <td class="utrecht-table__cell" [attr.data-label]="'invite.expires' | transloco">{{ i.expiresOn }}</td>
                <td class="utrecht-table__cell">
                  @if (i.state === 'open') {
                    <button class="utrecht-button utrecht-button--subtle" type="button" (click)="withdraw(i.id)">
                      {{ 'invite.withdraw' | transloco
                      }}<span class="visually-hidden"> ({{ i.forWhom }}, {{ 'role.' + i.role | transloco }})</span>
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class InvitationsPanelComponent {
  protected readonly store = inject(LabsStore);
  readonly labId = input.required<number>();
  protected readonly roles: LabRole[] = ['resident', 'partner', 'observer', 'coordinator'];
  protected readonly created = signal<CreatedInvitation | null>(null);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly withdrawn = signal(false);
  protected readonly emailSubmitted = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    role: new FormControl<LabRole>('resident', { nonNullable: true }),
    expiresInDays: new FormControl(14, { nonNullable: true, validators: [Validators.min(1), Validators.max(60)] }),
    note: new FormControl('', { nonNullable: true }),
  });
  protected readonly emailForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl<LabRole>('partner', { nonNullable: true }),
    expiresInDays: new FormControl(14, { nonNullable: true, validators: [Validators.min(1), Validators.max(60)] }),
  });
  protected readonly rows = computed(() =>
    this.store
      .invitations()
      .map((i) => ({ ...i, forWhom: i.note ?? i.inviteeEmail ?? '–', expiresOn: i.expiresAt.slice(0, 10) })),
  );

  constructor() {
    effect(() => {
      const labId = this.labId();
      untracked(() => void this.store.loadInvitations(labId));
    });
  }

  protected async create(): Promise<void> {
    this.created.set(null);
    const { role, expiresInDays, note } = this.form.getRawValue();
    await attempt(this.problem, async () => {
      this.created.set(
        await this.store.createInvitation(this.labId(), {
          role,
          expiresInDays: Number(expiresInDays),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      );
    });
  }

  protected async inviteByEmail(): Promise<void> {
    this.emailSubmitted.set(true);
    this.sentTo.set(null);
    if (this.emailForm.invalid) return;
    const { email, role, expiresInDays } = this.emailForm.getRawValue();
    const ok = await attempt(this.problem, () =>
      this.store.inviteByEmail(this.labId(), { email: email.trim(), role, expiresInDays: Number(expiresInDays) }),
    );
    if (!ok) return;
    this.sentTo.set(email.trim());
    this.emailSubmitted.set(false);
    this.emailForm.reset({ email: '', role, expiresInDays: 14 });
  }

  protected async withdraw(id: number): Promise<void> {
    this.withdrawn.set(false);
    if (await attempt(this.problem, () => this.store.withdrawInvitation(id))) this.withdrawn.set(true);
  }
}
