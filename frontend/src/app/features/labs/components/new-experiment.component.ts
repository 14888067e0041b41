import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Problem } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { EXPERIMENT_STATUSES, ExperimentForm, SCALES } from './experiment-forms';

/**
 * An experiment's form: what the lab tries and its working ingredients; editing one also changes its status and
 * scale (`prefix` names its fields, `#<prefix>-form` the form; Escape cancels an edit).
 */
@Component({
  selector: 'app-new-experiment',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = prefix();
    <form
      class="lab-form"
      [formGroup]="form()"
      [id]="p + '-form'"
      (ngSubmit)="create.emit()"
      (keydown.escape)="dismiss.emit()"
    >
      <app-form-field [fieldId]="p + '-title'" label="experiments.name" [problem]="problem()" apiField="title">
        <input appFieldControl class="utrecht-textbox" formControlName="title" required />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-description'"
        label="experiments.description"
        [problem]="problem()"
        apiField="description"
      >
        <textarea appFieldControl class="utrecht-textarea" rows="3" formControlName="description" required></textarea>
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-ingredients'"
        label="experiments.ingredients"
        hint="experiments.ingredientsHint"
        [problem]="problem()"
        apiField="workingIngredients"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="ingredients" />
      </app-form-field>
      @if (editing()) {
        <div class="lab-pair">
          <app-form-field [fieldId]="p + '-status'" label="edit.experimentStatusLabel">
            <select appFieldControl class="utrecht-select" formControlName="status">
              @for (s of statuses; track s) {
                <option [value]="s">{{ 'edit.experimentStatus.' + s | transloco }}</option>
              }
            </select>
          </app-form-field>
          <app-form-field [fieldId]="p + '-scale'" label="lab.scale">
            <select appFieldControl class="utrecht-select" formControlName="scale">
              @for (s of scales; track s) {
                <option [value]="s">{{ 'scale.' + s | transloco }}</option>
              }
            </select>
          </app-form-field>
        </div>
      }
      <div class="lab-actions">
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ (editing() ? 'edit.save' : 'experiments.create') | transloco }}
        </button>
        @if (editing()) {
          <button class="utrecht-button utrecht-button--subtle" type="button" (click)="dismiss.emit()">
            {{ 'common.cancel' | transloco }}
          </button>
        }
      </div>
    </form>
  `,
})
export class NewExperimentComponent {
  readonly form = input.required<ExperimentForm>();
  readonly prefix = input('exp');
  /** Editing an experiment rather than starting one. */
  readonly editing = input(false);
  readonly problem = input<Problem | null>(null);
  readonly create = output<void>();
  readonly dismiss = output<void>();
  protected readonly statuses = EXPERIMENT_STATUSES;
  protected readonly scales = SCALES;
}
