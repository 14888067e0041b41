import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LabStore } from '../labs/lab.store';
import { DialogueClosingStore } from './dialogue-closing.store';

/**
 * "Uit tafel <title>": where a record of the lab came from a table, a link to it, for the team (the only ones who may
 * open a table). `question`: for the lab's question, the link shows only while the question is still the one written.
 */
@Component({
  selector: 'app-dialogue-origin',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (origin(); as o) {
    <a class="utrecht-link dialogue-origin" [routerLink]="['/labs', labId(), 'tafels', o.dialogueId]">{{
      'dialogue.outcome.from' | transloco: { title: o.title }
    }}</a>
  }`,
  styles: ':host { display: block; font-size: 0.9em; }',
})
export class DialogueOriginComponent {
  readonly labId = input.required<number | null>();
  readonly entityType = input.required<'lab_question' | 'observation' | 'learning' | 'iteration' | 'participant'>();
  readonly entityId = input.required<number>();
  /** For the lab's question: its words now. */
  readonly question = input<string | null>(null);
  private readonly lab = inject(LabStore);
  private readonly store = inject(DialogueClosingStore);

  protected readonly origin = computed(() => {
    if (!this.lab.isTeam() || this.labId() === null) return null;
    const found = this.store
      .origins()
      .filter((o) => o.entityType === this.entityType() && o.entityId === this.entityId())
      .at(-1);
    if (!found || (this.entityType() === 'lab_question' && found.question !== this.question())) return null;
    return found;
  });

  constructor() {
    effect(() => {
      const labId = this.labId();
      if (labId !== null && this.lab.isTeam()) untracked(() => this.store.loadOrigins(labId));
    });
  }
}
