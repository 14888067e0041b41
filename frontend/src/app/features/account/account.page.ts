import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, Problem } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { PASSWORD_MIN, passwordValidators, sameValues } from '../../core/auth/password-rules';
import { Language, LanguageService } from '../../core/i18n/language.service';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccountStore } from './account.store';

const hasFieldError = (problem: Problem | null, field: string) => !!problem?.errors?.some((e) => e.field === field);

/**
 * Every logged-in person's own account, in plain words: invitations waiting for an answer, name and language,
 * how one logs in (a password, or a personal link to keep), logging out everywhere, and deleting the account.
 */
@Component({
  selector: 'app-account-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent, CopyLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'account.title' | transloco }}</h1>
    @if (auth.user(); as user) {
      <p class="lab-lead">{{ 'account.lead' | transloco }}</p>

      <section class="lab-panel" id="uitnodigingen" aria-labelledby="invitations-title">
        <h2 class="utrecht-heading-2" id="invitations-title">{{ 'account.invitationsTitle' | transloco }}</h2>
        @if (invitationsProblem() ?? store.invitationsError(); as p) {
          <app-problem-alert [problem]="p" />
        }
        @if (joined(); as lab) {
          <p class="utrecht-alert utrecht-alert--ok" role="status">
            {{ 'account.joined' | transloco: { lab: lab.labName } }}
            <a class="utrecht-link" [routerLink]="['/labs', lab.labId]">{{
              'account.toLab' | transloco: { lab: lab.labName }
            }}</a>
          </p>
        }
        @if (invitations(); as list) {
          @if (list.length) {
            <ul class="lab-stack lab-plain-list">
              @for (i of list; track i.id) {
                <li class="lab-item">
                  <h3 class="utrecht-heading-3">
                    {{ i.labName }} <span class="lab-muted">({{ i.municipality }})</span>
                  </h3>
                  <p>
                    {{ 'account.invitedAs' | transloco: { role: ('role.' + i.role | transloco) } }}
                    @if (i.invitedByName) {
                      {{ 'account.invitedBy' | transloco: { name: i.invitedByName } }}
                    }
                    . {{ 'account.validUntil' | transloco: { date: i.until } }}
                  </p>
                  @if (i.note) {
                    <p class="lab-muted">{{ i.note }}</p>
                  }
                  <div class="lab-actions">
                    <button
                      class="utrecht-button utrecht-button--primary-action"
                      type="button"
                      (click)="answer(i.id, true)"
                    >
                      {{ 'account.accept' | transloco }}<span class="visually-hidden"> ({{ i.labName }})</span>
                    </button>
                    <button
                      class="utrecht-button utrecht-button--secondary-action"
                      type="button"
                      (click)="answer(i.id, false)"
                    >
                      {{ 'account.decline' | transloco }}<span class="visually-hidden"> ({{ i.labName }})</span>
                    </button>
                  </div>
                </li>
              }
            </ul>
          } @else {
            <p>{{ 'account.noInvitations' | transloco }}</p>
          }
        } @else {
          <p>{{ 'common.loading' | transloco }}</p>
        }
      </section>

      <section class="lab-panel" aria-labelledby="details-title">
        <h2 class="utrecht-heading-2" id="details-title">{{ 'account.detailsTitle' | transloco }}</h2>
        @if (detailsProblem(); as p) {
          <app-problem-alert [problem]="p" />
        }
        @if (detailsSaved()) {
          <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'common.saved' | transloco }}</p>
        }
        <form class="lab-form" [formGroup]="details" (ngSubmit)="saveDetails()" novalidate>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="acc-name">{{ 'account.displayName' | transloco }}</label>
            <p class="utrecht-form-field-description" id="acc-name-hint">{{ 'account.displayNameHint' | transloco }}</p>
            <input
              class="utrecht-textbox"
              id="acc-name"
              type="text"
              autocomplete="nickname"
              formControlName="displayName"
              maxlength="120"
              required
              [attr.aria-invalid]="detailsSubmitted() && details.controls.displayName.invalid"
              [attr.aria-describedby]="
                detailsSubmitted() && details.controls.displayName.invalid
                  ? 'acc-name-hint acc-name-error'
                  : 'acc-name-hint'
              "
            />
            @if (detailsSubmitted() && details.controls.displayName.invalid) {
              <p class="utrecht-form-field-error-message" id="acc-name-error">
                {{ 'invitation.nameRequired' | transloco }}
              </p>
            }
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="acc-locale">{{ 'account.language' | transloco }}</label>
            <select class="utrecht-select" id="acc-locale" formControlName="locale">
              <option value="nl" lang="nl">Nederlands</option>
              <option value="en" lang="en">English</option>
            </select>
          </div>
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'common.save' | transloco }}
            </button>
          </div>
        </form>
      </section>

      <section class="lab-panel" aria-labelledby="login-title">
        <h2 class="utrecht-heading-2" id="login-title">{{ 'account.loginTitle' | transloco }}</h2>
        @if (loginProblem(); as p) {
          <app-problem-alert [problem]="p" [showFields]="false" />
        }
        @if (loginSaved()) {
          <p class="utrecht-alert utrecht-alert--ok" role="status">{{ loginSaved()! | transloco }}</p>
        }
        @if (user.hasPassword) {
          <p>{{ 'account.withPassword' | transloco: { email: user.email } }}</p>

          <h3 class="utrecht-heading-3" id="email-title">{{ 'account.changeEmail' | transloco }}</h3>
          <form
            class="lab-form"
            [formGroup]="emailForm"
            (ngSubmit)="changeEmail()"
            aria-labelledby="email-title"
            novalidate
          >
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-email">{{ 'account.newEmail' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="acc-email"
                type="email"
                autocomplete="email"
                formControlName="email"
                required
                [attr.aria-invalid]="emailSubmitted() && (emailForm.controls.email.invalid || emailTaken())"
                [attr.aria-describedby]="
                  emailSubmitted() && (emailForm.controls.email.invalid || emailTaken()) ? 'acc-email-error' : null
                "
              />
              @if (emailSubmitted() && emailForm.controls.email.invalid) {
                <p class="utrecht-form-field-error-message" id="acc-email-error">
                  {{ 'login.emailRequired' | transloco }}
                </p>
              } @else if (emailTaken()) {
                <p class="utrecht-form-field-error-message" id="acc-email-error">
                  {{ 'account.emailTaken' | transloco }}
                </p>
              }
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-email-current">{{
                'account.currentPassword' | transloco
              }}</label>
              <input
                class="utrecht-textbox"
                id="acc-email-current"
                type="password"
                autocomplete="current-password"
                formControlName="currentPassword"
                required
                [attr.aria-invalid]="
                  emailSubmitted() && (emailForm.controls.currentPassword.invalid || wrongPassword())
                "
                [attr.aria-describedby]="
                  emailSubmitted() && (emailForm.controls.currentPassword.invalid || wrongPassword())
                    ? 'acc-email-current-error'
                    : null
                "
              />
              @if (emailSubmitted() && (emailForm.controls.currentPassword.invalid || wrongPassword())) {
                <p class="utrecht-form-field-error-message" id="acc-email-current-error">
                  {{ 'account.wrongPassword' | transloco }}
                </p>
              }
            </div>
            <div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {{ 'account.saveEmail' | transloco }}
              </button>
            </div>
          </form>

          <h3 class="utrecht-heading-3" id="password-title">{{ 'account.changePassword' | transloco }}</h3>
          <form
            class="lab-form"
            [formGroup]="passwordForm"
            (ngSubmit)="changePassword()"
            aria-labelledby="password-title"
            novalidate
          >
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-pw-current">{{ 'account.currentPassword' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="acc-pw-current"
                type="password"
                autocomplete="current-password"
                formControlName="currentPassword"
                required
                [attr.aria-invalid]="
                  passwordSubmitted() && (passwordForm.controls.currentPassword.invalid || wrongPassword())
                "
                [attr.aria-describedby]="
                  passwordSubmitted() && (passwordForm.controls.currentPassword.invalid || wrongPassword())
                    ? 'acc-pw-current-error'
                    : null
                "
              />
              @if (passwordSubmitted() && (passwordForm.controls.currentPassword.invalid || wrongPassword())) {
                <p class="utrecht-form-field-error-message" id="acc-pw-current-error">
                  {{ 'account.wrongPassword' | transloco }}
                </p>
              }
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-pw-new">{{ 'access.newPassword' | transloco }}</label>
              <p class="utrecht-form-field-description" id="acc-pw-new-hint">
                {{ 'access.passwordHint' | transloco: { min: min } }}
              </p>
              <input
                class="utrecht-textbox"
                id="acc-pw-new"
                type="password"
                autocomplete="new-password"
                formControlName="newPassword"
                required
                [attr.aria-invalid]="passwordSubmitted() && passwordForm.controls.newPassword.invalid"
                [attr.aria-describedby]="
                  passwordSubmitted() && passwordForm.controls.newPassword.invalid
                    ? 'acc-pw-new-hint acc-pw-new-error'
                    : 'acc-pw-new-hint'
                "
              />
              @if (passwordSubmitted() && passwordForm.controls.newPassword.invalid) {
                <p class="utrecht-form-field-error-message" id="acc-pw-new-error">
                  {{ 'access.passwordTooShort' | transloco: { min: min } }}
                </p>
              }
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-pw-repeat">{{ 'access.repeatPassword' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="acc-pw-repeat"
                type="password"
                autocomplete="new-password"
                formControlName="repeat"
                required
                [attr.aria-invalid]="passwordSubmitted() && passwordsDiffer()"
                [attr.aria-describedby]="passwordSubmitted() && passwordsDiffer() ? 'acc-pw-repeat-error' : null"
              />
              @if (passwordSubmitted() && passwordsDiffer()) {
                <p class="utrecht-form-field-error-message" id="acc-pw-repeat-error">
                  {{ 'access.notSame' | transloco }}
                </p>
              }
            </div>
            <div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {{ 'account.savePassword' | transloco }}
              </button>
            </div>
          </form>
        } @else if (user.identityProvider) {
          <p>{{ 'account.withOrganisation' | transloco }}</p>
        } @else {
          <p>{{ 'account.withLink' | transloco }}</p>
          <h3 class="utrecht-heading-3">{{ 'account.personalLinkTitle' | transloco }}</h3>
          <p>{{ 'account.personalLinkLead' | transloco }}</p>
          @if (personalLink(); as link) {
            <app-copy-link [path]="link.path" testId="personal-link"
              ><p>{{ 'account.personalLinkKeep' | transloco }}</p></app-copy-link
            >
          }
          <p>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="makePersonalLink()">
              {{ (personalLink() ? 'account.personalLinkAgain' : 'account.personalLinkMake') | transloco }}
            </button>
          </p>

          <h3 class="utrecht-heading-3" id="start-password-title">{{ 'account.startPasswordTitle' | transloco }}</h3>
          <p>{{ 'account.startPasswordLead' | transloco }}</p>
          <form
            class="lab-form"
            [formGroup]="startForm"
            (ngSubmit)="startPassword()"
            aria-labelledby="start-password-title"
            novalidate
          >
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-start-email">{{ 'login.email' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="acc-start-email"
                type="email"
                autocomplete="username"
                formControlName="email"
                required
                [attr.aria-invalid]="startSubmitted() && (startForm.controls.email.invalid || emailTaken())"
                [attr.aria-describedby]="
                  startSubmitted() && (startForm.controls.email.invalid || emailTaken())
                    ? 'acc-start-email-error'
                    : null
                "
              />
              @if (startSubmitted() && startForm.controls.email.invalid) {
                <p class="utrecht-form-field-error-message" id="acc-start-email-error">
                  {{ 'login.emailRequired' | transloco }}
                </p>
              } @else if (emailTaken()) {
                <p class="utrecht-form-field-error-message" id="acc-start-email-error">
                  {{ 'account.emailTaken' | transloco }}
                </p>
              }
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-start-pw">{{ 'access.newPassword' | transloco }}</label>
              <p class="utrecht-form-field-description" id="acc-start-pw-hint">
                {{ 'access.passwordHint' | transloco: { min: min } }}
              </p>
              <input
                class="utrecht-textbox"
                id="acc-start-pw"
                type="password"
                autocomplete="new-password"
                formControlName="newPassword"
                required
                [attr.aria-invalid]="startSubmitted() && startForm.controls.newPassword.invalid"
                [attr.aria-describedby]="
                  startSubmitted() && startForm.controls.newPassword.invalid
                    ? 'acc-start-pw-hint acc-start-pw-error'
                    : 'acc-start-pw-hint'
                "
              />
              @if (startSubmitted() && startForm.controls.newPassword.invalid) {
                <p class="utrecht-form-field-error-message" id="acc-start-pw-error">
                  {{ 'access.passwordTooShort' | transloco: { min: min } }}
                </p>
              }
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="acc-start-repeat">{{ 'access.repeatPassword' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="acc-start-repeat"
                type="password"
                autocomplete="new-password"
                formControlName="repeat"
                required
                [attr.aria-invalid]="startSubmitted() && startsDiffer()"
                [attr.aria-describedby]="startSubmitted() && startsDiffer() ? 'acc-start-repeat-error' : null"
              />
              @if (startSubmitted() && startsDiffer()) {
                <p class="utrecht-form-field-error-message" id="acc-start-repeat-error">
                  {{ 'access.notSame' | transloco }}
                </p>
              }
            </div>
            <div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {{ 'account.startPasswordSave' | transloco }}
              </button>
            </div>
          </form>
        }
      </section>

      <section class="lab-panel" aria-labelledby="everywhere-title">
        <h2 class="utrecht-heading-2" id="everywhere-title">{{ 'account.everywhereTitle' | transloco }}</h2>
        <p>{{ 'account.everywhereLead' | transloco }}</p>
        @if (!user.hasPassword && !user.identityProvider) {
          <p class="lab-notice">{{ 'account.everywhereNoPassword' | transloco }}</p>
        }
        @if (everywhereProblem(); as p) {
          <app-problem-alert [problem]="p" />
        }
        <p>
          <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="logoutEverywhere()">
            {{ 'account.everywhere' | transloco }}
          </button>
        </p>
      </section>

      <section class="lab-panel" aria-labelledby="delete-title">
        <h2 class="utrecht-heading-2" id="delete-title">{{ 'account.deleteTitle' | transloco }}</h2>
        <p>{{ 'account.deleteLead' | transloco }}</p>
        @if (deleteProblem(); as p) {
          <app-problem-alert [problem]="p" />
          @if (p.code === 'last_coordinator') {
            <p>{{ 'account.deleteLastCoordinator' | transloco }}</p>
            <ul class="utrecht-unordered-list">
              @for (m of coordinated(); track m.labId) {
                <li>
                  <a class="utrecht-link" [routerLink]="['/labs', m.labId, 'leden']">{{ m.labName }}</a>
                </li>
              }
            </ul>
          } @else if (p.code === 'last_admin') {
            <p>{{ 'account.deleteLastAdmin' | transloco }}</p>
          }
        }
        @if (confirmDelete()) {
          <div class="utrecht-alert utrecht-alert--warning" role="alert">
            <div class="utrecht-alert__content">
              <p>
                <strong>{{ 'account.deleteSure' | transloco }}</strong>
              </p>
              <div class="lab-actions">
                <button
                  class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
                  type="button"
                  (click)="deleteAccount()"
                >
                  {{ 'account.deleteYes' | transloco }}
                </button>
                <button class="utrecht-button utrecht-button--subtle" type="button" (click)="confirmDelete.set(false)">
                  {{ 'common.cancel' | transloco }}
                </button>
              </div>
            </div>
          </div>
        } @else {
          <p>
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="button"
              (click)="confirmDelete.set(true)"
            >
              {{ 'account.delete' | transloco }}
            </button>
          </p>
        }
      </section>
    }
  `,
})
export class AccountPage {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(AccountStore);
  private readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  protected readonly min = PASSWORD_MIN;

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
  protected readonly confirmDelete = signal(false);
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
    this.confirmDelete.set(false);
    if (await attempt(this.deleteProblem, () => this.store.deleteAccount())) await this.router.navigateByUrl('/');
  }
}
