import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, CreatedInvitation, LabRole, Problem } from '../../core/api/api';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabsStore } from './labs.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { INVITATION_FIELDS } from './field-names';

/**
 * A coordinator invites people: by a link to pass on (no e-mail server needed: copy it), or by an exact e-mail
 * address that the person answers when they log in. The list shows what became of each; unused ones can be withdrawn.
 */
@Component({
  selector: 'app-invitations-panel',
  imports: [
    LocalDatePipe,
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
    CopyLinkComponent,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitations-panel.component.html',
})
export class InvitationsPanelComponent {
  protected readonly fields = INVITATION_FIELDS;
  protected readonly store = inject(LabsStore);
  readonly labId = input.required<number>();
  protected readonly roles: LabRole[] = ['resident', 'partner', 'observer', 'coordinator'];
  /** How long a link can be used, in days (the API takes 1 to 60). */
  protected readonly dayChoices = [1, 7, 14, 30, 60];
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
