import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** A notice that invitations to labs wait for a yes or no, with the way to the account page where one answers them. */
@Component({
  selector: 'app-pending-invitations',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="lab-notice" data-testid="pending-invitations">
      {{ key() | transloco: { count: count() } }}
      <a class="utrecht-link" routerLink="/account" fragment="uitnodigingen">{{ 'pending.answer' | transloco }}</a>
    </p>
  `,
})
export class PendingInvitationsComponent {
  readonly count = input.required<number>();
  protected readonly key = computed(() => (this.count() === 1 ? 'pending.one' : 'pending.many'));
}
