import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { ExperimentForm } from './experiment-forms';

/** A new experiment: what the lab tries, and its working ingredients. */
@Component({
  selector: 'app-new-experiment',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="lab-form" [formGroup]="form()" (ngSubmit)="create.emit()">
      <app-form-field fieldId="exp-title" label="experiments.name">
        <input appFieldControl class="utrecht-textbox" formControlName="title" required />
      </app-form-field>
      <app-form-field fieldId="exp-description" label="experiments.description">
        <textarea appFieldControl class="utrecht-textarea" rows="3" formControlName="description" required></textarea>
      </app-form-field>
      <app-form-field fieldId="exp-ingredients" label="experiments.ingredients" hint="experiments.ingredientsHint">
        <input appFieldControl class="utrecht-textbox" formControlName="ingredients" />
      </app-form-field>
      <div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'experiments.create' | transloco }}
        </button>
      </div>
    </form>
  `,
})
export class NewExperimentComponent {
  readonly form = input.required<ExperimentForm>();
  readonly create = output<void>();
}
