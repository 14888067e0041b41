import { rationaleWords } from '../hypothesis-rationale';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Hypothesis, Iteration } from '../../../core/api/api';
import { LocalDatePipe, LocalNumberPipe } from '../../../core/i18n/local-date.pipe';
import { StatusForm, WordingForm } from './hypothesis-forms';
import { HypothesisStatusFormComponent } from './hypothesis-status-form.component';
import { HypothesisWordingFormComponent } from './hypothesis-wording-form.component';

/** A hypothesis as the page lists it: with its experiment's title and iterations. */
export type HypothesisRow = Hypothesis & { experimentTitle: string; iterations: Iteration[] };

/** What is open under a hypothesis: nothing, its status change, or its wording (an edit or a revision). */
export type HypothesisEditing = 'status' | 'wording' | null;

/**
 * One hypothesis: its sentence, status, deviations from the registered wording and its history; for the team the
 * buttons that change its status or wording, and the form that does it (the page's forms, saved by the page).
 */
@Component({
  selector: 'app-hypothesis-item',
  imports: [
    LocalNumberPipe,
    LocalDatePipe,
    RouterLink,
    TranslocoPipe,
    HypothesisStatusFormComponent,
    HypothesisWordingFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './hypothesis-item.component.html',
})
export class HypothesisItemComponent {
  protected readonly rationaleWords = rationaleWords;
  readonly hypothesis = input.required<HypothesisRow>();
  /** Team members change status and wording; coordinators also turn it into a learning. */
  readonly canEdit = input(false);
  readonly canLearn = input(false);
  readonly editing = input<HypothesisEditing>(null);
  readonly revising = input(false);
  readonly statusForm = input.required<StatusForm>();
  readonly wordingForm = input.required<WordingForm>();
  readonly startStatus = output<void>();
  /** true: a revision (a new hypothesis replaces this one); false: an edit of the wording. */
  readonly startWording = output<boolean>();
  readonly saveStatus = output<void>();
  readonly saveWording = output<void>();
  readonly dismiss = output<void>();
}
