import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DialogueOriginComponent } from '../dialogues/dialogue-origin.component';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Schemas } from '../../core/api/api';
import { LearningCardComponent } from '../../shared/ui/learning-card.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { THEMES } from './labs-list.page';
import { ExperimentsStore } from './experiments.store';
import { HypothesesStore } from './hypotheses.store';
import { LabStore } from './lab.store';
import { LearningsStore } from './learnings.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { formatDate } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';
import { LEARNING_FIELDS } from './field-names';

interface EvidenceOption {
  key: string;
  kind: 'iteration' | 'hypothesis' | 'observation' | 'round';
  id: number;
  label: string;
}

/**
 * The lab's learnings; a coordinator writes one here, with evidence pre-filled from where they came (?iteratie,
 * ?hypothese, ?ronde).
 */
@Component({
  selector: 'app-lab-learnings-page',
  imports: [
    DialogueOriginComponent,
    FormFieldComponent,
    FieldControlDirective,
    ReactiveFormsModule,
    TranslocoPipe,
    LearningCardComponent,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-learnings.page.html',
})
export class LabLearningsPage {
  protected readonly fields = LEARNING_FIELDS;
  protected readonly shell = inject(LabStore);
  private readonly language = inject(LanguageService);
  private readonly experiments = inject(ExperimentsStore);
  private readonly hypotheses = inject(HypothesesStore);
  private readonly store = inject(LearningsStore);
  private readonly router = inject(Router);
  readonly iteratie = input<string>();
  readonly hypothese = input<string>();
  readonly ronde = input<string>();
  protected readonly themes = THEMES;
  protected readonly types = ['working_ingredient', 'pitfall', 'open_question', 'advice'];
  protected readonly learnings = this.store.learnings;
  protected readonly chosenThemes = signal<string[]>([]);
  protected readonly chosenEvidence = signal<string[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly prefilled = computed(() => !!(this.iteratie() || this.hypothese() || this.ronde()));
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    type: new FormControl('working_ingredient', { nonNullable: true }),
    body: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    transferConditions: new FormControl('', { nonNullable: true }),
  });

  protected readonly evidenceOptions = computed<EvidenceOption[]>(() => {
    const titles = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    const { rounds, stories } = this.store.evidence();
    return [
      ...this.experiments.iterations().map((i) => ({
        key: `iteration:${i.id}`,
        kind: 'iteration' as const,
        id: i.id,
        label: `${titles.get(i.experimentId) ?? ''} #${i.number} (${formatDate(i.startsOn, this.language.current())})`,
      })),
      ...this.hypotheses
        .hypotheses()
        .map((h) => ({ key: `hypothesis:${h.id}`, kind: 'hypothesis' as const, id: h.id, label: `Als we ${h.ifWe}…` })),
      ...stories.map((s) => ({
        key: `observation:${s.id}`,
        kind: 'observation' as const,
        id: s.id,
        label: `“${(s.storyText ?? '').slice(0, 80)}”`,
      })),
      ...rounds.map((r) => ({ key: `round:${r.id}`, kind: 'round' as const, id: r.id, label: r.title })),
    ];
  });

  constructor() {
    effect(() => {
      if (!this.shell.labId()) return;
      untracked(() => void this.load());
    });
    effect(() => {
      const pre = [
        this.iteratie() && `iteration:${this.iteratie()}`,
        this.hypothese() && `hypothesis:${this.hypothese()}`,
        this.ronde() && `round:${this.ronde()}`,
      ].filter((x): x is string => !!x);
      if (pre.length) untracked(() => this.chosenEvidence.set(pre));
    });
  }

  private async load(): Promise<void> {
    await Promise.all([this.store.load(), this.experiments.load(), this.hypotheses.load()]);
    if (this.shell.isCoordinator()) {
      await this.store.loadEvidence();
      this.chosenThemes.set(this.shell.lab()?.themes.slice(0, 2) ?? []);
    }
  }

  protected toggle(list: ReturnType<typeof signal<string[]>>, value: string): void {
    list.update((l) => (l.includes(value) ? l.filter((x) => x !== value) : [...l, value]));
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    this.problem.set(null);
    try {
      const saved = await this.store.create({
        title: v.title,
        body: v.body,
        type: v.type as Schemas['CreateLearningDto']['type'],
        themes: this.chosenThemes(),
        ...(v.transferConditions.trim() ? { transferConditions: v.transferConditions } : {}),
        evidence: this.chosenEvidence().map((key) => ({
          kind: key.split(':')[0] as Schemas['EvidenceRefDto']['kind'],
          id: Number(key.split(':')[1]),
        })),
      });
      await this.router.navigate(['/bibliotheek/les', saved.id]);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
