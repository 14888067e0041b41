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
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import type { FieldNames } from '../../shared/ui/field-errors';

/** Start a lab — or adopt one from another municipality (?van=<lab id>), with the conditions for transfer. */
@Component({
  selector: 'app-lab-form-page',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-form.page.html',
})
export class LabFormPage {
  private readonly store = inject(LabsStore);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  /** ?van=<id>: the lab this one adopts. */
  readonly van = input<string>();
  protected readonly themes = THEMES;
  /** The API's field names and the labels of this form, to name a field in an error as the form does. */
  protected readonly labels: FieldNames = {
    name: 'newLab.name',
    question: 'newLab.question',
    aim: 'newLab.aim',
    municipality: 'newLab.municipality',
    neighbourhood: 'newLab.neighbourhood',
    themes: { label: 'labs.themes', values: 'theme.' },
    visibility: { label: 'lab.visibility', values: 'visibility.' },
    transferConditions: 'lab.transferConditions',
  };
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
