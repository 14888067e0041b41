import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RoundLinkLearningComponent } from './components/round-link-learning.component';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import { DOCUMENT } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Round, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from '../labs/lab.store';
import { RoundMaterialComponent } from './components/round-material.component';
import { RoundsStore } from './rounds.store';
import { ContributionDraft, RoundContributionComponent } from './components/round-contribution.component';
import { RoundFollowUpsComponent } from './components/round-follow-ups.component';
import { RoundManageComponent } from './components/round-manage.component';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';

/** One round: what it is about, the material, your contribution (plain language, phone first), and what came of it. */
@Component({
  selector: 'app-round-page',
  imports: [
    RoundMaterialComponent,
    RoundFollowUpsComponent,
    RoundContributionComponent,
    RoundManageComponent,
    RouterLink,
    TranslocoPipe,
    ProblemAlertComponent,
    LocalDatePipe,
    RoundLinkLearningComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round.page.html',
})
export class RoundPage {
  protected readonly store = inject(RoundsStore);
  protected readonly lab = inject(LabStore);
  protected readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  /** "#meedoen": arriving to take part (from an invitation), the page starts at the round, past the lab's header. */
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);
  /** The :roundId route parameter. */
  readonly roundId = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The lab's learnings made from this round, shown with what was done with it. */
  protected readonly learnings = signal<Schemas['RoundLearningDto'][]>([]);
  protected draft: ContributionDraft = {
    stakeholderGroup: 'resident',
    showName: false,
    scores: {},
    answers: [],
    nominatedObservationId: null,
    nominationReason: '',
  };

  protected readonly stories = computed(() =>
    (this.store.round()?.material ?? []).filter((m) => m.kind === 'story' && m.storyText),
  );

  /** The folded "what is it about" in one short line: the experiments and cycles it looks back on. */
  protected readonly aboutLine = computed(() => {
    const iterations = this.store.round()?.iterations ?? [];
    const byExperiment = new Map<string, number[]>();
    for (const i of iterations)
      byExperiment.set(i.experimentTitle, [...(byExperiment.get(i.experimentTitle) ?? []), i.number]);
    return [...byExperiment].map(([title, numbers]) => ({ title, cycles: numbers.join(', '), count: numbers.length }));
  });

  constructor() {
    effect(() => {
      const id = Number(this.roundId());
      untracked(() => {
        void this.store.load(id).then((round) => {
          if (!round) return;
          this.fill(round);
          if (this.fragment() === 'meedoen')
            afterNextRender(() => this.document.getElementById('meedoen')?.scrollIntoView({ block: 'start' }), {
              injector: this.injector,
            });
        });
        this.reloadLearnings(id);
      });
    });
  }

  protected reloadLearnings(id: number): void {
    void this.store
      .learnings(id)
      .then((items) => this.learnings.set(items))
      .catch(() => this.learnings.set([]));
  }

  /** Starts from the caller's earlier contribution, so coming back means changing, not starting over. */
  private fill(round: Round): void {
    const mine = round.myContribution;
    const role = this.lab.role();
    this.draft = {
      stakeholderGroup:
        mine?.stakeholderGroup ??
        (role === 'partner'
          ? 'partner'
          : role === 'observer'
            ? 'municipality'
            : role === 'coordinator'
              ? 'professional'
              : 'resident'),
      showName: mine?.showName ?? false,
      scores: Object.fromEntries((mine?.appreciations ?? []).map((a) => [a.dimension, a.score])),
      answers: round.prompts.map((_, i) => mine?.answers.find((a) => a.prompt === i)?.text ?? ''),
      nominatedObservationId: mine?.nominatedObservationId ?? null,
      nominationReason: mine?.nominationReason ?? '',
    };
  }

  protected async submit(round: Round): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.saved.set(false);
    try {
      await this.store.contribute(round.id, {
        stakeholderGroup: this.draft.stakeholderGroup as Schemas['ContributeDto']['stakeholderGroup'],
        showName: this.draft.showName,
        appreciations: round.dimensions
          .filter((d) => this.draft.scores[d] !== undefined)
          .map((d) => ({ dimension: d, score: this.draft.scores[d] === null ? null : Number(this.draft.scores[d]) })),
        answers: this.draft.answers.map((text, prompt) => ({ prompt, text })).filter((a) => a.text.trim()),
        nominatedObservationId: this.draft.nominatedObservationId ? Number(this.draft.nominatedObservationId) : null,
        ...(this.draft.nominationReason.trim() ? { nominationReason: this.draft.nominationReason } : {}),
      });
      this.saved.set(true);
    } catch (error) {
      this.problem.set(problemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
