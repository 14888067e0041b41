import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import {
  applyNote,
  type Consent,
  CONSENTS,
  DialoguesStore,
  type JoinerDialogue,
  type LiveNote,
  type Prompt,
  PROMPTS,
} from './dialogues.store';

type Stage = 'prompt' | 'text' | 'consent' | 'sent';

const clientId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A phone at the table: the code and a name, then one thing at a time: the prompt, the note, who may quote it. */
@Component({
  selector: 'app-dialogue-phone-page',
  imports: [TranslocoPipe, FormsModule, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-phone.page.html',
  styleUrl: './dialogue-phone.page.css',
})
export class DialoguePhonePage {
  readonly code = input<string>();
  private readonly store = inject(DialoguesStore);
  protected readonly prompts = PROMPTS;
  protected readonly consents = CONSENTS;
  protected readonly joined = signal<JoinerDialogue | null>(null);
  protected readonly mine = signal<LiveNote[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly stage = signal<Stage>('prompt');
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');
  protected form = { code: '', displayName: '', groups: '' };
  protected note: { prompt: Prompt | null; text: string; consent: Consent | null; clientId: string } = {
    prompt: null,
    text: '',
    consent: null,
    clientId: clientId(),
  };
  private stop: (() => void) | null = null;

  constructor() {
    effect(() => {
      this.form.code = (this.code() ?? '').toUpperCase();
    });
    // A phone that joined before (its token cookie) goes on where it was.
    void this.store.me().then(
      (me) => this.start(me),
      () => undefined,
    );
    inject(DestroyRef).onDestroy(() => this.stop?.());
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

  protected choosePrompt(prompt: Prompt): void {
    this.note.prompt = prompt;
    this.stage.set('text');
  }

  protected toConsent(): void {
    if (this.note.text.trim()) this.stage.set('consent');
  }

  protected async send(): Promise<void> {
    const { prompt, consent, text, clientId: id } = this.note;
    if (!prompt || !consent) return;
    this.problem.set(null);
    this.busy.set(true);
    try {
      const saved = await this.store.post({ clientId: id, prompt, text: text.trim(), consent });
      this.mine.update((notes) => applyNote(notes, { id: 0, type: 'note', note: saved as LiveNote }));
      this.stage.set('sent');
    } catch (e) {
      this.problem.set(problemOf(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected another(): void {
    this.note = { prompt: null, text: '', consent: null, clientId: clientId() };
    this.stage.set('prompt');
  }

  private start(me: JoinerDialogue): void {
    this.joined.set(me);
    this.stop?.();
    let replaying = true;
    this.stop = this.store.follow(
      '/api/dialogue-joiners/me/events',
      (event) => {
        if (event.type === 'step') this.joined.update((j) => (j ? { ...j, step: event.step ?? 0 } : j));
        else if (event.type === 'closed') this.joined.update((j) => (j ? { ...j, status: 'closed' } : j));
        else {
          const before = this.mine().find((n) => n.id === event.note?.id)?.status;
          this.mine.update((notes) => applyNote(notes, event));
          // Said once per change of status, not for every event of the stream.
          if (!replaying && before && event.note?.status && before !== event.note.status)
            this.announcement.set(event.note.status);
        }
      },
      (live) => {
        if (live) setTimeout(() => (replaying = false), 500);
      },
    );
  }
}
