import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Deleting, asked once more in place: the button opens a question that says what goes with the record and what
 * stays, with "yes, delete" and "no". Nothing is deleted on the first click.
 */
@Component({
  selector: 'app-confirm-delete',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!asking()) {
      <button
        class="utrecht-button utrecht-button--subtle"
        type="button"
        [attr.aria-controls]="id()"
        aria-expanded="false"
        (click)="asking.set(true)"
      >
        {{ label() | transloco: params() }}
      </button>
    } @else {
      <div class="lab-notice" role="alertdialog" [id]="id()" [attr.aria-labelledby]="id() + '-q'">
        <p [id]="id() + '-q'">
          <strong>{{ question() | transloco: params() }}</strong>
          {{ consequence() | transloco: params() }}
        </p>
        <div class="lab-inline-form">
          <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="yes()">
            {{ 'confirmDelete.yes' | transloco }}
          </button>
          <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="asking.set(false)">
            {{ 'confirmDelete.no' | transloco }}
          </button>
        </div>
      </div>
    }
  `,
})
export class ConfirmDeleteComponent {
  /** A unique id for the question (its aria references). */
  readonly id = input.required<string>();
  /** Translation keys: the button, the question, and what goes with it and what stays. */
  readonly label = input.required<string>();
  readonly question = input.required<string>();
  readonly consequence = input.required<string>();
  readonly params = input<Record<string, unknown>>({});
  readonly confirmed = output<void>();
  protected readonly asking = signal(false);

  protected yes(): void {
    this.asking.set(false);
    this.confirmed.emit();
  }
}
