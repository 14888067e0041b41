import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Iteration } from '../../../core/api/api';
import { LocalDatePipe } from '../../../core/i18n/local-date.pipe';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { StatusForm } from './hypothesis-forms';

const STATUSES = ['open', 'testing', 'supported', 'partly_supported', 'not_supported', 'dropped'];

/** A hypothesis's next status, in which iteration it showed, and why. */
@Component({
  selector: 'app-hypothesis-status-form',
  imports: [LocalDatePipe, FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './hypothesis-status-form.component.html',
})
export class HypothesisStatusFormComponent {
  readonly form = input.required<StatusForm>();
  readonly hypothesisId = input.required<number>();
  /** The iterations of the hypothesis's experiment. */
  readonly iterations = input.required<readonly Iteration[]>();
  readonly save = output<void>();
  readonly dismiss = output<void>();
  protected readonly statuses = STATUSES;
}
