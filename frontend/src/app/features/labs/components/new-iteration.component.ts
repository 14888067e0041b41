import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { IterationForm } from './experiment-forms';

/** Starting the next iteration of an experiment: when, and (if known) its plan. */
@Component({
  selector: 'app-new-iteration',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      class="lab-inline-form"
      [formGroup]="form()"
      (ngSubmit)="begin.emit()"
      [attr.aria-label]="'experiments.newIteration' | transloco"
    >
      <app-form-field [fieldId]="'new-it-start-' + experimentId()" label="experiments.startsOn">
        <input appFieldControl class="utrecht-textbox" type="date" formControlName="startsOn" />
      </app-form-field>
      <app-form-field [fieldId]="'new-it-plan-' + experimentId()" label="stage.plan">
        <input appFieldControl class="utrecht-textbox" formControlName="plan" />
      </app-form-field>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">
        {{ 'experiments.startIteration' | transloco }}
      </button>
      <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="dismiss.emit()">
        {{ 'common.cancel' | transloco }}
      </button>
    </form>
  `,
})
export class NewIterationComponent {
  readonly form = input.required<IterationForm>();
  readonly experimentId = input.required<number>();
  readonly begin = output<void>();
  readonly dismiss = output<void>();
}
