import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Round } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';

/** A follow-up as it is being written; the page adds it and starts a new one. */
export interface FollowUpDraft {
  kind: string;
  text: string;
}

/** The coordinator's part of a round: a link for a resident, closing it, what was done with it, a learning from it. */
@Component({
  selector: 'app-round-manage',
  imports: [FormFieldComponent, FieldControlDirective, FormsModule, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-manage.component.html',
})
export class RoundManageComponent {
  readonly round = input.required<Round>();
  /** The link just made for a resident, to copy. */
  readonly link = input('');
  readonly followUp = input.required<FollowUpDraft>();
  readonly invite = output<void>();
  readonly closeRound = output<void>();
  readonly addFollowUp = output<void>();
  protected readonly followUpKinds = ['decision', 'learning', 'action'];
  /** Closing cannot be undone: it is asked once more, with what follows from it, before it happens. */
  protected readonly confirmingClose = signal(false);

  protected confirmClose(): void {
    this.confirmingClose.set(false);
    this.closeRound.emit();
  }
}
