import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '../../core/auth/auth.store';

/** Who may see a part of a lab: everyone who takes part (`member`), or the lab's coordinators and partners (`team`). */
export type GateNeed = 'member' | 'team';

/** What the part is, for the words of the title (`gate.login.<what>`, `gate.denied.<what>`). */
export type GateWhat = 'round' | 'rounds' | 'participants' | 'members' | 'data' | 'history' | 'summary' | 'lab';

/**
 * Instead of a part of a lab the visitor may not see: never its forms or a false "nothing yet", but what is needed to
 * see it. Logged out: log in, and come back to this very page afterwards. Logged in without the role: who sees it,
 * and how to join.
 */
@Component({
  selector: 'app-access-gate',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!auth.loaded()) {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    } @else if (!auth.loggedIn()) {
      <section class="lab-notice" aria-labelledby="gate-title" data-testid="access-gate">
        <h2 class="utrecht-heading-2" id="gate-title">{{ 'gate.login.' + what() | transloco }}</h2>
        <p>{{ 'gate.loginLead.' + need() | transloco }}</p>
        <p>
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            routerLink="/inloggen"
            [queryParams]="{ terug: here() }"
            >{{ 'gate.loginButton' | transloco }}</a
          >
        </p>
      </section>
    } @else {
      <section class="lab-notice" aria-labelledby="gate-title" data-testid="access-gate">
        <h2 class="utrecht-heading-2" id="gate-title">{{ 'gate.denied.' + what() | transloco }}</h2>
        <p>{{ 'gate.deniedLead.' + need() | transloco }}</p>
      </section>
    }
  `,
})
export class AccessGateComponent {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  readonly need = input<GateNeed>('team');
  readonly what = input<GateWhat>('lab');
  /** This page, to come back to after logging in. */
  protected here(): string {
    return this.router.url;
  }
}
