import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Iteration } from '../../../core/api/api';
import { LocalDatePipe } from '../../../core/i18n/local-date.pipe';
import { ReflectionsComponent } from '../reflections.component';
import { STAGES, StageForm } from './experiment-forms';
import { IterationStagesFormComponent } from './iteration-stages-form.component';
import { AttendancePanelComponent } from './attendance-panel.component';

/**
 * One iteration of an experiment: its stages so far and the decision, who came, the reflections; for the team the
 * button that logs the next stage and the form that does it (the page's form, saved by the page), and "Who was
 * there?", which records the cycle's attendance right here.
 */
@Component({
  selector: 'app-iteration-card',
  imports: [
    LocalDatePipe,
    RouterLink,
    TranslocoPipe,
    ReflectionsComponent,
    IterationStagesFormComponent,
    AttendancePanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './iteration-card.component.html',
})
export class IterationCardComponent {
  readonly iteration = input.required<Iteration>();
  /** Members of the lab read and add reflections. */
  readonly showReflections = input(false);
  /** Team members log stages; coordinators also turn a reflection into a learning. */
  readonly canEdit = input(false);
  readonly canLearn = input(false);
  /** Whether the stages form is open on this iteration. */
  readonly editing = input(false);
  readonly stageForm = input.required<StageForm>();
  readonly edit = output<void>();
  readonly save = output<void>();
  readonly dismiss = output<void>();
  protected readonly stages = STAGES;
  /** Whether "Who was there?" is open on this cycle (the team records attendance here). */
  protected readonly attendanceOpen = signal(false);

  private readonly attendanceToggle = viewChild<ElementRef<HTMLButtonElement>>('attendanceToggle');

  protected closeAttendance(): void {
    this.attendanceOpen.set(false);
    this.attendanceToggle()?.nativeElement.focus();
  }
}
