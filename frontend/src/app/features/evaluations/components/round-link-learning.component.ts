import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { attempt, Problem, Schemas } from '../../../core/api/api';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';

/**
 * For the coordinator: link a learning the lab already wrote to this round, so the round shows what came of it.
 * The round becomes part of the learning's evidence trail (the learning's own page shows it too).
 */
@Component({
  selector: 'app-round-link-learning',
  imports: [ProblemAlertComponent, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (choices().length) {
      <form class="lab-inline-form" (submit)="$event.preventDefault(); link()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="round-link-learning">{{ 'round.linkLearning' | transloco }}</label>
          <select
            id="round-link-learning"
            class="utrecht-select"
            [value]="chosen() ?? ''"
            (change)="chosen.set(+$any($event.target).value || null)"
          >
            <option value="">{{ 'round.chooseLearning' | transloco }}</option>
            @for (l of choices(); track l.id) {
              <option [value]="l.id">
                {{ l.title }}{{ l.status === 'draft' ? ' (' + ('round.learningDraft' | transloco) + ')' : '' }}
              </option>
            }
          </select>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit" [disabled]="!chosen() || busy()">
          {{ 'round.linkLearningButton' | transloco }}
        </button>
      </form>
    }
    <span role="status">
      @if (done()) {
        <span class="utrecht-alert utrecht-alert--ok lab-inline-ok">{{ 'round.learningLinked' | transloco }}</span>
      }
    </span>
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
  `,
})
export class RoundLinkLearningComponent {
  private readonly http = inject(HttpClient);
  readonly labId = input.required<number>();
  readonly roundId = input.required<number>();
  /** The learnings already made from or linked to this round. */
  readonly linked = input<{ id: number }[]>([]);
  readonly changed = output<void>();
  private readonly all = signal<Schemas['LearningSummaryDto'][]>([]);
  protected readonly chosen = signal<number | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly choices = computed(() => {
    const linked = new Set(this.linked().map((l) => l.id));
    return this.all().filter((l) => !linked.has(l.id));
  });

  constructor() {
    effect(() => {
      const labId = this.labId();
      void firstValueFrom(this.http.get<Schemas['LearningListDto']>(`/api/labs/${labId}/learnings`))
        .then((list) => this.all.set(list.items))
        .catch(() => this.all.set([]));
    });
  }

  protected async link(): Promise<void> {
    const id = this.chosen();
    if (!id) return;
    this.busy.set(true);
    this.done.set(false);
    const ok = await attempt(this.problem, async () => {
      const learning = await firstValueFrom(this.http.get<Schemas['LearningDto']>(`/api/learnings/${id}`));
      const evidence = learning.evidence.map((e) => ({ kind: e.kind, id: e.id }));
      await firstValueFrom(
        this.http.patch(`/api/learnings/${id}`, {
          version: learning.version,
          evidence: [...evidence, { kind: 'round', id: this.roundId() }],
        }),
      );
    });
    this.busy.set(false);
    if (ok) {
      this.chosen.set(null);
      this.done.set(true);
      this.changed.emit();
    }
  }
}
