import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Experiment } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { HYPOTHESIS_PARTS, NewHypothesisForm } from './hypothesis-forms';

/** Registering a new hypothesis for one of the lab's experiments. */
@Component({
  selector: 'app-new-hypothesis',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="lab-form" [formGroup]="form()" (ngSubmit)="register.emit()">
      <app-form-field fieldId="h-experiment" label="hypotheses.experiment">
        <select appFieldControl class="utrecht-select" formControlName="experimentId">
          @for (e of experiments(); track e.id) {
            <option [ngValue]="e.id">{{ e.title }}</option>
          }
        </select>
      </app-form-field>
      @for (part of parts; track part) {
        <app-form-field [fieldId]="'h-' + part" [label]="'hypotheses.' + part">
          <textarea appFieldControl class="utrecht-textarea" rows="2" [formControlName]="part"></textarea>
        </app-form-field>
      }
      <div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'hypotheses.register' | transloco }}
        </button>
      </div>
    </form>
  `,
})
export class NewHypothesisComponent {
  readonly form = input.required<NewHypothesisForm>();
  readonly experiments = input.required<readonly Experiment[]>();
  readonly register = output<void>();
  protected readonly parts = HYPOTHESIS_PARTS;
}
