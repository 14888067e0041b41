import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { DialogueCloseComponent } from './dialogue-close.component';
import { DialogueExportComponent } from './dialogue-export.component';
import { DialogueQrComponent } from './dialogue-qr.component';
import { applyNote, type Dialogue, DialoguesStore, type LiveNote } from './dialogues.store';

/** The facilitator's view of a table: join code and QR, the notes to let through or hide, the steps, closing. */
@Component({
  selector: 'app-dialogue-facilitator-page',
  imports: [
    TranslocoPipe,
    RouterLink,
    FormsModule,
    ProblemAlertComponent,
    DialogueQrComponent,
    DialogueCloseComponent,
    DialogueExportComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-facilitator.page.html',
  styleUrl: './dialogue-facilitator.page.css',
})
export class DialogueFacilitatorPage {
  readonly dialogueId = input.required<string>();
  protected readonly lab = inject(LabStore);
  private readonly store = inject(DialoguesStore);
  private readonly document = inject(DOCUMENT);
  protected readonly dialogue = signal<Dialogue | null>(null);
  protected readonly notes = signal<LiveNote[]>([]);
  protected readonly joiners = signal(0);
  protected readonly live = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly hiding = signal<number | null>(null);
  protected readonly confirmClose = signal(false);
  protected reason = '';
  protected readonly pending = computed(() => this.notes().filter((n) => n.status === 'pending'));
  protected readonly shown = computed(() => this.notes().filter((n) => n.status === 'shown'));
  protected readonly hidden = computed(() => this.notes().filter((n) => n.status === 'hidden'));
  protected readonly joinUrl = computed(
    () => `${this.document.location.origin}/tafel/${this.dialogue()?.joinCode ?? ''}`,
  );
  protected readonly origin = `${this.document.location.host}/tafel`;

  constructor() {
    effect((onCleanup) => {
      const id = Number(this.dialogueId());
      // The stream starts from its first event, so the notes and the people who joined are counted from it.
      this.notes.set([]);
      this.joiners.set(0);
      this.store.get(id).then(
        (d) => this.dialogue.set(d),
        (e) => this.problem.set(problemOf(e)),
      );
      const stop = this.store.follow(
        `/api/dialogues/${id}/events`,
        (event) => {
          if (event.type === 'joined') this.joiners.update((n) => n + 1);
          else if (event.type === 'step') this.dialogue.update((d) => (d ? { ...d, step: event.step ?? 0 } : d));
          else if (event.type === 'closed') this.dialogue.update((d) => (d ? { ...d, status: 'closed' } : d));
          else this.notes.update((notes) => applyNote(notes, event));
        },
        (live) => this.live.set(live),
      );
      onCleanup(stop);
    });
  }

  protected async show(note: LiveNote): Promise<void> {
    await this.run(() => this.store.moderate(this.dialogue()!.id, note.id, 'shown'));
  }

  protected startHiding(note: LiveNote): void {
    this.reason = '';
    this.hiding.set(note.id);
  }

  protected async hide(note: LiveNote): Promise<void> {
    const reason = this.reason.trim();
    if (!reason) return;
    await this.run(() => this.store.moderate(this.dialogue()!.id, note.id, 'hidden', reason));
    this.hiding.set(null);
  }

  protected async setStep(step: number): Promise<void> {
    await this.run(async () => this.dialogue.set(await this.store.step(this.dialogue()!.id, step)));
  }

  protected async close(): Promise<void> {
    await this.run(async () => this.dialogue.set(await this.store.close(this.dialogue()!.id)));
    this.confirmClose.set(false);
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    this.problem.set(null);
    try {
      await work();
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }
}
