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
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import type { FieldNames } from '../../shared/ui/field-errors';

@Component({
  selector: 'app-login-page',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
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
  /** The API's field names and this form's labels, to name a field in an error as the form does. */
  protected readonly fields: FieldNames = { email: 'login.email', password: 'login.password' };
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
