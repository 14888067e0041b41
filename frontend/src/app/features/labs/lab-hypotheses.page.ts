import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Hypothesis, Problem, Schemas, attempt } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { HypothesesStore } from './hypotheses.store';
import { ExperimentsStore } from './experiments.store';

const STATUSES = ['open', 'testing', 'supported', 'partly_supported', 'not_supported', 'dropped'];

/** Hypotheses held loosely: registered wording frozen, edits shown as deviations, every status change kept. */
@Component({
  selector: 'app-lab-hypotheses-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'hypotheses.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'hypotheses.lead' | transloco }}</p>
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }

    @if (shell.isTeam() && experiments.experiments().length) {
      <details class="lab-panel">
        <summary>
          <strong>{{ 'hypotheses.new' | transloco }}</strong>
        </summary>
        <form class="lab-form" [formGroup]="createForm" (ngSubmit)="create()">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="h-experiment">{{ 'hypotheses.experiment' | transloco }}</label>
            <select class="utrecht-select" id="h-experiment" formControlName="experimentId">
              @for (e of experiments.experiments(); track e.id) {
                <option [ngValue]="e.id">{{ e.title }}</option>
              }
            </select>
          </div>
          @for (part of parts; track part) {
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" [for]="'h-' + part">{{ 'hypotheses.' + part | transloco }}</label>
              <textarea class="utrecht-textarea" rows="2" [id]="'h-' + part" [formControlName]="part"></textarea>
            </div>
          }
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'hypotheses.register' | transloco }}
            </button>
          </div>
        </form>
      </details>
    }

    <div class="lab-stack">
      @for (h of rows(); track h.id) {
        <article class="lab-item" [attr.aria-labelledby]="'h-title-' + h.id">
          <h3 class="utrecht-heading-3" [id]="'h-title-' + h.id">
            {{ 'hypotheses.sentence' | transloco: { ifWe: h.ifWe, then: h.then, because: h.because } }}
          </h3>
          <p class="lab-item__meta">
            {{ h.experimentTitle }} · {{ 'hypotheses.status' | transloco }}:
            <span class="lab-badge lab-badge--status">{{ 'hypothesisStatus.' + h.status | transloco }}</span>
            @if (h.replacesId) {
              · {{ 'hypotheses.revisionOf' | transloco: { id: h.replacesId } }}
            }
            @if (h.replacedById) {
              · {{ 'hypotheses.replacedBy' | transloco: { id: h.replacedById } }}
            }
          </p>
          @if (h.wouldChangeMind) {
            <p>
              <strong>{{ 'hypotheses.wouldChangeMind' | transloco }}:</strong> {{ h.wouldChangeMind }}
            </p>
          }
          @if (h.deviations.length) {
            <div class="lab-notice" role="note">
              <p>
                <strong>{{ 'hypotheses.deviated' | transloco }}</strong>
              </p>
              <p>
                {{ 'hypotheses.registeredAs' | transloco }}:
                {{
                  'hypotheses.sentence'
                    | transloco: { ifWe: h.registered.ifWe, then: h.registered.then, because: h.registered.because }
                }}
              </p>
            </div>
          }
          <details>
            <summary>{{ 'hypotheses.history' | transloco: { count: h.events.length } }}</summary>
            <ol class="lab-timeline">
              @for (e of h.events; track e.id) {
                <li>
                  <time [attr.datetime]="e.at">{{ e.at.slice(0, 10) }}</time>
                  <strong>{{ 'hypothesisStatus.' + e.toStatus | transloco }}</strong>
                  @if (e.iterationNumber) {
                    ({{ 'experiments.iteration' | transloco: { n: e.iterationNumber } }})
                  }
                  <p>{{ e.rationale }}</p>
                  @if (e.evidence) {
                    <p class="lab-muted">{{ 'hypotheses.evidence' | transloco }}: {{ e.evidence }}</p>
                  }
                </li>
              }
            </ol>
          </details>
          @if (shell.isTeam() && h.status !== 'revised') {
            @if (changing() === h.id) {
              <form class="lab-form" [formGroup]="statusForm" (ngSubmit)="changeStatus(h)">
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'s-status-' + h.id">{{
                    'hypotheses.newStatus' | transloco
                  }}</label>
                  <select class="utrecht-select" [id]="'s-status-' + h.id" formControlName="status">
                    @for (s of statuses; track s) {
                      <option [value]="s">{{ 'hypothesisStatus.' + s | transloco }}</option>
                    }
                  </select>
                </div>
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'s-iteration-' + h.id">{{
                    'hypotheses.inIteration' | transloco
                  }}</label>
                  <select class="utrecht-select" [id]="'s-iteration-' + h.id" formControlName="iterationId">
                    <option value="">–</option>
                    @for (i of h.iterations; track i.id) {
                      <option [value]="i.id">
                        {{ 'experiments.iteration' | transloco: { n: i.number } }} ({{ i.startsOn }})
                      </option>
                    }
                  </select>
                </div>
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'s-rationale-' + h.id">{{
                    'hypotheses.rationale' | transloco
                  }}</label>
                  <textarea
                    class="utrecht-textarea"
                    rows="2"
                    [id]="'s-rationale-' + h.id"
                    formControlName="rationale"
                    required
                  ></textarea>
                </div>
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'s-evidence-' + h.id">{{
                    'hypotheses.evidence' | transloco
                  }}</label>
                  <textarea
                    class="utrecht-textarea"
                    rows="2"
                    [id]="'s-evidence-' + h.id"
                    formControlName="evidence"
                  ></textarea>
                </div>
                <div class="lab-inline-form">
                  <button class="utrecht-button utrecht-button--primary-action" type="submit">
                    {{ 'hypotheses.saveStatus' | transloco }}
                  </button>
                  <button
                    class="utrecht-button utrecht-button--secondary-action"
                    type="button"
                    (click)="changing.set(null)"
                  >
                    {{ 'common.cancel' | transloco }}
                  </button>
                </div>
              </form>
            } @else if (rewording() === h.id) {
              <form class="lab-form" [formGroup]="wordingForm" (ngSubmit)="saveWording(h)">
                <fieldset class="lab-fieldset">
                  <legend>{{ (revising() ? 'hypotheses.reviseTitle' : 'hypotheses.editTitle') | transloco }}</legend>
                  <p class="lab-muted">
                    {{ (revising() ? 'hypotheses.reviseHint' : 'hypotheses.editHint') | transloco }}
                  </p>
                  @for (part of parts; track part) {
                    <div class="utrecht-form-field">
                      <label class="utrecht-form-label" [for]="'w-' + part + '-' + h.id">{{
                        'hypotheses.' + part | transloco
                      }}</label>
                      <textarea
                        class="utrecht-textarea"
                        rows="2"
                        [id]="'w-' + part + '-' + h.id"
                        [formControlName]="part"
                      ></textarea>
                    </div>
                  }
                  @if (revising()) {
                    <div class="utrecht-form-field">
                      <label class="utrecht-form-label" [for]="'w-rationale-' + h.id">{{
                        'hypotheses.rationale' | transloco
                      }}</label>
                      <textarea
                        class="utrecht-textarea"
                        rows="2"
                        [id]="'w-rationale-' + h.id"
                        formControlName="rationale"
                        required
                      ></textarea>
                    </div>
                  }
                </fieldset>
                <div class="lab-inline-form">
                  <button class="utrecht-button utrecht-button--primary-action" type="submit">
                    {{ 'common.save' | transloco }}
                  </button>
                  <button
                    class="utrecht-button utrecht-button--secondary-action"
                    type="button"
                    (click)="rewording.set(null)"
                  >
                    {{ 'common.cancel' | transloco }}
                  </button>
                </div>
              </form>
            } @else {
              <div class="lab-inline-form">
                <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="startChange(h)">
                  {{ 'hypotheses.changeStatus' | transloco }}
                </button>
                <button
                  class="utrecht-button utrecht-button--secondary-action"
                  type="button"
                  (click)="startWording(h, false)"
                >
                  {{ 'hypotheses.edit' | transloco }}
                </button>
                <button
                  class="utrecht-button utrecht-button--secondary-action"
                  type="button"
                  (click)="startWording(h, true)"
                >
                  {{ 'hypotheses.revise' | transloco }}
                </button>
                @if (shell.isCoordinator()) {
                  <a
                    class="utrecht-link"
                    [routerLink]="['/labs', h.labId, 'lessen']"
                    [queryParams]="{ hypothese: h.id }"
                    >{{ 'learnings.fromThis' | transloco }}</a
                  >
                }
              </div>
            }
          }
        </article>
      } @empty {
        <p>{{ 'hypotheses.none' | transloco }}</p>
      }
    </div>
  `,
})
export class LabHypothesesPage {
  protected readonly shell = inject(LabStore);
  protected readonly experiments = inject(ExperimentsStore);
  protected readonly store = inject(HypothesesStore);
  protected readonly parts = ['ifWe', 'then', 'because', 'wouldChangeMind'] as const;
  protected readonly statuses = STATUSES;
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

  protected readonly createForm = new FormGroup({
    experimentId: new FormControl<number | null>(null),
    ifWe: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    then: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    because: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    wouldChangeMind: new FormControl('', { nonNullable: true }),
  });
  protected readonly wordingForm = new FormGroup({
    ifWe: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    then: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    because: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    wouldChangeMind: new FormControl('', { nonNullable: true }),
    rationale: new FormControl('', { nonNullable: true }),
  });
  protected readonly statusForm = new FormGroup({
    status: new FormControl('testing', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    rationale: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    evidence: new FormControl('', { nonNullable: true }),
  });

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
