import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Iteration, Problem, Schemas, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ExperimentsStore } from './experiments.store';
import { ReflectionsComponent } from './reflections.component';

const DECISIONS = ['continue', 'adapt', 'scale_up', 'scale_down', 'stop'];
const today = () => new Date().toISOString().slice(0, 10);

/** Experiments and their action-research cycles, logged in stages: plan now, the rest later. */
@Component({
  selector: 'app-lab-experiments-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent, ReflectionsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'experiments.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'experiments.lead' | transloco }}</p>
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }

    @if (shell.isTeam()) {
      <details class="lab-panel" [open]="!store.experiments().length">
        <summary>
          <strong>{{ 'experiments.new' | transloco }}</strong>
        </summary>
        <form class="lab-form" [formGroup]="experimentForm" (ngSubmit)="createExperiment()">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="exp-title">{{ 'experiments.name' | transloco }}</label>
            <input class="utrecht-textbox" id="exp-title" formControlName="title" required />
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="exp-description">{{ 'experiments.description' | transloco }}</label>
            <textarea
              class="utrecht-textarea"
              id="exp-description"
              rows="3"
              formControlName="description"
              required
            ></textarea>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="exp-ingredients">{{ 'experiments.ingredients' | transloco }}</label>
            <p class="utrecht-form-field-description" id="exp-ingredients-hint">
              {{ 'experiments.ingredientsHint' | transloco }}
            </p>
            <input
              class="utrecht-textbox"
              id="exp-ingredients"
              formControlName="ingredients"
              aria-describedby="exp-ingredients-hint"
            />
          </div>
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'experiments.create' | transloco }}
            </button>
          </div>
        </form>
      </details>
    }

    <div class="lab-stack">
      @for (e of experimentRows(); track e.experiment.id) {
        <section class="lab-item" [attr.aria-labelledby]="'exp-' + e.experiment.id">
          <h3 class="utrecht-heading-3" [id]="'exp-' + e.experiment.id">{{ e.experiment.title }}</h3>
          <p>{{ e.experiment.description }}</p>
          @if (e.experiment.workingIngredients.length) {
            <p class="lab-item__meta">
              {{ 'experiments.ingredients' | transloco }}: {{ e.experiment.workingIngredients.join(', ') }}
            </p>
          }
          @for (i of e.iterations; track i.id) {
            <article class="lab-panel" [attr.aria-labelledby]="'it-' + i.id">
              <h4 class="utrecht-heading-3" [id]="'it-' + i.id">
                {{ 'experiments.iteration' | transloco: { n: i.number } }}
                <span class="lab-muted"
                  >({{ i.startsOn }}
                  @if (i.endsOn) {
                    – {{ i.endsOn }}
                  }
                  )</span
                >
              </h4>
              <div class="lab-stages">
                @for (stage of stages; track stage) {
                  <div class="lab-stage" [class.lab-stage--done]="!!i[stage]">
                    <strong>{{ 'stage.' + stage | transloco }}</strong>
                    <p>{{ i[stage] ?? ('experiments.notYet' | transloco) }}</p>
                  </div>
                }
                <div class="lab-stage" [class.lab-stage--done]="!!i.decision">
                  <strong>{{ 'stage.decide' | transloco }}</strong>
                  @if (i.decision) {
                    <p>
                      <strong>{{ 'decision.' + i.decision | transloco }}</strong>: {{ i.decisionReasons }}
                    </p>
                  } @else {
                    <p>{{ 'experiments.notYet' | transloco }}</p>
                  }
                </div>
              </div>
              <p class="lab-item__meta">{{ 'experiments.attendees' | transloco: { count: i.attendeeCount } }}</p>
              @if (shell.role()) {
                <app-reflections [iterationId]="i.id" />
              }
              @if (shell.isCoordinator() && i.reflect) {
                <p>
                  <a
                    class="utrecht-link"
                    [routerLink]="['/labs', i.labId, 'lessen']"
                    [queryParams]="{ iteratie: i.id }"
                    >{{ 'learnings.fromReflection' | transloco }}</a
                  >
                </p>
              }
              @if (shell.isTeam()) {
                @if (editing() === i.id) {
                  <form class="lab-form" [formGroup]="stageForm" (ngSubmit)="saveStages(i)">
                    @for (stage of stages; track stage) {
                      <div class="utrecht-form-field">
                        <label class="utrecht-form-label" [for]="'it-' + i.id + '-' + stage"
                          >{{ 'stage.' + stage | transloco }} — {{ 'stageHint.' + stage | transloco }}</label
                        >
                        <textarea
                          class="utrecht-textarea"
                          rows="2"
                          [id]="'it-' + i.id + '-' + stage"
                          [formControlName]="stage"
                        ></textarea>
                      </div>
                    }
                    <div class="utrecht-form-field">
                      <label class="utrecht-form-label" [for]="'it-' + i.id + '-decision'">{{
                        'stage.decide' | transloco
                      }}</label>
                      <select class="utrecht-select" [id]="'it-' + i.id + '-decision'" formControlName="decision">
                        <option value="">{{ 'experiments.noDecisionYet' | transloco }}</option>
                        @for (d of decisions; track d) {
                          <option [value]="d">{{ 'decision.' + d | transloco }}</option>
                        }
                      </select>
                    </div>
                    <div class="utrecht-form-field">
                      <label class="utrecht-form-label" [for]="'it-' + i.id + '-reasons'">{{
                        'experiments.reasons' | transloco
                      }}</label>
                      <textarea
                        class="utrecht-textarea"
                        rows="2"
                        [id]="'it-' + i.id + '-reasons'"
                        formControlName="decisionReasons"
                      ></textarea>
                    </div>
                    <div class="utrecht-form-field">
                      <label class="utrecht-form-label" [for]="'it-' + i.id + '-ends'">{{
                        'experiments.endsOn' | transloco
                      }}</label>
                      <input
                        class="utrecht-textbox"
                        type="date"
                        [id]="'it-' + i.id + '-ends'"
                        formControlName="endsOn"
                      />
                    </div>
                    <div class="lab-inline-form">
                      <button class="utrecht-button utrecht-button--primary-action" type="submit">
                        {{ 'common.save' | transloco }}
                      </button>
                      <button
                        class="utrecht-button utrecht-button--secondary-action"
                        type="button"
                        (click)="editing.set(null)"
                      >
                        {{ 'common.cancel' | transloco }}
                      </button>
                    </div>
                  </form>
                } @else {
                  <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="edit(i)">
                    @if (i.decision) {
                      {{ 'experiments.editIteration' | transloco: { n: i.number } }}
                    } @else {
                      {{ 'experiments.logStage' | transloco: { stage: ('stage.' + i.stage | transloco) } }}
                    }
                  </button>
                }
              }
            </article>
          }
          @if (shell.isTeam() && addingTo() !== e.experiment.id) {
            <button
              class="utrecht-button utrecht-button--primary-action"
              type="button"
              (click)="addingTo.set(e.experiment.id)"
            >
              {{ 'experiments.newIteration' | transloco }}
            </button>
          }
          @if (shell.isTeam() && addingTo() === e.experiment.id) {
            <form
              class="lab-inline-form"
              [formGroup]="iterationForm"
              (ngSubmit)="createIteration(e.experiment.id)"
              [attr.aria-label]="'experiments.newIteration' | transloco"
            >
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" [for]="'new-it-start-' + e.experiment.id">{{
                  'experiments.startsOn' | transloco
                }}</label>
                <input
                  class="utrecht-textbox"
                  type="date"
                  [id]="'new-it-start-' + e.experiment.id"
                  formControlName="startsOn"
                />
              </div>
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" [for]="'new-it-plan-' + e.experiment.id">{{
                  'stage.plan' | transloco
                }}</label>
                <input class="utrecht-textbox" [id]="'new-it-plan-' + e.experiment.id" formControlName="plan" />
              </div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {{ 'experiments.startIteration' | transloco }}
              </button>
              <button
                class="utrecht-button utrecht-button--secondary-action"
                type="button"
                (click)="addingTo.set(null)"
              >
                {{ 'common.cancel' | transloco }}
              </button>
            </form>
          }
        </section>
      } @empty {
        <p>{{ 'experiments.none' | transloco }}</p>
      }
    </div>
  `,
})
export class LabExperimentsPage {
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
