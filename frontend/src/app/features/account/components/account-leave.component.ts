import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Me, Problem } from '../../../core/api/api';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';

/** Logging out on every device, and deleting the account (after asking once more). */
@Component({
  selector: 'app-account-leave',
  imports: [RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-leave.component.html',
})
export class AccountLeaveComponent {
  readonly user = input.required<Me>();
  readonly everywhereProblem = input<Problem | null>(null);
  readonly deleteProblem = input<Problem | null>(null);
  /** The labs the account coordinates: each needs another coordinator before the account can go. */
  readonly coordinated = input<Me['memberships']>([]);
  readonly logoutEverywhere = output<void>();
  readonly deleteAccount = output<void>();
  protected readonly confirmDelete = signal(false);
}
