import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, Problem, problemOf, Schemas } from '../../core/api/api';
import { linkPreview } from '../../core/api/link-preview';
import { AuthStore } from '../../core/auth/auth.store';
import { PASSWORD_MIN, passwordValidators, sameValues } from '../../core/auth/password-rules';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccountStore } from '../account/account.store';
import { InvitationStore } from './invitation.store';

/**
 * A resident opens the link on a phone: plain words, one field, one button, and afterwards a personal link to keep
 * for coming back. Coordinators and partners also choose an e-mail address and password, to log in again later.
 */
@Component({
  selector: 'app-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent, CopyLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (joined(); as j) {
      <h1 class="utrecht-heading-1">{{ 'invitation.joinedTitle' | transloco }}</h1>
      <p class="lab-lead">{{ 'invitation.joinedLead' | transloco: { name: j.name, lab: j.labName } }}</p>
      <section class="lab-panel" aria-labelledby="keep-title">
        <h2 class="utrecht-heading-2" id="keep-title">{{ 'invitation.keepTitle' | transloco }}</h2>
        <p>{{ 'invitation.keepLead' | transloco }}</p>
        @if (linkProblem(); as p) {
          <app-problem-alert [problem]="p" />
        }
        @if (personalLink(); as link) {
          <app-copy-link [path]="link.path" testId="personal-link"
            ><p>{{ 'account.personalLinkKeep' | transloco }}</p></app-copy-link
          >
        } @else {
          <p>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="makePersonalLink()">
              {{ 'account.personalLinkMake' | transloco }}
            </button>
          </p>
        }
      </section>
      <p>
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          [routerLink]="j.next"
          >{{ (j.roundId ? 'invitation.toRound' : 'invitation.toLab') | transloco }}</a
        >
      </p>
    } @else {
      <h1 class="utrecht-heading-1">{{ 'invitation.title' | transloco }}</h1>
      @if (loadProblem(); as p) {
        <app-problem-alert [problem]="p" />
        <p>
          <a class="utrecht-link" routerLink="/">{{ 'invitation.toHome' | transloco }}</a>
        </p>
      } @else if (preview(); as invitation) {
        <p class="lab-lead">
          {{ 'invitation.lead' | transloco: { lab: invitation.labName, place: invitation.municipality } }}
        </p>
        <p class="lab-question">{{ invitation.labQuestion }}</p>
        @if (invitation.roundTitle) {
          <p class="lab-notice">{{ 'invitation.round' | transloco: { title: invitation.roundTitle } }}</p>
        }
        <p>
          {{ 'invitation.asRole' | transloco }} <strong>{{ 'role.' + invitation.role | transloco }}</strong>.
          {{ 'invitation.roleExplain_' + invitation.role | transloco }}
        </p>
        @if (team()) {
          <p>{{ 'invitation.teamLead' | transloco }}</p>
        }
        @if (team() && !emailInUse()) {
          <p class="lab-notice">
            {{ 'invitation.haveAccount' | transloco }}
            <a class="utrecht-link" routerLink="/inloggen" [queryParams]="{ terug: here() }">{{
              'invitation.loginFirst' | transloco
            }}</a>
          </p>
        }
        @if (emailInUse()) {
          <div class="utrecht-alert utrecht-alert--error" role="alert">
            <div class="utrecht-alert__content">
              <p>
                <strong>{{ 'invitation.emailInUse' | transloco }}</strong>
              </p>
              <p>
                <a class="utrecht-link" routerLink="/inloggen" [queryParams]="{ terug: here() }">{{
                  'invitation.loginThenAgain' | transloco
                }}</a>
              </p>
            </div>
          </div>
        } @else if (problem(); as p) {
          <app-problem-alert [problem]="p" [showFields]="!team()" />
        }
        <form class="lab-form" [formGroup]="form" (ngSubmit)="accept()" novalidate>
          @if (!auth.loggedIn()) {
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="displayName">{{ 'invitation.name' | transloco }}</label>
              <p class="utrecht-form-field-description" id="displayName-hint">
                {{ 'invitation.nameHint' | transloco }}
              </p>
              <input
                class="utrecht-textbox"
                id="displayName"
                type="text"
                autocomplete="nickname"
                formControlName="displayName"
                required
                maxlength="60"
                [attr.aria-invalid]="submitted() && form.controls.displayName.invalid"
                [attr.aria-describedby]="
                  submitted() && form.controls.displayName.invalid
                    ? 'displayName-hint displayName-error'
                    : 'displayName-hint'
                "
              />
              @if (submitted() && form.controls.displayName.invalid) {
                <p class="utrecht-form-field-error-message" id="displayName-error" role="alert">
                  {{ 'invitation.nameRequired' | transloco }}
                </p>
              }
            </div>
            @if (team()) {
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="inv-email">{{ 'login.email' | transloco }}</label>
                <p class="utrecht-form-field-description" id="inv-email-hint">
                  {{ 'invitation.emailHint' | transloco }}
                </p>
                <input
                  class="utrecht-textbox"
                  id="inv-email"
                  type="email"
                  autocomplete="username"
                  formControlName="email"
                  required
                  [attr.aria-invalid]="(submitted() && form.controls.email.invalid) || emailInUse()"
                  [attr.aria-describedby]="
                    (submitted() && form.controls.email.invalid) || emailInUse()
                      ? 'inv-email-hint inv-email-error'
                      : 'inv-email-hint'
                  "
                />
                @if (emailInUse()) {
                  <p class="utrecht-form-field-error-message" id="inv-email-error">
                    {{ 'invitation.emailInUseShort' | transloco }}
                  </p>
                } @else if (submitted() && form.controls.email.invalid) {
                  <p class="utrecht-form-field-error-message" id="inv-email-error">
                    {{ 'login.emailRequired' | transloco }}
                  </p>
                }
              </div>
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="inv-password">{{ 'access.newPassword' | transloco }}</label>
                <p class="utrecht-form-field-description" id="inv-password-hint">
                  {{ 'access.passwordHint' | transloco: { min: min } }}
                </p>
                <input
                  class="utrecht-textbox"
                  id="inv-password"
                  type="password"
                  autocomplete="new-password"
                  formControlName="password"
                  required
                  [attr.aria-invalid]="submitted() && form.controls.password.invalid"
                  [attr.aria-describedby]="
                    submitted() && form.controls.password.invalid
                      ? 'inv-password-hint inv-password-error'
                      : 'inv-password-hint'
                  "
                />
                @if (submitted() && form.controls.password.invalid) {
                  <p class="utrecht-form-field-error-message" id="inv-password-error">
                    {{ 'access.passwordTooShort' | transloco: { min: min } }}
                  </p>
                }
              </div>
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="inv-repeat">{{ 'access.repeatPassword' | transloco }}</label>
                <input
                  class="utrecht-textbox"
                  id="inv-repeat"
                  type="password"
                  autocomplete="new-password"
                  formControlName="repeat"
                  required
                  [attr.aria-invalid]="submitted() && notSame()"
                  [attr.aria-describedby]="submitted() && notSame() ? 'inv-repeat-error' : null"
                />
                @if (submitted() && notSame()) {
                  <p class="utrecht-form-field-error-message" id="inv-repeat-error">
                    {{ 'access.notSame' | transloco }}
                  </p>
                }
              </div>
            }
          } @else {
            <p>{{ 'invitation.joinAs' | transloco: { name: auth.user()?.displayName } }}</p>
          }
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
              {{ 'invitation.join' | transloco }}
            </button>
          </div>
        </form>
      } @else {
        <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
      }
    }
  `,
})
export class InvitationPage {
  protected readonly auth = inject(AuthStore);
  private readonly store = inject(InvitationStore);
  private readonly account = inject(AccountStore);
  private readonly router = inject(Router);
  readonly token = input.required<string>();
  protected readonly min = PASSWORD_MIN;
  private readonly invitation = linkPreview(this.token, (token) => this.store.preview(token));
  protected readonly preview = this.invitation.value;
  /** The link stopped working while the page was open (used meanwhile, expired): said instead of the form. */
  private readonly gone = signal<Problem | null>(null);
  protected readonly loadProblem = computed(() => this.gone() ?? this.invitation.error());
  protected readonly problem = signal<Problem | null>(null);
  protected readonly linkProblem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  /** Joined without a password: the offer of a personal link to come back, then on to the lab. */
  protected readonly joined = signal<{
    name: string;
    labName: string;
    roundId: number | null;
    next: (string | number)[];
  } | null>(null);
  protected readonly personalLink = signal<AccessLink | null>(null);
  protected readonly here = computed(() => `/uitnodiging/${this.token()}`);
  /** A coordinator or partner who is not logged in chooses how to log in again. */
  protected readonly team = computed(() => !!this.preview()?.needsLogin && !this.auth.loggedIn());
  /** The e-mail address already has an account here: log in first, then open the link again. */
  protected readonly emailInUse = computed(
    () => !!this.problem()?.errors?.some((e) => e.field === 'email' && /already/.test(e.message)),
  );
  protected readonly form = new FormGroup(
    {
      displayName: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(60), Validators.pattern(/\S/)],
      }),
      email: new FormControl(
        { value: '', disabled: true },
        { nonNullable: true, validators: [Validators.required, Validators.email] },
      ),
      password: new FormControl({ value: '', disabled: true }, { nonNullable: true, validators: passwordValidators }),
      repeat: new FormControl({ value: '', disabled: true }, { nonNullable: true }),
    },
    { validators: sameValues('password', 'repeat') },
  );
  private readonly formValue = toSignal(this.form.valueChanges);
  protected readonly notSame = computed(() => {
    this.formValue();
    return !this.form.controls.repeat.value || !!this.form.errors?.['notSame'];
  });

  constructor() {
    pageTitle(() => ({ key: this.joined() ? 'invitation.joinedTitle' : 'invitation.title' }));
    // The e-mail address and password count only for a team member who is not logged in.
    effect(() => {
      const team = this.team();
      untracked(() => {
        for (const control of [this.form.controls.email, this.form.controls.password, this.form.controls.repeat]) {
          if (team) control.enable({ emitEvent: false });
          else control.disable({ emitEvent: false });
        }
      });
    });
  }

  protected async accept(): Promise<void> {
    this.submitted.set(true);
    const loggedIn = this.auth.loggedIn();
    if (!loggedIn && (this.form.invalid || (this.team() && this.notSame()))) return;
    const { displayName, email, password } = this.form.getRawValue();
    const body: Schemas['AcceptInvitationDto'] = loggedIn
      ? { displayName: this.auth.user()!.displayName }
      : { displayName: displayName.trim(), ...(this.team() ? { email: email.trim(), password } : {}) };
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await this.store.accept(this.token(), body);
      const next = result.roundId ? ['/labs', result.labId, 'rondes', result.roundId] : ['/labs', result.labId];
      if (!loggedIn && !result.user.hasPassword) {
        this.joined.set({
          name: result.user.displayName,
          labName: this.preview()?.labName ?? '',
          roundId: result.roundId,
          next,
        });
      } else {
        await this.router.navigate(next);
      }
    } catch (error) {
      const problem = problemOf(error);
      // The link itself no longer works (used meanwhile, expired): say so instead of the form.
      if (problem.status === 404 || problem.status === 410) this.gone.set(problem);
      else this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  protected async makePersonalLink(): Promise<void> {
    await attempt(this.linkProblem, async () => this.personalLink.set(await this.account.personalLink()));
  }
}
