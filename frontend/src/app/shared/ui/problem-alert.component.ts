import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Problem } from '../../core/api/api';
import { PROBLEM_CODES, RECORD_NOT_FOUND } from '../../core/api/problem-codes';

/**
 * Every code the API answers with has plain words in both languages (problems.unit.spec.ts checks it), and so do
 * a few records' own "not found" and the dashboard's own "network"; for any other code the API's detail shows.
 */
const OWN_WORDS = new Set([
  ...PROBLEM_CODES.map((p) => p.code).filter((code) => code !== RECORD_NOT_FOUND),
  'network',
  'lab_not_found',
  'invitation_not_found',
  'link_not_found',
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
    OWN_WORDS.has(this.problem().code) ? `problem.${this.problem().code}` : null,
  );
}
