import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { DialogueCloseComponent } from './dialogue-close.component';
import { DialogueClosingStore } from './dialogue-closing.store';
import { DialogueExportComponent } from './dialogue-export.component';
import { DialogueQrComponent } from './dialogue-qr.component';
import { DialogueScriptEditorComponent } from './dialogue-script-editor.component';
import {
  applyEvent,
  emptyTable,
  groupsOf,
  ingredientMatrix,
  type LiveNote,
  promptsOf,
  type ScriptStep,
  type TableState,
} from './dialogue-state';
import { type Consent, CONSENTS, type Dialogue, DialoguesStore, type Prompt } from './dialogues.store';
import { StepNameComponent } from './step-name.component';

const clientId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The facilitator's view of a table (a laptop or a phone): the join code and QR, the steps of the script, the notes
 * to let through, hide or merge (with a reason the author sees), and per step the clusters, the questions and their
 * dots per group, the examples and their ingredients, a case's queue; notes of their own; closing.
 */
@Component({
  selector: 'app-dialogue-facilitator-page',
  imports: [
    TranslocoPipe,
    NgTemplateOutlet,
    RouterLink,
    FormsModule,
    ProblemAlertComponent,
    DialogueQrComponent,
    DialogueScriptEditorComponent,
    StepNameComponent,
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
  private readonly closing = inject(DialogueClosingStore);
  private readonly document = inject(DOCUMENT);
  protected readonly consents = CONSENTS;
  protected readonly dialogue = signal<Dialogue | null>(null);
  protected readonly table = signal<TableState>(emptyTable());
  protected readonly live = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Which note's hide or merge form is open. */
  protected readonly hiding = signal<number | null>(null);
  protected readonly merging = signal<number | null>(null);
  protected readonly editingScript = signal(false);
  /** What the live region says: how many joined and wait, refreshed at most every 15 seconds. */
  protected readonly summary = signal<{ joiners: number; pending: number } | null>(null);
  protected reason = '';
  protected mergeInto: number | null = null;
  protected newCluster = '';
  protected renaming: Record<number, string> = {};
  protected ingredient: Record<number, string> = {};
  protected own: { prompt: Prompt | null; text: string; consent: Consent; parentId: number | null } = {
    prompt: null,
    text: '',
    consent: 'lab',
    parentId: null,
  };

  protected readonly steps = computed<ScriptStep[]>(() => this.table().settings?.steps ?? this.dialogue()?.steps ?? []);
  protected readonly step = computed(() => this.table().step ?? this.dialogue()?.step ?? 0);
  protected readonly current = computed<ScriptStep | undefined>(() => this.steps()[this.step()]);
  protected readonly moderation = computed(
    () => this.table().settings?.moderation ?? this.dialogue()?.moderation ?? 'moderated',
  );
  protected readonly dotsPerPerson = computed(
    () => this.table().settings?.dotsPerPerson ?? this.dialogue()?.dotsPerPerson ?? 3,
  );
  protected readonly isOpen = computed(() => this.table().status !== 'closed' && this.dialogue()?.status !== 'closed');
  protected readonly prompts = computed(() => promptsOf(this.steps()));
  protected readonly pending = computed(() => this.table().notes.filter((n) => n.status === 'pending'));
  protected readonly shown = computed(() => this.table().notes.filter((n) => n.status === 'shown'));
  protected readonly setAside = computed(() =>
    this.table().notes.filter((n) => n.status === 'hidden' || n.status === 'merged'),
  );
  protected readonly sprouted = computed(() =>
    this.shown().filter((n) => n.prompt === 'ontkiemd' || n.prompt === 'knel'),
  );
  protected readonly questions = computed(() =>
    this.shown()
      .filter((n) => n.prompt === 'hkw')
      .map((q) => ({ note: q, groups: groupsOf(this.table().marks[q.id]?.dotsByGroup ?? {}) })),
  );
  protected readonly examples = computed(() => this.shown().filter((n) => n.prompt === 'example'));
  protected readonly matrix = computed(() => ingredientMatrix(this.examples(), this.table().tags));
  protected readonly cases = computed(() => this.shown().filter((n) => n.prompt === 'case'));
  protected readonly ingredients = computed(() => {
    const known = new Map<string, string>();
    for (const name of [...(this.dialogue()?.ingredients ?? []), ...Object.values(this.table().tags).flat()].filter(
      (n): n is string => !!n,
    ))
      if (!known.has(name.toLowerCase())) known.set(name.toLowerCase(), name);
    return [...known.values()];
  });
  protected readonly joinUrl = computed(
    () => `${this.document.location.origin}/tafel/${this.dialogue()?.joinCode ?? ''}`,
  );
  protected readonly origin = `${this.document.location.host}/tafel`;

  constructor() {
    // The facilitator's own note answers the current step's prompt by default.
    effect(() => {
      const step = this.current();
      const prompt = step?.type === 'notes' ? step.prompts?.[0] : undefined;
      const cases = this.cases();
      this.own = {
        ...this.own,
        prompt: prompt ?? this.own.prompt ?? this.prompts()[0] ?? null,
        parentId: this.own.parentId ?? (cases.length === 1 ? cases[0].id : null),
      };
    });
    effect((onCleanup) => {
      const timer = setInterval(() => {
        const next = { joiners: this.table().joiners.length, pending: this.pending().length };
        const last = this.summary();
        if (!last || last.joiners !== next.joiners || last.pending !== next.pending) this.summary.set(next);
      }, 15_000);
      onCleanup(() => clearInterval(timer));
    });
    effect((onCleanup) => {
      const id = Number(this.dialogueId());
      // The stream starts from its first event, so the notes and the people who joined are counted from it.
      this.table.set(emptyTable());
      this.store.get(id).then(
        (d) => this.dialogue.set(d),
        (e) => this.problem.set(problemOf(e)),
      );
      onCleanup(
        this.store.follow(
          `/api/dialogues/${id}/events`,
          (event) => this.table.update((t) => applyEvent(t, event)),
          (live) => this.live.set(live),
        ),
      );
    });
  }

  protected textOf(id: number | null | undefined): string {
    return this.table().notes.find((n) => n.id === id)?.text ?? '';
  }

  /** Notes a duplicate can be merged into: the others on the same prompt, not set aside. */
  protected mergeTargets(note: LiveNote): LiveNote[] {
    return this.table().notes.filter(
      (n) => n.id !== note.id && n.prompt === note.prompt && (n.status === 'shown' || n.status === 'pending'),
    );
  }

  protected tipsFor(caseId: number): LiveNote[] {
    const marks = this.table().marks;
    return this.shown()
      .filter((n) => n.parentId === caseId)
      .sort((a, b) => (marks[b.id]?.votes ?? 0) - (marks[a.id]?.votes ?? 0) || a.id - b.id);
  }

  protected show(note: LiveNote): Promise<boolean> {
    return this.run(() => this.store.moderate(this.id(), note.id, 'shown'));
  }

  protected startHiding(note: LiveNote): void {
    this.reason = '';
    this.merging.set(null);
    this.hiding.set(note.id);
  }

  protected startMerging(note: LiveNote): void {
    this.reason = '';
    this.mergeInto = this.mergeTargets(note)[0]?.id ?? null;
    this.hiding.set(null);
    this.merging.set(note.id);
  }

  protected async hide(note: LiveNote): Promise<void> {
    const reason = this.reason.trim();
    if (!reason) return;
    if (await this.run(() => this.store.moderate(this.id(), note.id, 'hidden', reason))) this.hiding.set(null);
  }

  protected async merge(note: LiveNote): Promise<void> {
    const reason = this.reason.trim();
    if (!reason || !this.mergeInto) return;
    if (await this.run(() => this.store.merge(this.id(), note.id, this.mergeInto!, reason))) this.merging.set(null);
  }

  protected setStep(step: number): Promise<boolean> {
    return this.run(async () => this.dialogue.set(await this.store.step(this.id(), step)));
  }

  protected setModeration(open: boolean): Promise<boolean> {
    return this.run(async () =>
      this.dialogue.set(await this.store.update(this.id(), { moderation: open ? 'open' : 'moderated' })),
    );
  }

  protected setDotsPerPerson(value: number): Promise<boolean> {
    return this.run(async () => this.dialogue.set(await this.store.update(this.id(), { dotsPerPerson: value })));
  }

  protected async saveScript(steps: ScriptStep[]): Promise<void> {
    if (await this.run(async () => this.dialogue.set(await this.store.update(this.id(), { steps }))))
      this.editingScript.set(false);
  }

  protected async addCluster(): Promise<void> {
    const label = this.newCluster.trim();
    if (label && (await this.run(() => this.store.addCluster(this.id(), label)))) this.newCluster = '';
  }

  protected async renameCluster(clusterId: number): Promise<void> {
    const label = (this.renaming[clusterId] ?? '').trim();
    if (label && (await this.run(() => this.store.renameCluster(this.id(), clusterId, label))))
      delete this.renaming[clusterId];
  }

  protected removeCluster(clusterId: number): Promise<boolean> {
    return this.run(() => this.store.removeCluster(this.id(), clusterId));
  }

  protected place(note: LiveNote, clusterId: string): Promise<boolean> {
    return this.run(() => this.store.placeInCluster(this.id(), note.id, clusterId ? Number(clusterId) : null));
  }

  protected async tag(example: LiveNote): Promise<void> {
    const name = (this.ingredient[example.id] ?? '').trim();
    if (name && (await this.run(() => this.store.tag(this.id(), example.id, name)))) this.ingredient[example.id] = '';
  }

  protected untag(example: LiveNote, ingredient: string): Promise<boolean> {
    return this.run(() => this.store.untag(this.id(), example.id, ingredient));
  }

  protected takeOn(tip: LiveNote): Promise<boolean> {
    return this.run(() => this.store.takeOn(this.id(), tip.id, !tip.takenOn));
  }

  protected async postOwn(): Promise<void> {
    const { prompt, text, consent, parentId } = this.own;
    if (!prompt || !text.trim()) return;
    const body = { clientId: clientId(), prompt, text: text.trim(), consent, ...(parentId ? { parentId } : {}) };
    if (await this.run(() => this.store.postAsFacilitator(this.id(), body))) this.own = { ...this.own, text: '' };
  }

  /** Closed into the lab: the lab's own header (its question) is read again, as closing may have changed it. */
  protected closed(dialogue: Dialogue): void {
    this.dialogue.set(dialogue);
    void this.lab.reloadLab();
    // The links back ("Uit tafel …") are read again: the lab's pages show where the new records came from.
    this.closing.forgetOrigins();
    this.closing.loadOrigins(dialogue.labId);
  }

  private id(): number {
    return this.dialogue()!.id;
  }

  /** Runs a call; a problem shows above and keeps what was typed. True when it went through. */
  private async run(work: () => Promise<unknown>): Promise<boolean> {
    this.problem.set(null);
    try {
      await work();
      return true;
    } catch (e) {
      this.problem.set(problemOf(e));
      return false;
    }
  }
}
