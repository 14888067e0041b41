import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { map, startWith, switchMap } from 'rxjs';
import type { Lab, Problem } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { THEMES } from '../labs-list.page';

export const labForm = () =>
  new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    question: new FormControl('Hoe kunnen we ', { nonNullable: true, validators: [Validators.required] }),
    aim: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    municipality: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    neighbourhood: new FormControl('', { nonNullable: true }),
    themes: new FormControl<string[]>([], { nonNullable: true }),
    visibility: new FormControl('members', { nonNullable: true }),
    transferConditions: new FormControl('', { nonNullable: true }),
  });
export type LabForm = ReturnType<typeof labForm>;

/** A lab as the form shows it, to edit. */
export const labValues = (lab: Lab): ReturnType<LabForm['getRawValue']> => ({
  name: lab.name,
  question: lab.question,
  aim: lab.aim,
  municipality: lab.municipality,
  neighbourhood: lab.neighbourhood ?? '',
  themes: [...lab.themes],
  visibility: lab.visibility,
  transferConditions: lab.transferConditions ?? '',
});

/**
 * A lab's own fields, for starting one and for editing one: name, question, aim, place and themes; starting one also
 * chooses who sees it and, when adopting, the conditions for transfer (`#<prefix>-form`; Escape cancels an edit).
 */
@Component({
  selector: 'app-lab-fields',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = prefix();
    @let chosen = themesChosen() ?? form().controls.themes.value;
    <form
      class="lab-form"
      [formGroup]="form()"
      [id]="p + '-form'"
      (ngSubmit)="submitted.emit()"
      (keydown.escape)="cancelled.emit()"
    >
      <app-form-field [fieldId]="p + '-name'" [problem]="problem()" apiField="name" label="newLab.name">
        <input appFieldControl class="utrecht-textbox" formControlName="name" required />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-question'"
        [problem]="problem()"
        apiField="question"
        label="newLab.question"
        hint="newLab.questionHint"
      >
        <textarea appFieldControl class="utrecht-textarea" rows="2" formControlName="question" required></textarea>
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-aim'"
        [problem]="problem()"
        apiField="aim"
        label="newLab.aim"
        hint="newLab.aimHint"
      >
        <textarea appFieldControl class="utrecht-textarea" rows="2" formControlName="aim" required></textarea>
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-municipality'"
        [problem]="problem()"
        apiField="municipality"
        label="newLab.municipality"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="municipality" required />
      </app-form-field>
      <app-form-field
        [fieldId]="p + '-neighbourhood'"
        [problem]="problem()"
        apiField="neighbourhood"
        label="newLab.neighbourhood"
      >
        <input appFieldControl class="utrecht-textbox" formControlName="neighbourhood" />
      </app-form-field>
      <fieldset class="lab-fieldset">
        <legend>{{ 'labs.themes' | transloco }}</legend>
        <div class="lab-checks">
          @for (t of themes; track t) {
            <label
              ><input type="checkbox" [checked]="chosen.includes(t)" (change)="toggle(t)" />
              {{ 'theme.' + t | transloco }}</label
            >
          }
        </div>
      </fieldset>
      @if (chooseVisibility()) {
        <app-form-field
          [fieldId]="p + '-visibility'"
          [problem]="problem()"
          apiField="visibility"
          values="visibility."
          label="lab.visibility"
        >
          <select appFieldControl class="utrecht-select" formControlName="visibility">
            <option value="members">{{ 'visibility.members' | transloco }}</option>
            <option value="public">{{ 'visibility.public' | transloco }}</option>
            <option value="private">{{ 'visibility.private' | transloco }}</option>
          </select>
        </app-form-field>
      }
      @if (adopting()) {
        <app-form-field
          [fieldId]="p + '-transfer'"
          [problem]="problem()"
          apiField="transferConditions"
          label="lab.transferConditions"
        >
          <textarea appFieldControl class="utrecht-textarea" rows="3" formControlName="transferConditions"></textarea>
        </app-form-field>
      }
      <ng-content />
    </form>
  `,
})
export class LabFieldsComponent {
  readonly form = input.required<LabForm>();
  /** The ids of the fields start with it ("l" when starting a lab). */
  readonly prefix = input.required<string>();
  /** Starting a lab chooses who sees it (later: the lab's settings). */
  readonly chooseVisibility = input(false);
  /** Adopting a lab from elsewhere: the conditions for transfer. */
  readonly adopting = input(false);
  readonly problem = input<Problem | null>(null);
  readonly submitted = output<void>();
  readonly cancelled = output<void>();
  protected readonly themes = THEMES;
  /** The chosen themes as a signal, so a reset by the page shows here too. */
  protected readonly themesChosen = toSignal(
    toObservable(this.form).pipe(
      switchMap((f) =>
        f.controls.themes.valueChanges.pipe(
          startWith(null),
          map(() => f.controls.themes.value),
        ),
      ),
    ),
    { initialValue: null },
  );

  protected toggle(theme: string): void {
    const c = this.form().controls.themes;
    c.setValue(c.value.includes(theme) ? c.value.filter((t) => t !== theme) : [...c.value, theme]);
  }
}
