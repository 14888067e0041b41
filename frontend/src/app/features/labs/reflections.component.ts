import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { Problem, problemOf, Schemas } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';

const GROUPS = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'other'];

/** Reflections on one iteration, by stakeholder group; any member of the lab adds theirs. */
@Component({
  selector: 'app-reflections',
  imports: [FormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
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
        <app-problem-alert [problem]="p" />
      }
      <form class="lab-inline-form" (ngSubmit)="add()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" [for]="'rf-group-' + iterationId()">{{ 'round.group' | transloco }}</label>
          <select class="utrecht-select" [id]="'rf-group-' + iterationId()" name="group" [(ngModel)]="group">
            @for (g of groups; track g) {
              <option [value]="g">{{ 'group.' + g | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" [for]="'rf-text-' + iterationId()">{{
            'reflections.yours' | transloco
          }}</label>
          <textarea
            class="utrecht-textarea"
            rows="2"
            [id]="'rf-text-' + iterationId()"
            name="text"
            [(ngModel)]="text"
          ></textarea>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {{ 'reflections.add' | transloco }}
        </button>
      </form>
    </details>
  `,
})
export class ReflectionsComponent {
  private readonly http = inject(HttpClient);
  readonly iterationId = input.required<number>();
  protected readonly groups = GROUPS;
  protected readonly list = signal<Schemas['ReflectionListDto'] | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected group = 'resident';
  protected text = '';

  constructor() {
    effect(() => {
      const id = this.iterationId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: number): Promise<void> {
    this.list.set(
      await firstValueFrom(this.http.get<Schemas['ReflectionListDto']>(`/api/iterations/${id}/reflections`)),
    );
  }

  protected async add(): Promise<void> {
    if (!this.text.trim()) return;
    this.problem.set(null);
    try {
      this.list.set(
        await firstValueFrom(
          this.http.post<Schemas['ReflectionListDto']>(`/api/iterations/${this.iterationId()}/reflections`, {
            stakeholderGroup: this.group,
            text: this.text,
          }),
        ),
      );
      this.text = '';
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
