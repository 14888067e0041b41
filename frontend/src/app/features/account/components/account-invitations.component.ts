import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PendingInvitation, Problem } from '../../../core/api/api';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';
import { LocalDatePipe } from '../../../core/i18n/local-date.pipe';

export type ShownInvitation = PendingInvitation & { until: string };

/** Invitations to labs that wait for a yes or no, and where a yes leads. */
@Component({
  selector: 'app-account-invitations',
  imports: [LocalDatePipe, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-invitations.component.html',
})
export class AccountInvitationsComponent {
  /** Null while they load. */
  readonly invitations = input.required<ShownInvitation[] | null>();
  readonly problem = input<Problem | null>(null);
  /** The lab just joined, to go to. */
  readonly joined = input<{ labId: number; labName: string } | null>(null);
  readonly answer = output<{ id: number; accept: boolean }>();
}
