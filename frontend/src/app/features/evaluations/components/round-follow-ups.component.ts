import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Round } from '../../../core/api/api';

/** What the lab did with a round: decisions, learnings, actions, each in the iteration it belongs to. */
@Component({
  selector: 'app-round-follow-ups',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="lab-panel" aria-labelledby="done">
      <h3 class="utrecht-heading-3" id="done">{{ 'round.whatWasDone' | transloco }}</h3>
      <ul class="utrecht-unordered-list">
        @for (f of followUps(); track f.id) {
          <li>
            <strong>{{ 'followUp.' + f.kind | transloco }}:</strong> {{ f.text }}
            @if (f.iterationNumber) {
              ({{ 'experiments.iteration' | transloco: { n: f.iterationNumber } }})
            }
          </li>
        }
      </ul>
    </section>
  `,
})
export class RoundFollowUpsComponent {
  readonly followUps = input.required<Round['followUps']>();
}
