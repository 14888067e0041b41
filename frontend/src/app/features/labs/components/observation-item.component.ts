import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Observation } from '../../../core/api/api';
import { LocalDatePipe, LocalNumberPipe } from '../../../core/i18n/local-date.pipe';

/** One observation in the lab's list: a story (or that it is withheld) or a measure, with deleting after asking. */
@Component({
  selector: 'app-observation-item',
  imports: [LocalDatePipe, LocalNumberPipe, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './observation-item.component.html',
})
export class ObservationItemComponent {
  readonly observation = input.required<Observation>();
  /** Team members may delete one entered by mistake. */
  readonly canDelete = input(false);
  /** Asked for after the second click: are you sure? yes. */
  readonly remove = output<void>();
  protected readonly confirming = signal(false);
}
