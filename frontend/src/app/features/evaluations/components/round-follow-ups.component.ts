import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Round, Schemas } from '../../../core/api/api';

/**
 * What the lab did with a round: decisions (each linked to the cycle it is for), learnings, actions, and the
 * learnings written from it (published ones for everyone, drafts for the team), each a link.
 */
@Component({
  selector: 'app-round-follow-ups',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="lab-panel" aria-labelledby="done">
      <h3 class="utrecht-heading-3" id="done">{{ 'round.whatWasDone' | transloco }}</h3>
      <ul class="utrecht-unordered-list">
        @for (f of followUps(); track f.id) {
          <li>
            <strong>{{ 'followUp.' + f.kind | transloco }}:</strong> {{ f.text }}
            @if (f.iterationId && f.iterationNumber) {
              (<a
                class="utrecht-link"
                [routerLink]="['/labs', labId(), 'experimenten']"
                [fragment]="'it-' + f.iterationId"
                >{{ 'round.forCycle' | transloco: { n: f.iterationNumber } }}</a
              >)
            }
          </li>
        }
        @for (l of learnings(); track l.id) {
          <li data-testid="round-learning">
            <strong>{{ 'round.learningFromRound' | transloco }}:</strong>
            <a class="utrecht-link" [routerLink]="['/bibliotheek/les', l.id]">{{ l.title }}</a>
            ({{ 'learningType.' + l.type | transloco
            }}{{ l.status === 'draft' ? ', ' + ('round.learningDraft' | transloco) : '' }})
          </li>
        }
      </ul>
    </section>
  `,
})
export class RoundFollowUpsComponent {
  readonly labId = input.required<number>();
  readonly followUps = input.required<Round['followUps']>();
  readonly learnings = input<Schemas['RoundLearningDto'][]>([]);
}
