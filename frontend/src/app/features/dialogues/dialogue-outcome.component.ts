import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { DialogueClosingStore, type DialogueOutcome } from './dialogue-closing.store';

/**
 * What came of a table, for the people who sat at it: the chosen question (if it was on the screen), how many stories
 * went to the lab, the draft learnings, the next cycle's plan, attendance. With `linkable`, the phone can make its
 * personal link to come back to this later. Embed: `<app-dialogue-outcome [outcome]="me.outcome" [linkable]="true" />`.
 */
@Component({
  selector: 'app-dialogue-outcome',
  imports: [TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dialogue-outcome.component.html',
  styles: `
    .outcome-link {
      inline-size: 100%;
      font-family: ui-monospace, monospace;
    }
  `,
})
export class DialogueOutcomeComponent {
  /** `dialogues.outcome` as the joiner's view, the `closed` event or the personal link carries it. */
  readonly outcome = input<unknown>(null);
  /** Offer the personal link (only on the phone that joined: it asks by the phone's cookie). */
  readonly linkable = input(false);
  private readonly store = inject(DialogueClosingStore);
  private readonly origin = inject(DOCUMENT).location.origin;
  protected readonly o = computed(() => (this.outcome() as DialogueOutcome | null) ?? null);
  protected readonly nothing = computed(() => {
    const o = this.o();
    return !!o && !o.questionTo && !o.stories && !o.learnings.length && !o.nextCycle && !o.attendance;
  });
  protected readonly link = signal<{ url: string; expiresAt: string } | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected async makeLink(): Promise<void> {
    this.problem.set(null);
    try {
      const made = await this.store.link();
      // The token goes in the fragment: browsers never send it to a server, so no log holds it.
      this.link.set({ url: `${this.origin}/tafel/terug#${made.token}`, expiresAt: made.expiresAt.slice(0, 10) });
    } catch (e) {
      this.problem.set(problemOf(e));
    }
  }
}
