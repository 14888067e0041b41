import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { map, startWith, switchMap } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import type { Problem } from '../../../core/api/api';
import { AUDIENCES, ObservationForm, PERSPECTIVES, SELF_RELIANCE } from './observation-form';

export interface Choice {
  id: number;
  label: string;
}

/**
 * The fields of a story or a measure, for the quick entry and for editing one: what was seen first (the story, or
 * the indicator and its value), then when; everything that has a sensible default or may stay empty is folded
 * behind "More fields", so the form is short on a phone. The buttons come from the form that uses it.
 */
@Component({
  selector: 'app-observation-fields',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    /* Optional fields folded away: the summary is a full-size target. */
    .lab-more summary {
      display: flex;
      align-items: center;
      min-block-size: 44px;
      cursor: pointer;
      color: var(--lab-color-primary);
      font-weight: 600;
    }
    .lab-more[open] > .lab-form {
      margin-top: 0.5rem;
    }
    .lab-checks--stack {
      flex-direction: column;
      align-items: flex-start;
    }
  `,
  template: `
    @let f = form();
    @let p = prefix();
    @let v = values() ?? f.getRawValue();
    <form
      class="lab-form"
      [formGroup]="f"
      [id]="p + '-form'"
      (ngSubmit)="submitted.emit()"
      (keydown.escape)="cancelled.emit()"
    >
      @if (chooseKind()) {
        <!-- The radios' name is their control's (Angular requires it to match): one group, one Tab stop. -->
        <fieldset class="lab-fieldset">
          <legend>{{ 'observations.kind' | transloco }}</legend>
          <div class="lab-checks">
            <label
              ><input type="radio" name="kind" formControlName="kind" value="story" />
              {{ 'observations.story' | transloco }}</label
            >
            <label
              ><input type="radio" name="kind" formControlName="kind" value="measure" />
              {{ 'observations.measure' | transloco }}</label
            >
          </div>
        </fieldset>
      }
      @if (v.kind === 'story') {
        @if (withheld()) {
          <p>
            <em>{{ 'observations.withheld' | transloco }}</em>
          </p>
        } @else {
          <app-form-field
            [fieldId]="p + '-text'"
            label="observations.storyText"
            [problem]="problem()"
            apiField="storyText"
          >
            <textarea appFieldControl class="utrecht-textarea" rows="3" formControlName="storyText" required></textarea>
          </app-form-field>
        }
      } @else {
        <div class="lab-pair">
          <app-form-field
            [fieldId]="p + '-indicator'"
            label="observations.indicator"
            [problem]="problem()"
            apiField="indicatorId"
          >
            <select appFieldControl class="utrecht-select" formControlName="indicatorId">
              @for (i of indicators(); track i.id) {
                <option [value]="i.id">{{ i.label }}</option>
              }
            </select>
          </app-form-field>
          <app-form-field [fieldId]="p + '-value'" label="observations.value" [problem]="problem()" apiField="value">
            <input
              appFieldControl
              class="utrecht-textbox"
              type="number"
              inputmode="decimal"
              step="any"
              formControlName="value"
            />
          </app-form-field>
        </div>
        <app-form-field
          [fieldId]="p + '-context'"
          label="observations.contextNote"
          hint="observations.contextHint"
          [problem]="problem()"
          apiField="contextNote"
        >
          <textarea appFieldControl class="utrecht-textarea" rows="2" formControlName="contextNote"></textarea>
        </app-form-field>
      }
      <div class="lab-pair">
        <app-form-field
          [fieldId]="p + '-iteration'"
          label="observations.iteration"
          [problem]="problem()"
          apiField="iterationId"
        >
          <select appFieldControl class="utrecht-select" formControlName="iterationId">
            <option value="">–</option>
            @for (i of iterations(); track i.id) {
              <option [value]="i.id">{{ i.label }}</option>
            }
          </select>
        </app-form-field>
        <app-form-field [fieldId]="p + '-date'" label="observations.date" [problem]="problem()" apiField="observedOn">
          <input appFieldControl class="utrecht-textbox" type="date" formControlName="observedOn" required />
        </app-form-field>
      </div>
      @if (outside(); as period) {
        <p class="lab-notice" [id]="p + '-date-outside'" role="status">
          {{
            (period.end ? 'observations.outsideCycle' : 'observations.outsideCycleOpen')
              | transloco: { start: period.start, end: period.end }
          }}
        </p>
      }
      <details class="lab-more" [open]="expanded()">
        <summary>{{ 'edit.more' | transloco }}</summary>
        <div class="lab-form">
          @if (v.kind === 'story') {
            <app-form-field [fieldId]="p + '-perspective'" label="observations.perspective">
              <select appFieldControl class="utrecht-select" formControlName="perspective">
                @for (x of perspectives; track x) {
                  <option [value]="x">{{ 'perspective.' + x | transloco }}</option>
                }
              </select>
            </app-form-field>
            <app-form-field
              [fieldId]="p + '-participant'"
              label="observations.participant"
              hint="observations.participantHint"
              [problem]="problem()"
              apiField="participantId"
            >
              <select appFieldControl class="utrecht-select" formControlName="participantId">
                <option value="">{{ 'observations.nobody' | transloco }}</option>
                @for (x of participants(); track x.id) {
                  <option [value]="x.id">{{ x.label }}</option>
                }
              </select>
            </app-form-field>
            <app-form-field [fieldId]="p + '-audience'" label="observations.audience">
              <select appFieldControl class="utrecht-select" formControlName="audience">
                @for (x of audiences; track x) {
                  <option [value]="x">{{ 'audience.' + x | transloco }}</option>
                }
              </select>
            </app-form-field>
            <app-form-field [fieldId]="p + '-self'" label="observations.selfReliance">
              <select appFieldControl class="utrecht-select" formControlName="selfReliance">
                <option value="">{{ 'observations.notSaid' | transloco }}</option>
                @for (x of selfReliance; track x) {
                  <option [value]="x">{{ 'selfReliance.' + x | transloco }}</option>
                }
              </select>
            </app-form-field>
          }
          <fieldset class="lab-fieldset">
            <legend>{{ 'observations.dimensions' | transloco }}</legend>
            <div class="lab-checks">
              @for (d of dimensions(); track d) {
                <label
                  ><input type="checkbox" [checked]="v.dimensions.includes(d)" (change)="toggle('dimensions', d)" />
                  {{ 'dimension.' + d | transloco }}</label
                >
              }
            </div>
          </fieldset>
          <fieldset class="lab-fieldset">
            <legend>{{ 'edit.hypotheses' | transloco }}</legend>
            <div class="lab-checks lab-checks--stack">
              @for (h of hypotheses(); track h.id) {
                <label
                  ><input
                    type="checkbox"
                    [checked]="v.hypothesisIds.includes(h.id)"
                    (change)="toggle('hypothesisIds', h.id)"
                  />
                  {{ h.label }}</label
                >
              } @empty {
                <p class="lab-muted">{{ 'edit.noHypotheses' | transloco }}</p>
              }
            </div>
          </fieldset>
        </div>
      </details>
      <ng-content />
    </form>
  `,
})
export class ObservationFieldsComponent {
  readonly form = input.required<ObservationForm>();
  /** The ids of the fields start with it ("o" for the quick entry); the form's id is `<prefix>-form`. */
  readonly prefix = input.required<string>();
  /** A new one chooses story or measure; an observation being edited keeps its kind. */
  readonly chooseKind = input(true);
  /** The optional fields shown rather than folded (editing: the person came to change something). */
  readonly expanded = input(false);
  /** A withheld story's words are not shown, so they cannot be edited here. */
  readonly withheld = input(false);
  readonly problem = input<Problem | null>(null);
  readonly iterations = input<Choice[]>([]);
  readonly indicators = input<Choice[]>([]);
  readonly participants = input<Choice[]>([]);
  readonly hypotheses = input<Choice[]>([]);
  readonly dimensions = input<string[]>([]);
  /** The chosen cycle's period when the date lies outside it. */
  readonly outside = input<{ start: string; end: string | null } | null>(null);
  readonly submitted = output<void>();
  readonly cancelled = output<void>();
  protected readonly perspectives = PERSPECTIVES;
  protected readonly audiences = AUDIENCES;
  protected readonly selfReliance = SELF_RELIANCE;
  /** The form's values as a signal, so a reset by the page (after a save) shows here too. */
  protected readonly values = toSignal(
    toObservable(this.form).pipe(
      switchMap((f) =>
        f.valueChanges.pipe(
          startWith(null),
          map(() => f.getRawValue()),
        ),
      ),
    ),
    { initialValue: null },
  );

  protected toggle(control: 'dimensions' | 'hypothesisIds', value: string | number): void {
    const c = this.form().controls[control] as unknown as { value: (string | number)[]; setValue(v: unknown): void };
    c.setValue(c.value.includes(value) ? c.value.filter((x) => x !== value) : [...c.value, value]);
  }
}
