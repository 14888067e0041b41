import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LabRole, Problem, problemOf } from '../../core/api/api';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ExperimentsStore } from '../labs/experiments.store';
import { LabStore } from '../labs/lab.store';
import { RoundsStore } from './rounds.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { formatDate } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';
import { ROUND_FIELDS } from './field-names';
import { dutchToday } from './components/round-manage.component';

/** A lab's evaluation rounds; a coordinator opens a new one here. */
@Component({
  selector: 'app-rounds-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
    LocalDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rounds.page.html',
})
export class RoundsPage {
  protected readonly fields = ROUND_FIELDS;
  protected readonly lab = inject(LabStore);
  protected readonly today = dutchToday();
  private readonly language = inject(LanguageService);
  private readonly experiments = inject(ExperimentsStore);
  protected readonly store = inject(RoundsStore);
  private readonly router = inject(Router);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly chosenIterations = signal<number[]>([]);
  protected readonly chosenDimensions = signal<string[]>([]);
  /** Who may contribute from their accounts; residents invited by a round link join as residents. */
  protected readonly roles: LabRole[] = ['resident', 'partner', 'observer', 'coordinator'];
  protected readonly chosenRoles = signal<LabRole[]>(['resident', 'partner', 'observer', 'coordinator']);
  protected readonly dimensions = computed(() => this.lab.lab()?.valueDimensions ?? []);
  protected readonly iterationOptions = computed(() => {
    const titles = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    const language = this.language.current();
    return this.experiments.iterations().map((i) => ({
      id: i.id,
      label: `${titles.get(i.experimentId) ?? ''} – #${i.number} (${formatDate(i.startsOn, language)})`,
    }));
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
    deadline: new FormControl('', { nonNullable: true }),
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

  protected toggleRole(role: LabRole): void {
    this.chosenRoles.update((l) => (l.includes(role) ? l.filter((x) => x !== role) : [...l, role]));
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
        contributorRoles: this.chosenRoles(),
        ...(v.deadline ? { deadline: v.deadline } : {}),
        ...(prompts.length ? { prompts } : {}),
      });
      await this.router.navigate(['/labs', round.labId, 'rondes', round.id]);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
