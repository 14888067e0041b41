import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { pageTitle } from '../../core/i18n/page-title';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabsStore } from './labs.store';
import { LabFieldsComponent, labForm } from './components/lab-fields.component';
import { LAB_FIELDS } from './field-names';

/**
 * Start a lab — or adopt one from another municipality (?van=<lab id>), with the conditions for transfer; ?vraag=<text>
 * starts it with a question (the one a table chose, offered for a new lab).
 */
@Component({
  selector: 'app-lab-form-page',
  imports: [LabFieldsComponent, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-form.page.html',
})
export class LabFormPage {
  private readonly store = inject(LabsStore);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  /** ?van=<id>: the lab this one adopts. */
  readonly van = input<string>();
  /** ?vraag=<text>: the question a table chose for a new lab. */
  readonly vraag = input<string>();
  /** The API's field names and the labels of this form, to name a field in an error as the form does. */
  protected readonly labels = LAB_FIELDS;
  protected readonly origin = computed(() => (this.van() ? this.store.origin() : null));
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = labForm();

  constructor() {
    pageTitle(() => ({ key: this.van() ? 'newLab.adoptTitle' : 'newLab.title' }));
    effect(() => {
      const id = this.van();
      untracked(() => void this.store.loadOrigin(id ? Number(id) : null));
    });
    effect(() => {
      const question = this.vraag();
      if (question) untracked(() => this.form.patchValue({ question }));
    });
    effect(() => {
      const lab = this.origin();
      if (!lab) return;
      untracked(() => {
        this.form.patchValue({ name: lab.name, question: lab.question, aim: lab.aim, themes: [...lab.themes] });
      });
    });
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
      themes: v.themes,
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
