import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ReflectionsStore } from './reflections.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { REFLECTION_FIELDS } from './field-names';

const GROUPS = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'other'];

/** Reflections on one iteration, by stakeholder group; any member of the lab adds theirs. */
@Component({
  selector: 'app-reflections',
  imports: [FormFieldComponent, FieldControlDirective, FormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ReflectionsStore],
  template: `
    <details class="lab-reflections">
      <summary>
        {{ 'reflections.summary' | transloco: { count: list()?.items?.length ?? 0, groups: list()?.groups ?? 0 } }}
        @if (list()?.required) {
          — {{ 'reflections.required' | transloco }}
        }
      </summary>
      @for (r of list()?.items ?? []; track r.id) {
        <p>
          <strong>{{ 'group.' + r.stakeholderGroup | transloco }}</strong> ({{ r.byName }}): {{ r.text }}
        </p>
      }
      @if (problem(); as p) {
        <app-problem-alert [problem]="p" [labels]="fields" />
      }
      <form class="lab-inline-form" (ngSubmit)="add()">
        <app-form-field [fieldId]="'rf-group-' + iterationId()" label="round.group">
          <select appFieldControl class="utrecht-select" name="group" [(ngModel)]="group">
            @for (g of groups; track g) {
              <option [value]="g">{{ 'group.' + g | transloco }}</option>
            }
          </select>
        </app-form-field>
        <app-form-field [fieldId]="'rf-text-' + iterationId()" label="reflections.yours">
          <textarea appFieldControl class="utrecht-textarea" rows="2" name="text" [(ngModel)]="text"></textarea>
        </app-form-field>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {{ 'reflections.add' | transloco }}
        </button>
      </form>
    </details>
  `,
})
export class ReflectionsComponent {
  protected readonly fields = REFLECTION_FIELDS;
  private readonly store = inject(ReflectionsStore);
  readonly iterationId = input.required<number>();
  protected readonly groups = GROUPS;
  protected readonly list = this.store.list;
  protected readonly problem = signal<Problem | null>(null);
  protected group = 'resident';
  protected text = '';

  constructor() {
    effect(() => {
      const id = this.iterationId();
      untracked(() => void this.store.load(id));
    });
  }

  protected async add(): Promise<void> {
    if (!this.text.trim()) return;
    const ok = await attempt(this.problem, () =>
      this.store.add(this.iterationId(), { stakeholderGroup: this.group, text: this.text }),
    );
    if (ok) this.text = '';
  }
}
