import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { InvitationPreview, Problem, problemOf, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';

/** A resident opens the link on a phone: plain words, one field, one button. */
@Component({
  selector: 'app-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'invitation.title' | transloco }}</h1>
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
      <p><a class="utrecht-link" routerLink="/">{{ 'invitation.toHome' | transloco }}</a></p>
    } @else if (preview(); as invitation) {
      <p class="lab-lead">{{ 'invitation.lead' | transloco: { lab: invitation.labName, place: invitation.municipality } }}</p>
      <p class="lab-question">{{ invitation.labQuestion }}</p>
      @if (invitation.roundTitle) { <p class="lab-notice">{{ 'invitation.round' | transloco: { title: invitation.roundTitle } }}</p> }
      <p>{{ 'invitation.asRole' | transloco }} <strong>{{ 'role.' + invitation.role | transloco }}</strong>. {{ 'invitation.roleExplain_' + invitation.role | transloco }}</p>
      <form class="lab-form" [formGroup]="form" (ngSubmit)="accept()" novalidate>
        @if (!auth.loggedIn()) {
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="displayName">{{ 'invitation.name' | transloco }}</label>
            <p class="utrecht-form-field-description" id="displayName-hint">{{ 'invitation.nameHint' | transloco }}</p>
            <input class="utrecht-textbox" id="displayName" type="text" autocomplete="nickname" formControlName="displayName" required maxlength="60"
                   aria-describedby="displayName-hint" [attr.aria-invalid]="submitted() && form.invalid" />
            @if (submitted() && form.invalid) {
              <p class="utrecht-form-field-error-message" role="alert">{{ 'invitation.nameRequired' | transloco }}</p>
            }
          </div>
        }
        <div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">{{ 'invitation.join' | transloco }}</button>
        </div>
      </form>
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class InvitationPage {
  protected readonly auth = inject(AuthStore);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  readonly token = input.required<string>();
  protected readonly preview = signal<InvitationPreview | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly form = new FormGroup({ displayName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(60)] }) });

  constructor() {
    pageTitle(() => ({ key: 'invitation.title' }));
    effect(async () => {
      try {
        this.preview.set(await firstValueFrom(this.http.get<InvitationPreview>(`/api/invitations/by-token/${encodeURIComponent(this.token())}`)));
      } catch (error) {
        this.problem.set(problemOf(error));
      }
    });
  }

  protected async accept(): Promise<void> {
    this.submitted.set(true);
    const displayName = this.auth.user()?.displayName ?? this.form.controls.displayName.value.trim();
    if (!displayName) return;
    this.busy.set(true);
    try {
      const result = await firstValueFrom(
        this.http.post<Schemas['AcceptedInvitationDto']>(`/api/invitations/by-token/${encodeURIComponent(this.token())}/accept`, { displayName }),
      );
      this.auth.setUser(result.user);
      await this.router.navigate(result.roundId ? ['/labs', result.labId, 'rondes', result.roundId] : ['/labs', result.labId]);
    } catch (error) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
