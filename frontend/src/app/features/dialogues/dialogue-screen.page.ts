import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { DialogueQrComponent } from './dialogue-qr.component';
import { applyNote, type Dialogue, DialoguesStore, type LiveNote, PROMPTS } from './dialogues.store';

/**
 * The projector: large type, high contrast, the two prompts side by side, the notes let through (never one not to
 * be quoted: the server does not send them), the join code and QR; live by Server-Sent Events.
 */
@Component({
  selector: 'app-dialogue-screen-page',
  imports: [TranslocoPipe, ProblemAlertComponent, DialogueQrComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="screen">
      @if (problem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      @if (dialogue(); as d) {
        <header class="screen-head">
          <div>
            <h1 class="screen-title">{{ 'dialogue.steps.' + d.steps[d.step].type | transloco }}</h1>
            <p class="screen-sub">{{ d.labName }} · {{ d.title }}</p>
          </div>
          @if (d.status === 'open') {
            <div class="screen-join">
              <p>
                {{ 'dialogue.joinAt' | transloco: { url: origin } }}<br /><strong
                  class="screen-code"
                  data-testid="screen-code"
                  >{{ d.joinCode }}</strong
                >
              </p>
              <app-dialogue-qr [url]="joinUrl()" [label]="'dialogue.qr' | transloco" />
            </div>
          } @else {
            <p class="screen-sub">{{ 'dialogue.closed' | transloco }}</p>
          }
        </header>
        <div class="screen-columns">
          @for (prompt of prompts; track prompt) {
            <section class="screen-column" [attr.aria-labelledby]="'col-' + prompt">
              <h2 [id]="'col-' + prompt">{{ 'dialogue.prompts.' + prompt | transloco }}</h2>
              <ul [attr.data-testid]="'screen-' + prompt">
                @for (note of byPrompt()[prompt]; track note.id) {
                  <li>{{ note.text }}</li>
                }
              </ul>
            </section>
          }
        </div>
        @if (!notes().length) {
          <p class="screen-sub">{{ 'dialogue.screenEmpty' | transloco }}</p>
        }
        <p class="screen-state" role="status">
          {{ (live() ? 'dialogue.live' : 'dialogue.reconnecting') | transloco }}
        </p>
      }
    </div>
  `,
  styleUrl: './dialogue-screen.page.css',
})
export class DialogueScreenPage {
  readonly dialogueId = input.required<string>();
  private readonly store = inject(DialoguesStore);
  private readonly document = inject(DOCUMENT);
  protected readonly prompts = PROMPTS;
  protected readonly dialogue = signal<Dialogue | null>(null);
  protected readonly notes = signal<LiveNote[]>([]);
  protected readonly live = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly origin = `${this.document.location.host}/tafel`;
  protected readonly joinUrl = computed(
    () => `${this.document.location.origin}/tafel/${this.dialogue()?.joinCode ?? ''}`,
  );
  protected readonly byPrompt = computed(() => {
    const out: Record<string, LiveNote[]> = { ontkiemd: [], knel: [] };
    for (const note of this.notes()) if (note.prompt) out[note.prompt].push(note);
    return out;
  });

  constructor() {
    effect((onCleanup) => {
      const id = Number(this.dialogueId());
      this.notes.set([]);
      this.store.get(id).then(
        (d) => this.dialogue.set(d),
        (e) => this.problem.set(problemOf(e)),
      );
      onCleanup(
        this.store.follow(
          `/api/dialogues/${id}/screen/events`,
          (event) => {
            if (event.type === 'step') this.dialogue.update((d) => (d ? { ...d, step: event.step ?? 0 } : d));
            else if (event.type === 'closed') this.dialogue.update((d) => (d ? { ...d, status: 'closed' } : d));
            else this.notes.update((notes) => applyNote(notes, event));
          },
          (live) => this.live.set(live),
        ),
      );
    });
  }
}
