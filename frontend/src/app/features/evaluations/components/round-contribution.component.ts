import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, Round } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';
import { CONTRIBUTION_FIELDS } from '../field-names';

const GROUPS = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'other'];
const STEPS = [1, 2, 3, 4, 5];

/** A contribution as it is being filled in; the page starts it from the caller's earlier one and sends it. */
export interface ContributionDraft {
  stakeholderGroup: string;
  showName: boolean;
  scores: Record<string, number | null | undefined>;
  answers: string[];
  nominatedObservationId: number | null;
  nominationReason: string;
}

/**
 * Someone's contribution to a round (plain language, phone first): who they speak as, how much each value gained,
 * the round's questions, and the story that shows it best. The fields edit the page's draft; sending is the page's.
 */
@Component({
  selector: 'app-round-contribution',
  imports: [FormFieldComponent, FieldControlDirective, FormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-contribution.component.html',
})
export class RoundContributionComponent {
  readonly round = input.required<Round>();
  readonly draft = input.required<ContributionDraft>();
  /** The round's stories, one of which may be nominated. */
  readonly stories = input.required<Round['material']>();
  /** The name shown with the contribution, if the contributor wants it shown. */
  readonly displayName = input('');
  readonly busy = input(false);
  readonly saved = input(false);
  readonly problem = input<Problem | null>(null);
  readonly send = output<void>();
  protected readonly groups = GROUPS;
  protected readonly steps = STEPS;
  protected readonly fields = CONTRIBUTION_FIELDS;
}
