import { ChangeDetectionStrategy, Component, computed, Directive, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Problem } from '../../core/api/api';
import { errorFor, fieldErrorWords } from './field-errors';

/**
 * One form field as NL Design System (Utrecht) draws it: label, hint, the control, and what is wrong with it. The
 * control inside carries `appFieldControl`; it gets the field's id, and is described by the hint and the error
 * (aria-describedby) and marked invalid (aria-invalid) while there is an error: the form's own check (`error`), or
 * else what the API said about this field (`problem` and `apiField`), in the reader's words. A field with more than
 * one error of its own passes the one that applies: `[error]="missing ? 'login.emailRequired' : taken ? '…' : null"`.
 *
 *   <app-form-field fieldId="l-name" label="newLab.name" hint="newLab.nameHint" [error]="nameError()">
 *     <input class="utrecht-textbox" appFieldControl formControlName="name" />
 *   </app-form-field>
 */
@Component({
  selector: 'app-form-field',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" [for]="fieldId()"
        >{{ labelText() ?? (label() | transloco: labelParams()) }}
        @if (note(); as note) {
          <span class="lab-muted">({{ note | transloco }})</span>
        }
      </label>
      @if (hint(); as hint) {
        <p class="utrecht-form-field-description" [id]="hintId()">{{ hint | transloco: hintParams() }}</p>
      }
      <ng-content />
      @if (error(); as error) {
        <p class="utrecht-form-field-error-message" [id]="errorId()" [attr.role]="announce() ? 'alert' : null">
          {{ error | transloco: errorParams() }}
        </p>
      } @else if (apiError(); as text) {
        <p class="utrecht-form-field-error-message" [id]="errorId()">{{ text }}</p>
      }
    </div>
  `,
})
export class FormFieldComponent {
  /** The control's id, which the label points at. */
  readonly fieldId = input.required<string>();
  /** Translation keys (with their parameters) of the label, the hint and the error; no error, no message. */
  readonly label = input<string>('');
  readonly labelParams = input<Record<string, unknown>>({});
  /** The label as text, where it is not one of the dashboard's own (a round's question, two keys together). */
  readonly labelText = input<string | null>(null);
  /** A remark after the label, such as "(optional)": its translation key. */
  readonly note = input<string | null>(null);
  readonly hint = input<string | null>(null);
  readonly hintParams = input<Record<string, unknown>>({});
  readonly error = input<string | null>(null);
  readonly errorParams = input<Record<string, unknown>>({});
  /** Read the error out as soon as it appears (role="alert"), where the form has no summary that does. */
  readonly announce = input(false);
  /** The API's answer to the form, and this field's name in it: its error for this field shows here. */
  readonly problem = input<Problem | null>(null);
  readonly apiField = input<string | null>(null);
  /** The prefix of the keys that word this field's values ("role."), for the API's "choose one of these". */
  readonly values = input<string | undefined>(undefined);
  /** Further ids that describe the control (a text elsewhere on the page). */
  readonly describedBy = input<string | null>(null);

  readonly hintId = computed(() => `${this.fieldId()}-hint`);
  readonly errorId = computed(() => `${this.fieldId()}-error`);
  private readonly transloco = inject(TranslocoService);
  private readonly translations = toSignal(this.transloco.selectTranslation());
  protected readonly apiError = computed(() => {
    const field = this.apiField();
    const error = field ? errorFor(this.problem()?.errors, field) : null;
    if (!error) return null;
    this.translations();
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    return fieldErrorWords(error, this.labelText() ?? t(this.label(), this.labelParams()), t, this.values());
  });
  readonly invalid = computed(() => !!this.error() || !!this.apiError());
  readonly descriptions = computed(
    () =>
      [this.hint() ? this.hintId() : null, this.describedBy(), this.invalid() ? this.errorId() : null]
        .filter(Boolean)
        .join(' ') || null,
  );
}

/** Marks the control of an <app-form-field>: its id, description and invalid state come from the field. */
@Directive({
  selector: '[appFieldControl]',
  host: {
    '[id]': 'field.fieldId()',
    '[attr.aria-describedby]': 'field.descriptions()',
    '[attr.aria-invalid]': 'field.invalid() || null',
  },
})
export class FieldControlDirective {
  protected readonly field = inject(FormFieldComponent);
}
