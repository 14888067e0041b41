import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Problem } from '../../core/api/api';
import { PROBLEM_CODES, RECORD_NOT_FOUND } from '../../core/api/problem-codes';
import { fieldErrorWords, fieldNameOf, type FieldNames } from './field-errors';

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

/**
 * Shows an API problem in plain words, with what is wrong in each field it names, the field named as the form labels
 * it (`labels`: the API's field name → the label's translation key, see FieldName). Announced to screen readers.
 */
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
        @if (showFields() && fieldErrors().length) {
          <ul>
            @for (error of fieldErrors(); track $index) {
              <li>{{ error }}</li>
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
  readonly labels = input<FieldNames>({});
  private readonly transloco = inject(TranslocoService);
  private readonly translations = toSignal(this.transloco.selectTranslation());
  protected readonly fieldErrors = computed(() => {
    this.translations();
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    return (this.problem().errors ?? []).map((error) => {
      const { label, values } = fieldNameOf(this.labels(), error.field, t);
      return fieldErrorWords(error, label, t, values);
    });
  });
  protected readonly messageKey = computed(() =>
    OWN_WORDS.has(this.problem().code) ? `problem.${this.problem().code}` : null,
  );
}
