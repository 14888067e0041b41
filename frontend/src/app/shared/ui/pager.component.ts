import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** "Previous · page 2 of 5 · next" under a list; tells which page to show, the page loads it. */
@Component({
  selector: 'app-pager',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="button"
        [disabled]="page() <= 1"
        (click)="pageChange.emit(page() - 1)"
      >
        {{ 'labs.previous' | transloco }}
      </button>
      @if (pages(); as pages) {
        <span>{{ 'labs.pageOf' | transloco: { page: page(), pages } }}</span>
      }
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="button"
        [disabled]="!nextExists()"
        (click)="pageChange.emit(page() + 1)"
      >
        {{ 'labs.next' | transloco }}
      </button>
    </nav>
  `,
})
export class PagerComponent {
  /** The page shown, from 1. */
  readonly page = input.required<number>();
  /** How many pages there are; without it the pager shows no "page 2 of 5". */
  readonly pages = input<number | null>(null);
  /** Whether a next page exists, where the list knows it otherwise (a cursor); else: page < pages. */
  readonly hasNext = input<boolean | null>(null);
  readonly pageChange = output<number>();
  protected readonly nextExists = computed(() => this.hasNext() ?? this.page() < (this.pages() ?? 0));
}
