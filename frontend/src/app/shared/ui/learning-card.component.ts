import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LearningSummary } from '../../core/api/api';

@Component({
  selector: 'app-learning-card',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="lab-card">
      <p class="lab-card__meta">
        {{ 'learningType.' + learning().type | transloco }} · {{ 'maturity.' + learning().maturity | transloco }}
        @if (learning().status === 'draft') {
          · <strong>{{ 'library.draft' | transloco }}</strong>
        }
      </p>
      <h3>
        <a class="utrecht-link" [routerLink]="['/bibliotheek/les', learning().id]">{{ learning().title }}</a>
      </h3>
      <p>{{ learning().snippet }}</p>
      @if (learning().labs.length) {
        <p class="lab-card__meta">
          {{ 'library.from' | transloco }}:
          @for (l of learning().labs; track l.id; let last = $last) {
            {{ l.name }} ({{ l.municipality }})
            @if (!last) {
              ,
            }
          }
        </p>
      }
      <ul class="lab-badges">
        @for (t of learning().themes; track t) {
          <li class="lab-badge">{{ 'theme.' + t | transloco }}</li>
        }
      </ul>
    </article>
  `,
})
export class LearningCardComponent {
  readonly learning = input.required<LearningSummary>();
}
