import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { HYPOTHESIS_PARTS, WordingForm } from './hypothesis-forms';

/** A hypothesis's wording: edited (shown as a deviation from the registered one) or revised, with a reason. */
@Component({
  selector: 'app-hypothesis-wording-form',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './hypothesis-wording-form.component.html',
})
export class HypothesisWordingFormComponent {
  readonly form = input.required<WordingForm>();
  readonly hypothesisId = input.required<number>();
  /** A revision replaces the hypothesis by a new one, and asks why. */
  readonly revising = input(false);
  readonly save = output<void>();
  readonly dismiss = output<void>();
  protected readonly parts = HYPOTHESIS_PARTS;
}
