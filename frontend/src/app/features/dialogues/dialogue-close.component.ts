import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import {
  type CloseChoices,
  type ClosedDialogue,
  DialogueClosingStore,
  type ClosingPreview,
} from './dialogue-closing.store';

/** `new`: register the joiner as a participant; `skip`: leave them out; else the id of a participant of the lab. */
type Match = 'new' | 'skip' | `${number}`;

/**
 * The facilitator's closing: what the table could write into the lab, per kind with its count, a preview of what will
 * be written, and the one confirmation that closes the table and writes it all (or nothing) in one go.
 * Embed: `<app-dialogue-close [dialogue]="d" (closed)="dialogue.set($event)" />`.
 */
@Component({
  selector: 'app-dialogue-close',
  imports: [TranslocoPipe, RouterLink, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-close.component.html',
  styleUrl: './dialogue-close.component.css',
})
export class DialogueCloseComponent {
  /** The open table (its id, status and title are read). */
  readonly dialogue = input.required<Pick<ClosedDialogue, 'id' | 'status' | 'title'>>();
  /** The table as it is after closing, with its outcome. */
  readonly closed = output<ClosedDialogue>();
  private readonly store = inject(DialogueClosingStore);
  protected readonly preview = signal<ClosingPreview | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal<ClosedDialogue | null>(null);
  protected readonly question = signal<number | null>(null);
  protected readonly questionTo = signal<'lab' | 'new_lab'>('lab');
  protected readonly stories = signal(true);
  protected readonly learnings = signal(true);
  protected readonly cycle = signal(true);
  protected readonly attendance = signal(true);
  protected readonly matches = signal<Record<number, Match>>({});

  protected readonly chosenQuestion = computed(
    () => this.preview()?.questions.find((q) => q.noteId === this.question()) ?? null,
  );
  protected readonly newLearnings = computed(() => (this.preview()?.learnings ?? []).filter((l) => !l.exists));
  protected readonly planned = computed(() => (this.preview()?.plan ?? []).filter((p) => p.writable));
  protected readonly joiners = computed(() =>
    (this.preview()?.joiners ?? []).map((j) => ({ ...j, groupsText: j.groups.join(', ') })),
  );
  protected readonly attending = computed(() =>
    (this.preview()?.joiners ?? []).filter((j) => (this.matches()[j.joinerId] ?? 'skip') !== 'skip'),
  );
  /** Whether the chosen question may become this lab's (a coordinator, and consent as wide as the lab's readers). */
  protected readonly mayWriteQuestion = computed(
    () => !!this.preview()?.coordinator && !!this.chosenQuestion()?.mayBeLabQuestion,
  );
  protected readonly choices = computed<CloseChoices>(() => {
    const p = this.preview();
    if (!p) return {};
    const question = this.chosenQuestion();
    const to = this.mayWriteQuestion() ? this.questionTo() : 'new_lab';
    return {
      ...(question ? { question: { noteId: question.noteId, to } } : {}),
      ...(this.stories() && p.stories.length ? { stories: true } : {}),
      ...(this.learnings() && p.coordinator && this.newLearnings().length ? { learnings: true } : {}),
      ...(this.cycle() && p.cycle && this.planned().length ? { cycle: true } : {}),
      ...(this.attendance() && p.cycle && this.attending().length
        ? {
            attendance: this.attending().map((j) => {
              const match = this.matches()[j.joinerId];
              return { joinerId: j.joinerId, participantId: match === 'new' ? null : Number(match) };
            }),
          }
        : {}),
    };
  });
  protected readonly newLabLink = computed(() => {
    const outcome = this.done()?.outcome as { questionTo?: string } | null | undefined;
    const question = this.chosenQuestion();
    return outcome?.questionTo === 'new_lab' && question ? question.text : null;
  });

  protected async start(): Promise<void> {
    await this.run(async () => {
      const p = await this.store.preview(this.dialogue().id);
      this.preview.set(p);
      this.question.set(p.questions[0]?.noteId ?? null);
      this.questionTo.set(p.coordinator && p.questions[0]?.mayBeLabQuestion ? 'lab' : 'new_lab');
      this.learnings.set(p.coordinator);
      this.matches.set(
        Object.fromEntries(
          p.joiners.map((j) => [j.joinerId, j.suggestedParticipantId ? `${j.suggestedParticipantId}` : 'new']),
        ),
      );
    });
  }

  protected cancel(): void {
    this.preview.set(null);
    this.problem.set(null);
  }

  protected setMatch(joinerId: number, value: string): void {
    this.matches.update((m) => ({ ...m, [joinerId]: value as Match }));
  }

  protected chooseQuestion(value: string): void {
    this.question.set(value ? Number(value) : null);
  }

  protected async confirm(): Promise<void> {
    await this.run(async () => {
      const closed = await this.store.close(this.dialogue().id, this.choices());
      this.store.forgetOrigins();
      this.done.set(closed);
      this.preview.set(null);
      this.closed.emit(closed);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.problem.set(null);
    this.busy.set(true);
    try {
      await work();
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }
}
