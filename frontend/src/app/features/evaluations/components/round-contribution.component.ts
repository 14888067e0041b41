import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
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
 * Someone's contribution to a round, phone first and in plain language: one question per card (answering one
 * brings the next into view), the open questions and the story folded under "tell more", who they speak as, and the
 * button always in reach at the bottom, with its answer beside it. The fields edit the page's draft; sending is the
 * page's.
 */
@Component({
  selector: 'app-round-contribution',
  imports: [FormFieldComponent, FieldControlDirective, FormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-contribution.component.html',
})
export class RoundContributionComponent {
  private readonly document = inject(DOCUMENT);
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
  private readonly thanks = viewChild<ElementRef<HTMLElement>>('thanks');
  /** Bumped on every answer, so the count beside the button follows the draft (a plain object). */
  private readonly changes = signal(0);
  protected readonly total = computed(() => this.round().dimensions.length);
  protected readonly answeredCount = computed(() => {
    this.changes();
    const scores = this.draft().scores;
    return this.round().dimensions.filter((d) => scores[d] !== undefined).length;
  });
  /** Open when something was written there before, so coming back shows it. */
  protected readonly hasMore = computed(() => {
    const d = this.draft();
    return d.answers.some((a) => a.trim()) || !!d.nominatedObservationId || !!d.nominationReason.trim();
  });

  constructor() {
    // The thanks appear beside the button, where the eye is; focus goes there so a screen reader says it too.
    effect(() => this.thanks()?.nativeElement.focus({ preventScroll: false }));
  }

  /** When a scale was last touched or clicked: only then does answering move on (arrow keys stay on the question). */
  private pointedAt = 0;

  protected pointed(): void {
    this.pointedAt = Date.now();
  }

  /** Brings the next question into view (its scale, not a new page: nothing else changes). */
  protected answered(n: number): void {
    this.changes.update((c) => c + 1);
    if (Date.now() - this.pointedAt > 1500) return;
    const next = this.document.getElementById(`q-${n + 1}`);
    if (!next) return;
    const reduce = this.document.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    next.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
  }
}
