import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LabSummary } from '../../core/api/api';

@Component({
  selector: 'app-lab-card',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="lab-card">
      <h3>
        <a class="utrecht-link" [routerLink]="['/labs', lab().id]">{{ lab().name }}</a>
      </h3>
      <p class="lab-card__meta">
        {{ lab().municipality }}
        @if (lab().neighbourhood) {
          , {{ lab().neighbourhood }}
        }
        · {{ 'status.' + lab().status | transloco }} · {{ 'scale.' + lab().scale | transloco }}
      </p>
      <p>{{ lab().question }}</p>
      <ul class="lab-badges" [attr.aria-label]="'labs.themes' | transloco">
        @for (theme of lab().themes; track theme) {
          <li class="lab-badge">{{ 'theme.' + theme | transloco }}</li>
        }
      </ul>
      @if (lab().myRole; as role) {
        <p class="lab-card__meta">
          {{ 'labs.yourRole' | transloco }}: <strong>{{ 'role.' + role | transloco }}</strong>
        </p>
      }
    </article>
  `,
})
export class LabCardComponent {
  readonly lab = input.required<LabSummary>();
}
