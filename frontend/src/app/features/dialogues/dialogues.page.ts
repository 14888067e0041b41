import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { ExperimentsStore } from '../labs/experiments.store';
import { type DialogueKind, DialoguesStore, type DialogueSummary, KINDS } from './dialogues.store';

/** A lab's tables (tafels): open one of the report's three tables or an open round, and run one that is open. */
@Component({
  selector: 'app-dialogues-page',
  imports: [TranslocoPipe, RouterLink, FormsModule, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'dialogue.section' | transloco }}</h2>
    <p class="utrecht-paragraph">{{ 'dialogue.sectionLead' | transloco }}</p>
    @if (lab.isTeam()) {
      <form class="utrecht-form dialogue-open" (submit)="$event.preventDefault(); open()">
        <fieldset class="dialogue-kinds">
          <legend class="utrecht-form-label">{{ 'dialogue.kindLabel' | transloco }}</legend>
          @for (k of kinds; track k) {
            <label class="dialogue-kind">
              <input type="radio" name="kind" [value]="k" [(ngModel)]="kind" />
              <span
                ><strong>{{ 'dialogue.kinds.' + k | transloco }}</strong
                ><br />{{ 'dialogue.kindHints.' + k | transloco }}</span
              >
            </label>
          }
        </fieldset>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="dialogue-title">{{ 'dialogue.titleLabel' | transloco }}</label>
          <input id="dialogue-title" class="utrecht-textbox" name="title" maxlength="200" [(ngModel)]="title" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="dialogue-cycle">{{ 'dialogue.cycleLabel' | transloco }}</label>
          <p class="utrecht-form-field-description" id="dialogue-cycle-hint">{{ 'dialogue.cycleHint' | transloco }}</p>
          <select
            id="dialogue-cycle"
            class="utrecht-select"
            name="iterationId"
            aria-describedby="dialogue-cycle-hint"
            [(ngModel)]="iterationId"
          >
            <option [ngValue]="null">{{ 'dialogue.noCycle' | transloco }}</option>
            @for (c of cycles(); track c.id) {
              <option [ngValue]="c.id">{{ c.label }}</option>
            }
          </select>
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
          {{ (busy() ? 'dialogue.opening' : 'dialogue.open') | transloco }}
        </button>
      </form>
    }
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (items().length) {
      <ul class="dialogue-list">
        @for (d of items(); track d.id) {
          <li>
            <a class="utrecht-link" [routerLink]="['/labs', lab.labId(), 'tafels', d.id]">{{ d.title }}</a>
            · {{ 'dialogue.kinds.' + d.kind | transloco }} ·
            {{ (d.status === 'open' ? 'dialogue.statusOpen' : 'dialogue.statusClosed') | transloco }} ·
            {{ 'dialogue.counts' | transloco: { joiners: d.joiners, notes: d.notes } }}
          </li>
        }
      </ul>
    } @else {
      <p class="utrecht-paragraph">{{ 'dialogue.none' | transloco }}</p>
    }
  `,
  styles: [
    `
      .dialogue-list {
        padding-inline-start: 1.25rem;
      }
      .dialogue-list li {
        margin-block: 0.5rem;
      }
      .dialogue-kinds {
        border: 0;
        padding: 0;
        margin: 0 0 1rem;
        display: grid;
        gap: 0.5rem;
        min-inline-size: 0;
      }
      .dialogue-kind {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        padding: 0.5rem;
        border: 1px solid #666;
        border-radius: 4px;
        min-block-size: 44px;
      }
      .dialogue-kind input {
        inline-size: 24px;
        block-size: 24px;
        flex: none;
      }
      .dialogue-open select {
        min-block-size: 44px;
        max-inline-size: 100%;
      }
    `,
  ],
})
export class DialoguesPage {
  protected readonly lab = inject(LabStore);
  private readonly store = inject(DialoguesStore);
  private readonly router = inject(Router);
  protected readonly items = signal<DialogueSummary[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  private readonly experiments = inject(ExperimentsStore);
  protected readonly kinds = KINDS;
  protected kind: DialogueKind = 'focustafel';
  protected title = '';
  protected iterationId: number | null = null;
  /** The lab's cycles, newest first, named by experiment and number. */
  protected readonly cycles = computed(() => {
    const names = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    return [...this.experiments.iterations()]
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.number - a.number)
      .map((i) => ({ id: i.id, label: `${names.get(i.experimentId) ?? ''} · ${i.number} (${i.startsOn})` }));
  });

  constructor() {
    effect(() => {
      const labId = this.lab.labId();
      if (labId && this.lab.isTeam()) void this.experiments.load();
      if (labId && this.lab.isTeam())
        this.store.list(labId).then(
          (list) => this.items.set(list.items),
          (e) => this.problem.set(problemOf(e)),
        );
    });
  }

  protected async open(): Promise<void> {
    const labId = this.lab.labId();
    if (!labId) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const dialogue = await this.store.open(labId, {
        kind: this.kind,
        title: this.title.trim() || undefined,
        ...(this.iterationId ? { iterationId: this.iterationId } : {}),
      });
      await this.router.navigate(['/labs', labId, 'tafels', dialogue.id]);
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
