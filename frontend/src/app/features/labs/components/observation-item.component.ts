import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Observation } from '../../../core/api/api';
import { LocalDatePipe, LocalNumberPipe } from '../../../core/i18n/local-date.pipe';

/**
 * One observation in the lab's list: a story (or that it is withheld) or a measure, the hypotheses it speaks to (as
 * links), editing, and deleting after asking.
 */
@Component({
  selector: 'app-observation-item',
  imports: [LocalDatePipe, LocalNumberPipe, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './observation-item.component.html',
})
export class ObservationItemComponent {
  readonly observation = input.required<Observation>();
  /** Team members may delete one entered by mistake. */
  readonly canDelete = input(false);
  /** Team members may edit one: its edit button is `#oe-<id>`, where focus returns after saving or cancelling. */
  readonly canEdit = input(false);
  /** Just saved: said beside the edit button. */
  readonly saved = input(false);
  readonly labId = input<number | null>(null);
  /** The lab's hypotheses by id (their "If we …"), to name the linked ones. */
  readonly hypothesisNames = input<Map<number, string>>(new Map());
  readonly edit = output<void>();
  /** Asked for after the second click: are you sure? yes. */
  readonly remove = output<void>();
  protected readonly confirming = signal(false);
}
