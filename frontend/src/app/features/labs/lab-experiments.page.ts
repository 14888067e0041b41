import { ConfirmDeleteComponent } from '../../shared/ui/confirm-delete.component';
import { DialogueOriginComponent } from '../dialogues/dialogue-origin.component';
import { ChangeDetectionStrategy, Component, computed, effect, inject, Injector, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Experiment, Iteration, Problem, Schemas, attempt } from '../../core/api/api';
import { EditSession } from '../../shared/ui/edit-session';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ExperimentsStore } from './experiments.store';
import { experimentForm, iterationForm, stageForm, today } from './components/experiment-forms';
import { IterationCardComponent } from './components/iteration-card.component';
import { NewExperimentComponent } from './components/new-experiment.component';
import { NewIterationComponent } from './components/new-iteration.component';
import { EXPERIMENT_FIELDS } from './field-names';

/** Experiments and their action-research cycles, logged in stages: plan now, the rest later. */
@Component({
  selector: 'app-lab-experiments-page',
  imports: [
    DialogueOriginComponent,
    ConfirmDeleteComponent,
    TranslocoPipe,
    ProblemAlertComponent,
    NewExperimentComponent,
    NewIterationComponent,
    IterationCardComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-experiments.page.html',
})
export class LabExperimentsPage {
  protected readonly fields = EXPERIMENT_FIELDS;
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(ExperimentsStore);
  protected readonly editing = signal<number | null>(null);
  protected readonly addingTo = signal<number | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly experimentRows = computed(() =>
    this.store.experiments().map((experiment) => ({
      experiment,
      iterations: this.store
        .iterations()
        .filter((i) => i.experimentId === experiment.id)
        .sort((a, b) => a.number - b.number),
    })),
  );

  protected readonly experimentForm = experimentForm();
  /** Editing an experiment: its edit button is `#ee-<id>`, its form `#ee-<id>-form`. */
  protected readonly experimentEdit = new EditSession(inject(Injector), 'ee');
  protected readonly editForm = experimentForm();
  protected readonly iterationForm = iterationForm();
  protected readonly stageForm = stageForm();

  constructor() {
    effect(() => {
      if (this.shell.labId()) void this.store.load();
    });
  }

  private run(work: () => Promise<unknown>): Promise<boolean> {
    return attempt(this.problem, work, () => this.store.load());
  }

  protected async createExperiment(): Promise<void> {
    const { title, description, ingredients } = this.experimentForm.getRawValue();
    const ok = await this.run(() =>
      this.store.createExperiment({
        title,
        description,
        workingIngredients: ingredients
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        ...(this.shell.lab() ? { scale: this.shell.lab()!.scale } : {}),
      }),
    );
    if (ok) this.experimentForm.reset();
  }

  protected startEdit(e: Experiment): void {
    this.editForm.reset({
      title: e.title,
      description: e.description,
      ingredients: e.workingIngredients.join(', '),
      scale: e.scale,
      status: e.status,
    });
    this.experimentEdit.open(e);
  }

  protected async saveEdit(e: Experiment): Promise<void> {
    const v = this.editForm.getRawValue();
    type Body = Schemas['UpdateExperimentDto'];
    await this.experimentEdit.save(
      (version) =>
        this.store.updateExperiment(e.id, {
          version,
          title: v.title,
          description: v.description,
          workingIngredients: v.ingredients
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          scale: v.scale as Body['scale'],
          status: v.status as Body['status'],
        }),
      () => this.store.load(),
    );
  }

  protected async createIteration(experimentId: number): Promise<void> {
    const { startsOn, plan } = this.iterationForm.getRawValue();
    const ok = await this.run(() =>
      this.store.createIteration(experimentId, { startsOn, ...(plan.trim() ? { plan } : {}) }),
    );
    if (ok) {
      this.iterationForm.reset({ startsOn: today(), plan: '' });
      this.addingTo.set(null);
    }
  }

  protected async deleteExperiment(id: number): Promise<void> {
    await this.run(() => this.store.deleteExperiment(id));
  }

  protected async deleteIteration(id: number): Promise<void> {
    await this.run(() => this.store.deleteIteration(id));
  }

  protected edit(i: Iteration): void {
    this.stageForm.setValue({
      plan: i.plan ?? '',
      act: i.act ?? '',
      observe: i.observe ?? '',
      reflect: i.reflect ?? '',
      decision: i.decision ?? '',
      decisionReasons: i.decisionReasons ?? '',
      endsOn: i.endsOn ?? '',
    });
    this.editing.set(i.id);
  }

  protected async saveStages(i: Iteration): Promise<void> {
    const v = this.stageForm.getRawValue();
    const text = (s: string) => (s.trim() ? s.trim() : null);
    const ok = await this.run(() =>
      this.store.updateIteration(i.id, {
        version: i.version,
        plan: text(v.plan),
        act: text(v.act),
        observe: text(v.observe),
        reflect: text(v.reflect),
        decision: (v.decision || null) as Schemas['UpdateIterationDto']['decision'],
        decisionReasons: text(v.decisionReasons),
        endsOn: v.endsOn || null,
      }),
    );
    if (ok) this.editing.set(null);
  }
}
