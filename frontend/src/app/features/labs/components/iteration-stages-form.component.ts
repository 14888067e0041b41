import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { DECISIONS, STAGES, StageForm } from './experiment-forms';

/** Logging an iteration's stages, each with what it asks, and the decision that closes it. */
@Component({
  selector: 'app-iteration-stages-form',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './iteration-stages-form.component.html',
})
export class IterationStagesFormComponent {
  readonly form = input.required<StageForm>();
  readonly iterationId = input.required<number>();
  readonly save = output<void>();
  readonly dismiss = output<void>();
  protected readonly stages = STAGES;
  protected readonly decisions = DECISIONS;
}
