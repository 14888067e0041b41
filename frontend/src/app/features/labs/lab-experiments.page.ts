import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Iteration, Problem, Schemas, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ExperimentsStore } from './experiments.store';
import { ReflectionsComponent } from './reflections.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { EXPERIMENT_FIELDS } from './field-names';

const DECISIONS = ['continue', 'adapt', 'scale_up', 'scale_down', 'stop'];
const today = () => new Date().toISOString().slice(0, 10);

/** Experiments and their action-research cycles, logged in stages: plan now, the rest later. */
@Component({
  selector: 'app-lab-experiments-page',
  imports: [
    LocalDatePipe,
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
    ReflectionsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-experiments.page.html',
})
export class LabExperimentsPage {
  protected readonly fields = EXPERIMENT_FIELDS;
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(ExperimentsStore);
  protected readonly stages = ['plan', 'act', 'observe', 'reflect'] as const;
  protected readonly decisions = DECISIONS;
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

  protected readonly experimentForm = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    ingredients: new FormControl('', { nonNullable: true }),
  });
  protected readonly iterationForm = new FormGroup({
    startsOn: new FormControl(today(), { nonNullable: true, validators: [Validators.required] }),
    plan: new FormControl('', { nonNullable: true }),
  });
  protected readonly stageForm = new FormGroup({
    plan: new FormControl('', { nonNullable: true }),
    act: new FormControl('', { nonNullable: true }),
    observe: new FormControl('', { nonNullable: true }),
    reflect: new FormControl('', { nonNullable: true }),
    decision: new FormControl('', { nonNullable: true }),
    decisionReasons: new FormControl('', { nonNullable: true }),
    endsOn: new FormControl('', { nonNullable: true }),
  });

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
