import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { THEMES } from './labs-list.page';
import { LabsStore } from './labs.store';

/** Start a lab — or adopt one from another municipality (?van=<lab id>), with the conditions for transfer. */
@Component({
  selector: 'app-lab-form-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ (origin() ? 'newLab.adoptTitle' : 'newLab.title') | transloco }}</h1>
    <p class="lab-lead">{{ 'newLab.lead' | transloco }}</p>
    @if (origin(); as o) {
      <p class="lab-notice">{{ 'newLab.adopting' | transloco: { name: o.name, place: o.municipality } }}</p>
    }
    @if (problem(); as p) {
      <app-problem-alert [problem]="p" />
    }
    @if (!auth.canStartLab()) {
      <p class="lab-notice">{{ 'labs.newOnlyStaff' | transloco }}</p>
    } @else {
      <form class="lab-form" [formGroup]="form" (ngSubmit)="save()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-name">{{ 'newLab.name' | transloco }}</label>
          <input class="utrecht-textbox" id="l-name" formControlName="name" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-question">{{ 'newLab.question' | transloco }}</label>
          <p class="utrecht-form-field-description" id="l-question-hint">{{ 'newLab.questionHint' | transloco }}</p>
          <textarea
            class="utrecht-textarea"
            id="l-question"
            rows="2"
            formControlName="question"
            aria-describedby="l-question-hint"
            required
          ></textarea>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-aim">{{ 'newLab.aim' | transloco }}</label>
          <p class="utrecht-form-field-description" id="l-aim-hint">{{ 'newLab.aimHint' | transloco }}</p>
          <textarea
            class="utrecht-textarea"
            id="l-aim"
            rows="2"
            formControlName="aim"
            aria-describedby="l-aim-hint"
            required
          ></textarea>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-municipality">{{ 'newLab.municipality' | transloco }}</label>
          <input class="utrecht-textbox" id="l-municipality" formControlName="municipality" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-neighbourhood">{{ 'newLab.neighbourhood' | transloco }}</label>
          <input class="utrecht-textbox" id="l-neighbourhood" formControlName="neighbourhood" />
        </div>
        <fieldset class="lab-fieldset">
          <legend>{{ 'labs.themes' | transloco }}</legend>
          <div class="lab-checks">
            @for (t of themes; track t) {
              <label
                ><input type="checkbox" [checked]="chosen().includes(t)" (change)="toggle(t)" />
                {{ 'theme.' + t | transloco }}</label
              >
            }
          </div>
        </fieldset>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="l-visibility">{{ 'lab.visibility' | transloco }}</label>
          <select class="utrecht-select" id="l-visibility" formControlName="visibility">
            <option value="members">{{ 'visibility.members' | transloco }}</option>
            <option value="public">{{ 'visibility.public' | transloco }}</option>
            <option value="private">{{ 'visibility.private' | transloco }}</option>
          </select>
        </div>
        @if (origin()) {
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="l-transfer">{{ 'lab.transferConditions' | transloco }}</label>
            <textarea class="utrecht-textarea" id="l-transfer" rows="3" formControlName="transferConditions"></textarea>
          </div>
        }
        <div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
            {{ 'newLab.create' | transloco }}
          </button>
        </div>
      </form>
    }
  `,
})
export class LabFormPage {
  private readonly store = inject(LabsStore);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  /** ?van=<id>: the lab this one adopts. */
  readonly van = input<string>();
  protected readonly themes = THEMES;
  protected readonly chosen = signal<string[]>([]);
  protected readonly origin = computed(() => (this.van() ? this.store.origin() : null));
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    question: new FormControl('Hoe kunnen we ', { nonNullable: true, validators: [Validators.required] }),
    aim: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    municipality: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    neighbourhood: new FormControl('', { nonNullable: true }),
    visibility: new FormControl('members', { nonNullable: true }),
    transferConditions: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    pageTitle(() => ({ key: this.van() ? 'newLab.adoptTitle' : 'newLab.title' }));
    effect(() => {
      const id = this.van();
      untracked(() => void this.store.loadOrigin(id ? Number(id) : null));
    });
    effect(() => {
      const lab = this.origin();
      if (!lab) return;
      untracked(() => {
        this.form.patchValue({ name: lab.name, question: lab.question, aim: lab.aim });
        this.chosen.set(lab.themes);
      });
    });
  }

  protected toggle(theme: string): void {
    this.chosen.update((list) => (list.includes(theme) ? list.filter((t) => t !== theme) : [...list, theme]));
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    const body: Schemas['CreateLabDto'] = {
      name: v.name,
      question: v.question,
      aim: v.aim,
      municipality: v.municipality,
      themes: this.chosen(),
      visibility: v.visibility as Schemas['CreateLabDto']['visibility'],
      ...(v.neighbourhood.trim() ? { neighbourhood: v.neighbourhood } : {}),
      ...(this.origin()
        ? {
            originLabId: this.origin()!.id,
            ...(v.transferConditions.trim() ? { transferConditions: v.transferConditions } : {}),
          }
        : {}),
    };
    try {
      const lab = await this.store.createLab(body);
      await this.auth.refresh();
      await this.router.navigate(['/labs', lab.id, 'experimenten']);
    } catch (error) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
