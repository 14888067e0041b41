import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { DialogueQrComponent } from './dialogue-qr.component';
import {
  applyEvent,
  emptyTable,
  groupsOf,
  ingredientMatrix,
  type LiveNote,
  type ScriptStep,
  type TableState,
} from './dialogue-state';
import { type Dialogue, DialoguesStore } from './dialogues.store';
import { StepNameComponent } from './step-name.component';

/**
 * The projector: large type, high contrast, the join code and QR, and what the current step is about — the notes
 * let through (never one not to be quoted: the server does not send them), their clusters, the questions with their
 * energy dots per group (never a total or a winner), the examples and which ingredients recur, a case's queue.
 */
@Component({
  selector: 'app-dialogue-screen-page',
  imports: [TranslocoPipe, ProblemAlertComponent, DialogueQrComponent, StepNameComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-screen.page.html',
  styleUrl: './dialogue-screen.page.css',
})
export class DialogueScreenPage {
  readonly dialogueId = input.required<string>();
  private readonly store = inject(DialoguesStore);
  private readonly document = inject(DOCUMENT);
  protected readonly dialogue = signal<Dialogue | null>(null);
  protected readonly table = signal<TableState>(emptyTable());
  protected readonly live = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly origin = `${this.document.location.host}/tafel`;
  protected readonly joinUrl = computed(
    () => `${this.document.location.origin}/tafel/${this.dialogue()?.joinCode ?? ''}`,
  );
  protected readonly steps = computed<ScriptStep[]>(() => this.table().settings?.steps ?? this.dialogue()?.steps ?? []);
  protected readonly current = computed<ScriptStep | undefined>(
    () => this.steps()[this.table().step ?? this.dialogue()?.step ?? 0],
  );
  protected readonly status = computed(() => this.table().status ?? this.dialogue()?.status ?? 'open');
  protected readonly shown = computed(() => this.table().notes.filter((n) => n.status === 'shown'));
  /** The columns of a step of notes: one per prompt it asks. */
  protected readonly columns = computed(() => {
    const step = this.current();
    const prompts = step?.type === 'notes' ? (step.prompts ?? []) : [];
    return prompts.map((prompt) => ({ prompt, notes: this.shown().filter((n) => n.prompt === prompt) }));
  });
  /** Clusters with their notes, then the notes in none. */
  protected readonly clustered = computed(() => {
    const notes = this.shown().filter((n) => n.prompt === 'ontkiemd' || n.prompt === 'knel');
    const groups = this.table().clusters.map((c) => ({
      id: c.id,
      label: c.label,
      notes: notes.filter((n) => n.clusterId === c.id),
    }));
    return { groups, loose: notes.filter((n) => !n.clusterId || !groups.some((g) => g.id === n.clusterId)) };
  });
  protected readonly questions = computed(() =>
    this.shown()
      .filter((n) => n.prompt === 'hkw')
      .map((q) => ({ note: q, groups: groupsOf(this.table().marks[q.id]?.dotsByGroup ?? {}) })),
  );
  protected readonly examples = computed(() => this.shown().filter((n) => n.prompt === 'example'));
  protected readonly matrix = computed(() => ingredientMatrix(this.examples(), this.table().tags));
  protected readonly cases = computed(() =>
    this.shown()
      .filter((n) => n.prompt === 'case')
      .map((c) => ({ note: c, tips: this.tipsFor(c.id) })),
  );
  protected readonly dots = (n: number): number[] => Array.from({ length: Math.min(n, 30) }, (_, i) => i);

  constructor() {
    effect((onCleanup) => {
      const id = Number(this.dialogueId());
      this.table.set(emptyTable());
      this.store.get(id).then(
        (d) => this.dialogue.set(d),
        (e) => this.problem.set(problemOf(e)),
      );
      onCleanup(
        this.store.follow(
          `/api/dialogues/${id}/screen/events`,
          (event) => this.table.update((t) => applyEvent(t, event)),
          (live) => this.live.set(live),
        ),
      );
    });
  }

  private tipsFor(caseId: number): LiveNote[] {
    const marks = this.table().marks;
    return this.shown()
      .filter((n) => n.parentId === caseId)
      .sort((a, b) => (marks[b.id]?.votes ?? 0) - (marks[a.id]?.votes ?? 0) || a.id - b.id);
  }
}
