import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ScriptStep } from './dialogue-state';

/** A step's name: the facilitator's own words when they gave some, else the standard name of its kind or prompt. */
@Component({
  selector: 'app-step-name',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@let s = step();
    @if (s?.title) {
      {{ s!.title }}
    } @else if (s?.type === 'notes') {
      {{ 'dialogue.prompts.' + s!.prompts?.[0] | transloco }}
    } @else if (s) {
      {{ 'dialogue.steps.' + s.type | transloco }}
    }`,
})
export class StepNameComponent {
  readonly step = input<ScriptStep | undefined>();
}
