import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Problem } from '../../core/api/api';

/** Problem codes with a translated, plain-language message; others show the API's own detail. */
const TRANSLATED = new Set([
  'import_rejected',
  'hypothesis_revised',
  'last_coordinator',
  'round_closed',
  'cosigned_reflection_required',
  'validation_failed',
  'invalid_credentials',
  'rate_limited',
  'csrf_failed',
  'unauthenticated',
  'forbidden',
  'stale_version',
  'invitation_used',
  'invitation_expired',
  'invitation_not_found',
  'already_member',
  'lab_not_found',
  'network',
  'internal_error',
  'account_deactivated',
  'link_used',
  'link_expired',
  'link_not_found',
  'last_admin',
]);

/** Shows an API problem in plain words, with the fields it names. Announced to screen readers. */
@Component({
  selector: 'app-problem-alert',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="utrecht-alert utrecht-alert--error" role="alert">
      <div class="utrecht-alert__content">
        <p class="utrecht-alert__message">
          <strong>
            @if (messageKey(); as key) {
              {{ key | transloco }}
            } @else {
              {{ problem().detail }}
            }
          </strong>
        </p>
        @if (showFields() && problem().errors?.length) {
          <ul>
            @for (error of problem().errors; track error.field) {
              <li>{{ error.field }}: {{ error.message }}</li>
            }
          </ul>
        }
      </div>
    </div>
  `,
})
export class ProblemAlertComponent {
  readonly problem = input.required<Problem>();
  /** Off where the form shows each field's problem beside the field itself. */
  readonly showFields = input(true);
  protected readonly messageKey = computed(() =>
    TRANSLATED.has(this.problem().code) ? `problem.${this.problem().code}` : null,
  );
}
