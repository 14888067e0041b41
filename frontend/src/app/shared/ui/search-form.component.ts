import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The search and filter form above a list: the page projects its fields and puts its [formGroup] on this element
 * (so the fields' formControlName find it); the button submits, and `searched` tells the page to look again.
 */
@Component({
  selector: 'app-search-form',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: block; }',
  template: `
    <form
      class="lab-filters"
      role="search"
      [attr.aria-label]="label() ? (label()! | transloco) : null"
      (submit)="submit($event)"
    >
      <ng-content />
      <button
        class="utrecht-button"
        [class.utrecht-button--primary-action]="!secondary()"
        [class.utrecht-button--secondary-action]="secondary()"
        type="submit"
      >
        {{ submitLabel() | transloco }}
      </button>
    </form>
  `,
})
export class SearchFormComponent {
  /** The translation key of the form's name, where a page has more than one search. */
  readonly label = input<string | null>(null);
  readonly submitLabel = input('labs.filter');
  /** A quieter button, where the page has a main action of its own. */
  readonly secondary = input(false);
  readonly searched = output<void>();

  protected submit(event: Event): void {
    event.preventDefault();
    this.searched.emit();
  }
}
