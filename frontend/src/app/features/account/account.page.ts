import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, Problem } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { PASSWORD_MIN, passwordValidators, sameValues } from '../../core/auth/password-rules';
import { Language, LanguageService } from '../../core/i18n/language.service';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccountStore } from './account.store';
import { AccountInvitationsComponent } from './components/account-invitations.component';
import { AccountLeaveComponent } from './components/account-leave.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';

const hasFieldError = (problem: Problem | null, field: string) => !!problem?.errors?.some((e) => e.field === field);

/**
 * Every logged-in person's own account, in plain words: invitations waiting for an answer, name and language,
 * how one logs in (a password, or a personal link to keep), logging out everywhere, and deleting the account.
 */
@Component({
  selector: 'app-account-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
    CopyLinkComponent,
    AccountInvitationsComponent,
    AccountLeaveComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account.page.html',
})
export class AccountPage {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(AccountStore);
  private readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  protected readonly min = PASSWORD_MIN;
  /** The API's field names and this page's labels, to name a field in an error as the form does. */
  protected readonly detailLabels = { displayName: 'account.displayName', locale: 'account.language' };

  protected readonly invitationsProblem = signal<Problem | null>(null);
  protected readonly detailsProblem = signal<Problem | null>(null);
  protected readonly loginProblem = signal<Problem | null>(null);
  protected readonly everywhereProblem = signal<Problem | null>(null);
  protected readonly deleteProblem = signal<Problem | null>(null);
  protected readonly detailsSaved = signal(false);
  protected readonly detailsSubmitted = signal(false);
  /** The key of what was just saved about logging in. */
  protected readonly loginSaved = signal<string | null>(null);
  protected readonly emailSubmitted = signal(false);
  protected readonly passwordSubmitted = signal(false);
  protected readonly startSubmitted = signal(false);
  protected readonly personalLink = signal<AccessLink | null>(null);
  protected readonly joined = signal<{ labId: number; labName: string } | null>(null);

  protected readonly invitations = computed(
    () => this.store.invitations()?.map((i) => ({ ...i, until: i.expiresAt.slice(0, 10) })) ?? null,
  );
  protected readonly coordinated = computed(
    () => this.auth.user()?.memberships.filter((m) => m.role === 'coordinator') ?? [],
  );
  protected readonly emailTaken = computed(() => hasFieldError(this.loginProblem(), 'email'));
  protected readonly wrongPassword = computed(() => hasFieldError(this.loginProblem(), 'currentPassword'));

  protected readonly details = new FormGroup({
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120), Validators.pattern(/\S/)],
    }),
    locale: new FormControl<Language>('nl', { nonNullable: true }),
  });
  protected readonly emailForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly passwordForm = new FormGroup(
    {
      currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      newPassword: new FormControl('', { nonNullable: true, validators: passwordValidators }),
      repeat: new FormControl('', { nonNullable: true }),
    },
    { validators: sameValues('newPassword', 'repeat') },
  );
  protected readonly startForm = new FormGroup(
    {
      email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
      newPassword: new FormControl('', { nonNullable: true, validators: passwordValidators }),
      repeat: new FormControl('', { nonNullable: true }),
    },
    { validators: sameValues('newPassword', 'repeat') },
  );
  private readonly passwordValue = toSignal(this.passwordForm.valueChanges);
  private readonly startValue = toSignal(this.startForm.valueChanges);
  protected readonly passwordsDiffer = computed(() => {
    this.passwordValue();
    return !this.passwordForm.controls.repeat.value || !!this.passwordForm.errors?.['notSame'];
  });
  protected readonly startsDiffer = computed(() => {
    this.startValue();
    return !this.startForm.controls.repeat.value || !!this.startForm.errors?.['notSame'];
  });

  constructor() {
    pageTitle(() => ({ key: 'account.title' }));
    void this.store.loadInvitations();
    // The form shows the account as it is, unless the person is editing it.
    effect(() => {
      const user = this.auth.user();
      if (user)
        untracked(
          () =>
            this.details.pristine &&
            this.details.reset({ displayName: user.displayName, locale: user.locale === 'en' ? 'en' : 'nl' }),
        );
    });
  }

  protected async answer(id: number, accept: boolean): Promise<void> {
    this.joined.set(null);
    const invitation = this.store.invitations()?.find((i) => i.id === id);
    const ok = await attempt(this.invitationsProblem, () => this.store.answer(id, accept));
    if (ok && accept && invitation) this.joined.set({ labId: invitation.labId, labName: invitation.labName });
  }

  protected async saveDetails(): Promise<void> {
    this.detailsSubmitted.set(true);
    this.detailsSaved.set(false);
    if (this.details.invalid) return;
    const { displayName, locale } = this.details.getRawValue();
    const ok = await attempt(this.detailsProblem, () => this.store.update({ displayName: displayName.trim(), locale }));
    if (!ok) return;
    this.detailsSubmitted.set(false);
    this.details.reset({ displayName: displayName.trim(), locale });
    this.detailsSaved.set(true);
    this.language.use(locale);
  }

  protected async changeEmail(): Promise<void> {
    this.emailSubmitted.set(true);
    this.loginSaved.set(null);
    this.loginProblem.set(null);
    if (this.emailForm.invalid) return;
    const { email, currentPassword } = this.emailForm.getRawValue();
    if (await attempt(this.loginProblem, () => this.store.update({ email: email.trim(), currentPassword }))) {
      this.emailSubmitted.set(false);
      this.emailForm.reset();
      this.loginSaved.set('account.emailSaved');
    }
  }

  protected async changePassword(): Promise<void> {
    this.passwordSubmitted.set(true);
    this.loginSaved.set(null);
    this.loginProblem.set(null);
    if (this.passwordForm.invalid || this.passwordsDiffer()) return;
    const { currentPassword, newPassword } = this.passwordForm.getRawValue();
    if (await attempt(this.loginProblem, () => this.store.update({ currentPassword, newPassword }))) {
      this.passwordSubmitted.set(false);
      this.passwordForm.reset();
      this.loginSaved.set('account.passwordSaved');
    }
  }

  /** An account without a password chooses an e-mail address and password to log in with from now on. */
  protected async startPassword(): Promise<void> {
    this.startSubmitted.set(true);
    this.loginSaved.set(null);
    this.loginProblem.set(null);
    if (this.startForm.invalid || this.startsDiffer()) return;
    const { email, newPassword } = this.startForm.getRawValue();
    if (await attempt(this.loginProblem, () => this.store.update({ email: email.trim(), newPassword }))) {
      this.startSubmitted.set(false);
      this.startForm.reset();
      this.personalLink.set(null);
      this.loginSaved.set('account.startPasswordSaved');
    }
  }

  protected async makePersonalLink(): Promise<void> {
    await attempt(this.loginProblem, async () => this.personalLink.set(await this.store.personalLink()));
  }

  protected async logoutEverywhere(): Promise<void> {
    if (await attempt(this.everywhereProblem, () => this.store.logoutEverywhere()))
      await this.router.navigateByUrl('/inloggen');
  }

  protected async deleteAccount(): Promise<void> {
    if (await attempt(this.deleteProblem, () => this.store.deleteAccount())) await this.router.navigateByUrl('/');
  }
}
