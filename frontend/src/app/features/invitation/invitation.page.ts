import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessLink, attempt, Problem, problemOf, Schemas } from '../../core/api/api';
import { linkPreview } from '../../core/api/link-preview';
import { AuthStore } from '../../core/auth/auth.store';
import { PASSWORD_MIN, passwordValidators, sameValues } from '../../core/auth/password-rules';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { pageTitle } from '../../core/i18n/page-title';
import { CopyLinkComponent } from '../../shared/ui/copy-link.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccountStore } from '../account/account.store';
import { InvitationStore } from './invitation.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import type { FieldNames } from '../../shared/ui/field-errors';

/**
 * A resident opens the link on a phone: plain words, one field, one button, and afterwards a personal link to keep
 * for coming back. Coordinators and partners also choose an e-mail address and password, to log in again later.
 */
@Component({
  selector: 'app-invitation-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
    CopyLinkComponent,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitation.page.html',
})
export class InvitationPage {
  /** The API's field names and this form's labels, to name a field in an error as the form does. */
  protected readonly fields: FieldNames = {
    displayName: 'invitation.name',
    email: 'login.email',
    password: 'access.newPassword',
  };
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
        // To a round: straight to its questions (#meedoen), past the lab's header, on a phone a screen or more.
        await this.router.navigate(next, result.roundId ? { fragment: 'meedoen' } : {});
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
