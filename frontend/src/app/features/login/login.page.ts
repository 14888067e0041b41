import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { failureKey } from './login-failures';
import { LoginStore } from './login.store';

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'login.title' | transloco }}</h1>
    @if (failure(); as key) {
      <div class="utrecht-alert utrecht-alert--error" role="alert">
        <div class="utrecht-alert__content">
          <p class="utrecht-alert__message">
            <strong>{{ key | transloco }}</strong>
          </p>
        </div>
      </div>
    }
    @if (oidc(); as o) {
      <div class="lab-login-oidc">
        <a class="utrecht-button utrecht-button--secondary-action lab-login-oidc__button" [href]="oidcHref()">
          @if (o.label) {
            {{ 'login.oidc.button' | transloco: { label: o.label } }}
          } @else {
            {{ 'login.oidc.buttonPlain' | transloco }}
          }
        </a>
        <p class="lab-muted">{{ 'login.oidc.hint' | transloco }}</p>
      </div>
      <p class="lab-lead">{{ 'login.leadOr' | transloco }}</p>
    } @else {
      <p class="lab-lead">{{ 'login.lead' | transloco }}</p>
    }
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
    <form class="lab-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="email">{{ 'login.email' | transloco }}</label>
        <input
          class="utrecht-textbox"
          id="email"
          type="email"
          autocomplete="username"
          formControlName="email"
          required
          [attr.aria-invalid]="submitted() && form.controls.email.invalid"
          [attr.aria-describedby]="submitted() && form.controls.email.invalid ? 'email-error' : null"
        />
        @if (submitted() && form.controls.email.invalid) {
          <p class="utrecht-form-field-error-message" id="email-error">{{ 'login.emailRequired' | transloco }}</p>
        }
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="password">{{ 'login.password' | transloco }}</label>
        <input
          class="utrecht-textbox"
          id="password"
          type="password"
          autocomplete="current-password"
          formControlName="password"
          required
          [attr.aria-invalid]="submitted() && form.controls.password.invalid"
          [attr.aria-describedby]="submitted() && form.controls.password.invalid ? 'password-error' : null"
        />
        @if (submitted() && form.controls.password.invalid) {
          <p class="utrecht-form-field-error-message" id="password-error">{{ 'login.passwordRequired' | transloco }}</p>
        }
      </div>
      <div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
          {{ 'login.submit' | transloco }}
        </button>
      </div>
      <p class="lab-muted">{{ 'login.residentHint' | transloco }}</p>
    </form>
  `,
  styles: `
    .lab-login-oidc {
      margin-block: 1rem 1.5rem;
    }
    .lab-login-oidc__button {
      box-sizing: border-box;
      max-width: 100%;
      white-space: normal;
      text-align: center;
      text-decoration: none;
    }
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly login = inject(LoginStore);
  /** Where to go after logging in (?terug=…). */
  readonly terug = input<string>();
  /** Why signing in with the organisation did not work (?fout=…, set by the API). */
  readonly fout = input<string>();
  /** The message of ?fout= goes once the password form is used. */
  private readonly dismissed = signal(false);
  protected readonly failure = computed(() => (this.dismissed() ? null : failureKey(this.fout())));
  private readonly target = computed(() => {
    const target = this.terug();
    return target?.startsWith('/') && !target.startsWith('//') ? target : '/mijn-labs';
  });
  protected readonly oidc = computed(() => {
    const oidc = this.login.providers()?.oidc;
    return oidc?.enabled ? oidc : null;
  });
  protected readonly oidcHref = computed(() => `/api/auth/oidc/login?returnTo=${encodeURIComponent(this.target())}`);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    pageTitle(() => ({ key: 'login.title' }));
    void this.login.load();
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.dismissed.set(true);
    this.problem.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      await this.auth.login(this.form.controls.email.value, this.form.controls.password.value);
      await this.router.navigateByUrl(this.target());
    } catch (error) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
