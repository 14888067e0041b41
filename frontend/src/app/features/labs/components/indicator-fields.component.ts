import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { Problem } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';

export const indicatorForm = () =>
  new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    unit: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    signalOf: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
export type IndicatorForm = ReturnType<typeof indicatorForm>;

/** An indicator's fields, for adding one and editing one (`#<prefix>-form`; Escape cancels an edit). */
@Component({
  selector: 'app-indicator-fields',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = prefix();
    <form
      class="lab-inline-form"
      [formGroup]="form()"
      [id]="p + '-form'"
      (ngSubmit)="submitted.emit()"
      (keydown.escape)="cancelled.emit()"
    >
      <app-form-field [fieldId]="p + '-name'" label="data.indicatorName" [problem]="problem()" apiField="name">
        <input appFieldControl class="utrecht-textbox" formControlName="name" required />
      </app-form-field>
      <app-form-field [fieldId]="p + '-unit'" label="data.unit" [problem]="problem()" apiField="unit">
        <input appFieldControl class="utrecht-textbox" formControlName="unit" required />
      </app-form-field>
      <app-form-field [fieldId]="p + '-signal'" label="data.signalOf" [problem]="problem()" apiField="signalOf">
        <input appFieldControl class="utrecht-textbox" formControlName="signalOf" required />
      </app-form-field>
      <ng-content />
    </form>
  `,
})
export class IndicatorFieldsComponent {
  readonly form = input.required<IndicatorForm>();
  readonly prefix = input.required<string>();
  readonly problem = input<Problem | null>(null);
  readonly submitted = output<void>();
  readonly cancelled = output<void>();
}
