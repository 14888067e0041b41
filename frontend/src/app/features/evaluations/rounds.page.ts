import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ExperimentsStore } from '../labs/experiments.store';
import { LabStore } from '../labs/lab.store';
import { RoundsStore } from './rounds.store';

/** A lab's evaluation rounds; a coordinator opens a new one here. */
@Component({
  selector: 'app-rounds-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="utrecht-heading-2">{{ 'rounds.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'rounds.lead' | transloco }}</p>

    @if (lab.isCoordinator()) {
      <details class="lab-panel" [open]="!store.rounds().length">
        <summary>
          <strong>{{ 'rounds.new' | transloco }}</strong>
        </summary>
        @if (problem(); as p) {
          <app-problem-alert [problem]="p" />
        }
        <form class="lab-form" [formGroup]="form" (ngSubmit)="create()">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="r-title">{{ 'rounds.roundTitle' | transloco }}</label>
            <input class="utrecht-textbox" id="r-title" formControlName="title" required />
          </div>
          <div class="lab-inline-form">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="r-start">{{ 'rounds.periodStart' | transloco }}</label>
              <input class="utrecht-textbox" id="r-start" type="date" formControlName="periodStart" required />
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="r-end">{{ 'rounds.periodEnd' | transloco }}</label>
              <input class="utrecht-textbox" id="r-end" type="date" formControlName="periodEnd" required />
            </div>
          </div>
          <fieldset class="lab-fieldset">
            <legend>{{ 'rounds.iterations' | transloco }}</legend>
            <div class="lab-checks">
              @for (i of iterationOptions(); track i.id) {
                <label
                  ><input
                    type="checkbox"
                    [checked]="chosenIterations().includes(i.id)"
                    (change)="toggleIteration(i.id)"
                  />
                  {{ i.label }}</label
                >
              } @empty {
                <p>{{ 'rounds.noIterations' | transloco }}</p>
              }
            </div>
          </fieldset>
          <fieldset class="lab-fieldset">
            <legend>{{ 'rounds.dimensions' | transloco }}</legend>
            <div class="lab-checks">
              @for (d of dimensions(); track d) {
                <label
                  ><input type="checkbox" [checked]="chosenDimensions().includes(d)" (change)="toggleDimension(d)" />
                  {{ 'dimension.' + d | transloco }}</label
                >
              }
            </div>
          </fieldset>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="r-prompts">{{ 'rounds.prompts' | transloco }}</label>
            <p class="utrecht-form-field-description" id="r-prompts-hint">{{ 'rounds.promptsHint' | transloco }}</p>
            <textarea
              class="utrecht-textarea"
              id="r-prompts"
              rows="4"
              formControlName="prompts"
              aria-describedby="r-prompts-hint"
            ></textarea>
          </div>
          <label class="lab-checks"
            ><input type="checkbox" formControlName="showAfterContributing" />
            {{ 'rounds.showAfterContributing' | transloco }}</label
          >
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'rounds.open' | transloco }}
            </button>
          </div>
        </form>
      </details>
    }

    <ul class="lab-stack" style="list-style: none; padding: 0">
      @for (r of store.rounds(); track r.id) {
        <li class="lab-item">
          <h3 class="utrecht-heading-3">
            <a class="utrecht-link" [routerLink]="['/labs', r.labId, 'rondes', r.id]">{{ r.title }}</a>
          </h3>
          <p class="lab-item__meta">
            {{ r.periodStart }} – {{ r.periodEnd }} · {{ 'rounds.status.' + r.status | transloco }} ·
            {{ 'rounds.contributions' | transloco: { count: r.contributionCount } }}
            @if (r.contributed) {
              · {{ 'rounds.youContributed' | transloco }}
            }
          </p>
        </li>
      } @empty {
        <li>{{ 'rounds.none' | transloco }}</li>
      }
    </ul>
  `,
})
export class RoundsPage {
  protected readonly lab = inject(LabStore);
  private readonly experiments = inject(ExperimentsStore);
  protected readonly store = inject(RoundsStore);
  private readonly router = inject(Router);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly chosenIterations = signal<number[]>([]);
  protected readonly chosenDimensions = signal<string[]>([]);
  protected readonly dimensions = computed(() => this.lab.lab()?.valueDimensions ?? []);
  protected readonly iterationOptions = computed(() => {
    const titles = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    return this.experiments
      .iterations()
      .map((i) => ({ id: i.id, label: `${titles.get(i.experimentId) ?? ''} – #${i.number} (${i.startsOn})` }));
  });
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    periodStart: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    periodEnd: new FormControl(new Date().toISOString().slice(0, 10), {
      nonNullable: true,
      validators: [Validators.required],
    }),
    prompts: new FormControl('', { nonNullable: true }),
    showAfterContributing: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const id = this.lab.labId();
      if (!id) return;
      void this.store.loadRounds(id);
      void this.experiments.load();
    });
    effect(() => {
      if (!this.chosenDimensions().length && this.dimensions().length)
        this.chosenDimensions.set(this.dimensions().slice(0, 4));
    });
  }

  protected toggleIteration(id: number): void {
    this.chosenIterations.update((l) => (l.includes(id) ? l.filter((x) => x !== id) : [...l, id]));
  }

  protected toggleDimension(d: string): void {
    this.chosenDimensions.update((l) => (l.includes(d) ? l.filter((x) => x !== d) : [...l, d]));
  }

  protected async create(): Promise<void> {
    const v = this.form.getRawValue();
    const prompts = v.prompts
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    this.problem.set(null);
    try {
      const round = await this.store.create(this.lab.labId()!, {
        title: v.title,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        iterationIds: this.chosenIterations(),
        dimensions: this.chosenDimensions(),
        showAfterContributing: v.showAfterContributing,
        ...(prompts.length ? { prompts } : {}),
      });
      await this.router.navigate(['/labs', round.labId, 'rondes', round.id]);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
