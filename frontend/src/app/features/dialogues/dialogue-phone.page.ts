import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { DialogueOutcomeComponent } from './dialogue-outcome.component';
import { StepNameComponent } from './step-name.component';
import { DialogueOutbox, isOffline } from './dialogue-outbox';
import {
  applyEvent,
  dotsPlaced,
  emptyTable,
  type LiveNote,
  promptsOf,
  type ScriptStep,
  type TableState,
} from './dialogue-state';
import {
  type Consent,
  CONSENTS,
  DialoguesStore,
  type JoinerDialogue,
  type NewNote,
  type Prompt,
} from './dialogues.store';

type Stage = 'prompt' | 'text' | 'consent' | 'sent';

const clientId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A phone at the table: the code and a name, then one thing at a time, following the facilitator's step: a note
 * (its prompt, the words, who may quote them), energy dots on the questions, ingredients on the examples, upvotes
 * on a case's tips. Notes that cannot be sent wait on the phone and go by themselves when the connection is back.
 */
@Component({
  selector: 'app-dialogue-phone-page',
  imports: [TranslocoPipe, FormsModule, ProblemAlertComponent, StepNameComponent, DialogueOutcomeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-phone.page.html',
  styleUrl: './dialogue-phone.page.css',
})
export class DialoguePhonePage {
  readonly code = input<string>();
  private readonly store = inject(DialoguesStore);
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly consents = CONSENTS;
  protected readonly joined = signal<JoinerDialogue | null>(null);
  protected readonly table = signal<TableState>(emptyTable());
  protected readonly problem = signal<Problem | null>(null);
  protected readonly stage = signal<Stage>('prompt');
  protected readonly busy = signal(false);
  protected readonly live = signal(true);
  protected readonly announcement = signal<{ key: string; status?: string } | null>(null);
  protected readonly waiting = signal<NewNote[]>([]);
  protected form = { code: '', displayName: '', groups: '' };
  protected note: { prompt: Prompt | null; text: string; consent: Consent | null; parentId: number | null } = {
    prompt: null,
    text: '',
    consent: null,
    parentId: null,
  };
  protected ingredient: Record<number, string> = {};
  /** Set while the person writes a note outside a step of notes ("Iets opschrijven"). */
  protected readonly writing = signal(false);
  private outbox: DialogueOutbox | null = null;
  private stop: (() => void) | null = null;

  protected readonly steps = computed<ScriptStep[]>(() => this.table().settings?.steps ?? this.joined()?.steps ?? []);
  protected readonly stepIndex = computed(() => this.table().step ?? this.joined()?.step ?? 0);
  protected readonly current = computed<ScriptStep | undefined>(() => this.steps()[this.stepIndex()]);
  protected readonly closed = computed(() => this.table().status === 'closed' || this.joined()?.status === 'closed');
  /** The prompts a note can answer now: the current step's, or (writing outside one) every prompt of the script. */
  protected readonly prompts = computed<Prompt[]>(() => {
    const step = this.current();
    if (step?.type === 'notes' && step.prompts?.length) return step.prompts;
    return promptsOf(this.steps());
  });
  protected readonly mine = computed(() => this.table().notes.filter((n) => n.mine));
  protected readonly shown = computed(() => this.table().notes.filter((n) => n.status === 'shown'));
  protected readonly questions = computed(() => this.shown().filter((n) => n.prompt === 'hkw'));
  protected readonly examples = computed(() => this.shown().filter((n) => n.prompt === 'example'));
  protected readonly cases = computed(() => this.shown().filter((n) => n.prompt === 'case'));
  protected readonly dotsLeft = computed(
    () => (this.table().settings?.dotsPerPerson ?? this.joined()?.dotsPerPerson ?? 3) - dotsPlaced(this.table()),
  );
  protected readonly ingredients = computed(() => {
    const known = new Map<string, string>();
    for (const name of [...(this.joined()?.ingredients ?? []), ...Object.values(this.table().tags).flat()].filter(
      (n): n is string => !!n,
    ))
      if (!known.has(name.toLowerCase())) known.set(name.toLowerCase(), name);
    return [...known.values()];
  });

  constructor() {
    effect(() => {
      this.form.code = (this.code() ?? '').toUpperCase();
    });
    // A phone that joined before (its token cookie) goes on where it was.
    void this.store.me().then(
      (me) => this.start(me),
      () => undefined,
    );
    const online = () => void this.flush();
    this.window?.addEventListener('online', online);
    const timer = setInterval(() => void this.flush(), 5000);
    inject(DestroyRef).onDestroy(() => {
      this.stop?.();
      clearInterval(timer);
      this.window?.removeEventListener('online', online);
    });
  }

  protected async join(): Promise<void> {
    this.problem.set(null);
    this.busy.set(true);
    try {
      const groups = this.form.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      this.start(await this.store.join(this.form.code.trim(), this.form.displayName.trim(), groups));
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected startNote(): void {
    const prompts = this.prompts();
    this.note = { prompt: prompts.length === 1 ? prompts[0] : null, text: '', consent: null, parentId: null };
    const cases = this.cases();
    if (cases.length === 1) this.note.parentId = cases[0].id;
    this.stage.set(this.note.prompt ? 'text' : 'prompt');
  }

  protected choosePrompt(prompt: Prompt): void {
    this.note.prompt = prompt;
    this.stage.set('text');
  }

  protected toConsent(): void {
    if (this.note.text.trim()) this.stage.set('consent');
  }

  protected needsCase(): boolean {
    return (this.note.prompt === 'tip' || this.note.prompt === 'question') && this.cases().length > 1;
  }

  protected async send(): Promise<void> {
    const { prompt, consent, text, parentId } = this.note;
    if (!prompt || !consent) return;
    const note: NewNote = { clientId: clientId(), prompt, text: text.trim(), consent };
    if (parentId !== null && (prompt === 'tip' || prompt === 'question')) note.parentId = parentId;
    // Into the outbox first: whatever happens to the connection now, the note is not lost.
    this.outbox?.add(note);
    this.waiting.set(this.outbox?.list() ?? [note]);
    this.stage.set('sent');
    await this.flush();
  }

  protected another(): void {
    this.startNote();
  }

  protected async setDots(question: LiveNote, count: number): Promise<void> {
    if (count < 0) return;
    await this.act(() => this.store.myDots(question.id, count));
  }

  protected async vote(note: LiveNote): Promise<void> {
    await this.act(() => this.store.myVote(note.id, !this.table().marks[note.id]?.mine));
  }

  protected async tag(example: LiveNote): Promise<void> {
    const name = (this.ingredient[example.id] ?? '').trim();
    if (!name) return;
    await this.act(() => this.store.myTag(example.id, name));
    this.ingredient[example.id] = '';
  }

  protected async takeOn(tip: LiveNote): Promise<void> {
    await this.act(() => this.store.myTakeOn(tip.id, !tip.takenOn));
  }

  /** Tips and questions for a case, most upvoted first (a queue, not a verdict). */
  protected tipsFor(caseId: number): LiveNote[] {
    const marks = this.table().marks;
    return this.shown()
      .filter((n) => n.parentId === caseId)
      .sort((a, b) => (marks[b.id]?.votes ?? 0) - (marks[a.id]?.votes ?? 0) || a.id - b.id);
  }

  protected ownsCase(caseId: number): boolean {
    return this.mine().some((n) => n.id === caseId);
  }

  /** Sends what waits in the outbox, oldest first; stops at the first lost connection and tries again later. */
  private async flush(): Promise<void> {
    if (!this.outbox || this.busy()) return;
    const queue = this.outbox.list();
    if (!queue.length) return;
    this.busy.set(true);
    try {
      for (const note of queue) {
        try {
          const saved = await this.store.post(note);
          this.outbox.remove(note.clientId);
          this.table.update((t) =>
            applyEvent(t, { id: 0, type: 'note', note: { ...(saved as LiveNote), mine: true } }),
          );
        } catch (e) {
          if (isOffline(e)) {
            this.live.set(false);
            break;
          }
          // The server said no (the table closed, the words too long): say so, and do not send it again.
          this.outbox.remove(note.clientId);
          this.problem.set(problemOf(e));
        }
      }
    } finally {
      this.waiting.set(this.outbox.list());
      this.busy.set(false);
    }
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.problem.set(null);
    try {
      await work();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }

  private start(me: JoinerDialogue): void {
    this.joined.set(me);
    this.outbox = new DialogueOutbox(`tafel-outbox:${me.dialogueId}`);
    this.waiting.set(this.outbox.list());
    this.table.set(emptyTable());
    this.startNote();
    this.stop?.();
    let replaying = true;
    this.stop = this.store.follow(
      '/api/dialogue-joiners/me/events',
      (event) => {
        const before = this.table().notes.find((n) => n.id === event.note?.id && n.mine)?.status;
        const stepBefore = this.table().step;
        this.table.update((t) => applyEvent(t, event));
        if (replaying) return;
        // Said once per change, not for every event of the stream.
        if (event.type === 'note' && before && event.note?.status && before !== event.note.status)
          this.announcement.set({ key: 'dialogue.phoneStatusChanged', status: event.note.status });
        else if (event.type === 'step' && stepBefore !== event.step) {
          this.writing.set(false);
          this.startNote();
          this.announcement.set({ key: 'dialogue.phoneStepChanged' });
        }
      },
      (live) => {
        this.live.set(live);
        if (live) {
          setTimeout(() => (replaying = false), 500);
          void this.flush();
        }
      },
    );
    void this.flush();
  }
}
