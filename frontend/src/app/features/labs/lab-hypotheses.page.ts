import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Hypothesis, Problem, Schemas, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { HypothesesStore } from './hypotheses.store';
import { ExperimentsStore } from './experiments.store';
import { newHypothesisForm, statusForm, wordingForm } from './components/hypothesis-forms';
import { HypothesisItemComponent } from './components/hypothesis-item.component';
import { NewHypothesisComponent } from './components/new-hypothesis.component';
import { HYPOTHESIS_FIELDS } from './field-names';

/** Hypotheses held loosely: registered wording frozen, edits shown as deviations, every status change kept. */
@Component({
  selector: 'app-lab-hypotheses-page',
  imports: [TranslocoPipe, ProblemAlertComponent, NewHypothesisComponent, HypothesisItemComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-hypotheses.page.html',
})
export class LabHypothesesPage {
  protected readonly fields = HYPOTHESIS_FIELDS;
  protected readonly shell = inject(LabStore);
  protected readonly experiments = inject(ExperimentsStore);
  protected readonly store = inject(HypothesesStore);
  protected readonly changing = signal<number | null>(null);
  protected readonly rewording = signal<number | null>(null);
  protected readonly revising = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly rows = computed(() => {
    const experiments = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    return this.store.hypotheses().map((h) => ({
      ...h,
      experimentTitle: experiments.get(h.experimentId) ?? '',
      iterations: this.experiments.iterations().filter((i) => i.experimentId === h.experimentId),
    }));
  });

  protected readonly createForm = newHypothesisForm();
  protected readonly wordingForm = wordingForm();
  protected readonly statusForm = statusForm();

  constructor() {
    effect(() => {
      if (this.shell.labId()) void this.loadLogbook();
    });
    effect(() => {
      const first = this.experiments.experiments()[0];
      if (first && this.createForm.controls.experimentId.value === null)
        this.createForm.controls.experimentId.setValue(first.id);
    });
  }

  private loadLogbook(): Promise<unknown> {
    return Promise.all([this.experiments.load(), this.store.load()]);
  }

  private run(work: () => Promise<unknown>): Promise<boolean> {
    return attempt(this.problem, work, () => this.loadLogbook());
  }

  protected async create(): Promise<void> {
    const { experimentId, ifWe, then, because, wouldChangeMind } = this.createForm.getRawValue();
    const ok = await this.run(() =>
      this.store.create(Number(experimentId), {
        ifWe,
        then,
        because,
        ...(wouldChangeMind.trim() ? { wouldChangeMind } : {}),
      }),
    );
    if (ok) this.createForm.reset({ experimentId, ifWe: '', then: '', because: '', wouldChangeMind: '' });
  }

  protected startChange(h: Hypothesis): void {
    this.rewording.set(null);
    const current = this.experiments.currentIteration();
    this.statusForm.reset({
      status: h.status === 'open' ? 'testing' : 'supported',
      iterationId: current && current.experimentId === h.experimentId ? String(current.id) : '',
      rationale: '',
      evidence: '',
    });
    this.changing.set(h.id);
  }

  protected startWording(h: Hypothesis, revise: boolean): void {
    this.changing.set(null);
    this.revising.set(revise);
    this.wordingForm.reset({
      ifWe: h.ifWe,
      then: h.then,
      because: h.because,
      wouldChangeMind: h.wouldChangeMind ?? '',
      rationale: '',
    });
    this.rewording.set(h.id);
  }

  /** An edit changes the wording (shown as a deviation); a revision replaces the hypothesis by a new one. */
  protected async saveWording(h: Hypothesis): Promise<void> {
    const v = this.wordingForm.getRawValue();
    const wording = {
      ifWe: v.ifWe,
      then: v.then,
      because: v.because,
      wouldChangeMind: v.wouldChangeMind.trim() ? v.wouldChangeMind : null,
    };
    const ok = await this.run(() =>
      this.revising()
        ? this.store.revise(h.id, {
            version: h.version,
            ...wording,
            rationale: v.rationale,
            ...(this.experiments.currentIteration() ? { iterationId: this.experiments.currentIteration()!.id } : {}),
          })
        : this.store.update(h.id, { version: h.version, ...wording }),
    );
    if (ok) this.rewording.set(null);
  }

  protected async changeStatus(h: Hypothesis): Promise<void> {
    const v = this.statusForm.getRawValue();
    const ok = await this.run(() =>
      this.store.changeStatus(h.id, {
        version: h.version,
        status: v.status as Schemas['ChangeHypothesisStatusDto']['status'],
        rationale: v.rationale,
        ...(v.iterationId ? { iterationId: Number(v.iterationId) } : {}),
        ...(v.evidence.trim() ? { evidence: v.evidence } : {}),
      }),
    );
    if (ok) this.changing.set(null);
  }
}
