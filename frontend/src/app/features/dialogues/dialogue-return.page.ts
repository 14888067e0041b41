import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf, type Problem } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { DialogueClosingStore, type DialogueReturn } from './dialogue-closing.store';
import { DialogueOutcomeComponent } from './dialogue-outcome.component';

/**
 * /tafel/terug#<token>: a phone's personal link back to what came of a table. The token is read from the fragment
 * (never sent in a URL, so no server log holds it) and sent in the `x-tafel-token` header.
 */
@Component({
  selector: 'app-dialogue-return-page',
  imports: [TranslocoPipe, ProblemAlertComponent, DialogueOutcomeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="tafel-return">
    @if (problem(); as p) {
      <h1 class="utrecht-heading-1">{{ 'dialogue.outcome.returnTitle' | transloco }}</h1>
      <p class="utrecht-paragraph">{{ 'dialogue.outcome.linkGone' | transloco }}</p>
      <app-problem-alert [problem]="p" [showFields]="false" />
    } @else if (view(); as v) {
      <h1 class="utrecht-heading-1">{{ v.title }}</h1>
      <p class="utrecht-paragraph">
        {{ v.labName }} · {{ 'dialogue.phoneWelcome' | transloco: { name: v.displayName } }}
      </p>
      @if (v.outcome) {
        <app-dialogue-outcome [outcome]="v.outcome" />
      } @else {
        <p class="utrecht-paragraph">{{ 'dialogue.outcome.notYet' | transloco }}</p>
      }
    }
  </div>`,
  styles: '.tafel-return { max-inline-size: 40rem; margin-inline: auto; padding: 1rem; }',
})
export class DialogueReturnPage {
  private readonly store = inject(DialogueClosingStore);
  protected readonly view = signal<DialogueReturn | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    const token = inject(DOCUMENT).location.hash.replace(/^#/, '');
    this.store.returnView(token).then(
      (v) => this.view.set(v),
      (e) => this.problem.set(problemOf(e)),
    );
  }
}
