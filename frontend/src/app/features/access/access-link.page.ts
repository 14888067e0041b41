import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf } from '../../core/api/api';
import { linkPreview } from '../../core/api/link-preview';
import { AuthStore } from '../../core/auth/auth.store';
import { PASSWORD_MIN, passwordValidators, sameValues } from '../../core/auth/password-rules';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccessStore } from './access.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import type { FieldNames } from '../../shared/ui/field-errors';

const LINK_GONE = ['link_not_found', 'link_used', 'link_expired', 'account_deactivated'];

/**
 * Where set-password and sign-in links lead (/toegang/<token>): choose a password and come in, or come back in
 * as oneself with one button. Then on to "my labs".
 */
@Component({
  selector: 'app-access-link-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './access-link.page.html',
})
export class AccessLinkPage {
  /** The API's field names and this form's labels, to name a field in an error as the form does. */
  protected readonly fields: FieldNames = { password: 'access.newPassword' };
  private readonly store = inject(AccessStore);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  /** The :token route parameter. */
  readonly token = input.required<string>();
  protected readonly min = PASSWORD_MIN;
  private readonly link = linkPreview(this.token, (token) => this.store.preview(token));
  protected readonly preview = this.link.value;
  /** The link stopped working while the page was open (used elsewhere, expired): explained as on opening it. */
  private readonly gone = signal<Problem | null>(null);
  protected readonly loadProblem = computed(() => this.gone() ?? this.link.error());
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly form = new FormGroup(
    {
      password: new FormControl('', { nonNullable: true, validators: passwordValidators }),
      repeat: new FormControl('', { nonNullable: true }),
    },
    { validators: sameValues('password', 'repeat') },
  );
  private readonly formValue = toSignal(this.form.valueChanges);
  /** The repeated password is missing or differs. */
  protected readonly notSame = computed(() => {
    this.formValue();
    return !this.form.controls.repeat.value || !!this.form.errors?.['notSame'];
  });
  /** Using the link logs in as its owner: say so when someone else is logged in on this device. */
  protected readonly someoneElse = computed(() => {
    const current = this.auth.user();
    const link = this.preview();
    return current && link && current.displayName !== link.displayName ? current : null;
  });

  constructor() {
    pageTitle(() => {
      const link = this.preview();
      if (this.loadProblem()) return { key: 'access.brokenTitle' };
      return link
        ? { key: link.purpose === 'set-password' ? 'access.setPasswordTitle' : 'access.welcomeBackTitle' }
        : null;
    });
  }

  protected async setPassword(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid || this.notSame()) return;
    await this.use({ password: this.form.controls.password.value });
  }

  protected signIn(): Promise<void> {
    return this.use({});
  }

  private async use(body: { password?: string }): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.store.use(this.token(), body);
      await this.router.navigateByUrl('/mijn-labs');
    } catch (error) {
      const problem = problemOf(error);
      // A link that stopped working meanwhile is explained as on opening it.
      if (LINK_GONE.includes(problem.code)) this.gone.set(problem);
      else this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
