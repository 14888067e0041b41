import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Round, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ExperimentsStore } from '../labs/experiments.store';
import { LabStore } from '../labs/lab.store';
import { RoundsStore } from './rounds.store';

const GROUPS = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'other'];
const STEPS = [1, 2, 3, 4, 5];

interface Draft {
  stakeholderGroup: string;
  showName: boolean;
  scores: Record<string, number | null | undefined>;
  answers: string[];
  nominatedObservationId: number | null;
  nominationReason: string;
}

/** One round: what it is about, the material, your contribution (plain language, phone first), and what came of it. */
@Component({
  selector: 'app-round-page',
  imports: [FormsModule, RouterLink, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.round(); as round) {
      <h2 class="utrecht-heading-2">{{ round.title }}</h2>
      <p class="lab-item__meta">
        {{ round.periodStart }} – {{ round.periodEnd }} · {{ 'rounds.status.' + round.status | transloco }} ·
        {{ 'rounds.contributions' | transloco: { count: round.contributionCount } }}
      </p>

      @if (round.followUps.length) {
        <section class="lab-panel" aria-labelledby="done">
          <h3 class="utrecht-heading-3" id="done">{{ 'round.whatWasDone' | transloco }}</h3>
          <ul class="utrecht-unordered-list">
            @for (f of round.followUps; track f.id) {
              <li>
                <strong>{{ 'followUp.' + f.kind | transloco }}:</strong> {{ f.text }}
                @if (f.iterationNumber) {
                  ({{ 'experiments.iteration' | transloco: { n: f.iterationNumber } }})
                }
              </li>
            }
          </ul>
        </section>
      }

      @if (round.canSeeResults) {
        <p>
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            [routerLink]="['/labs', round.labId, 'rondes', round.id, 'resultaten']"
            >{{ 'round.seeResults' | transloco }}</a
          >
        </p>
      }

      @if (round.canContribute) {
        <section aria-labelledby="contribute">
          <h3 class="utrecht-heading-3" id="contribute">{{ 'round.contributeTitle' | transloco }}</h3>
          <p>{{ 'round.contributeLead' | transloco }}</p>
          @if (saved()) {
            <div class="utrecht-alert utrecht-alert--ok" role="status">
              <p>{{ 'round.thanks' | transloco }}</p>
            </div>
          }
          @if (problem(); as p) {
            <app-problem-alert [problem]="p" />
          }
          <form class="lab-form" (ngSubmit)="submit(round)">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="c-group">{{ 'round.group' | transloco }}</label>
              <select class="utrecht-select" id="c-group" name="group" [(ngModel)]="draft.stakeholderGroup">
                @for (g of groups; track g) {
                  <option [value]="g">{{ 'group.' + g | transloco }}</option>
                }
              </select>
            </div>
            @for (d of round.dimensions; track d) {
              <fieldset class="lab-fieldset">
                <legend>{{ 'round.howMuch' | transloco: { dimension: ('dimension.' + d | transloco) } }}</legend>
                <div class="lab-checks">
                  @for (step of steps; track step) {
                    <label
                      ><input type="radio" [name]="'score-' + d" [value]="step" [(ngModel)]="draft.scores[d]" />
                      {{ 'scale.' + step | transloco }}</label
                    >
                  }
                  <label
                    ><input type="radio" [name]="'score-' + d" [value]="null" [(ngModel)]="draft.scores[d]" />
                    {{ 'scale.dontKnow' | transloco }}</label
                  >
                </div>
              </fieldset>
            }
            @for (prompt of round.prompts; track $index; let i = $index) {
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" [for]="'c-answer-' + i">{{ prompt }}</label>
                <textarea
                  class="utrecht-textarea"
                  rows="2"
                  [id]="'c-answer-' + i"
                  [name]="'answer-' + i"
                  [(ngModel)]="draft.answers[i]"
                ></textarea>
              </div>
            }
            @if (stories().length) {
              <fieldset class="lab-fieldset">
                <legend>{{ 'round.nominate' | transloco }}</legend>
                <div class="lab-stack">
                  @for (s of stories(); track s.id) {
                    <label
                      ><input
                        type="radio"
                        name="nomination"
                        [value]="s.id"
                        [(ngModel)]="draft.nominatedObservationId"
                      />
                      “{{ s.storyText }}”</label
                    >
                  }
                  <label
                    ><input type="radio" name="nomination" [value]="null" [(ngModel)]="draft.nominatedObservationId" />
                    {{ 'round.noNomination' | transloco }}</label
                  >
                </div>
              </fieldset>
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="c-why">{{ 'round.why' | transloco }}</label>
                <textarea
                  class="utrecht-textarea"
                  rows="2"
                  id="c-why"
                  name="why"
                  [(ngModel)]="draft.nominationReason"
                ></textarea>
              </div>
            }
            <label class="lab-checks"
              ><input type="checkbox" name="showName" [(ngModel)]="draft.showName" />
              {{ 'round.showName' | transloco: { name: auth.user()?.displayName ?? '' } }}</label
            >
            <div>
              <button class="utrecht-button utrecht-button--primary-action" type="submit" [disabled]="busy()">
                {{ (round.myContribution ? 'round.update' : 'round.send') | transloco }}
              </button>
            </div>
          </form>
        </section>
      } @else if (round.status === 'closed') {
        <p class="lab-notice">{{ 'round.closedNote' | transloco }}</p>
      }

      <section aria-labelledby="material">
        <h3 class="utrecht-heading-3" id="material">{{ 'round.material' | transloco }}</h3>
        @for (i of round.iterations; track i.id) {
          <article class="lab-item">
            <h4 class="utrecht-heading-3">
              {{ i.experimentTitle }} – {{ 'experiments.iteration' | transloco: { n: i.number } }}
            </h4>
            @if (i.act) {
              <p>
                <strong>{{ 'stage.act' | transloco }}:</strong> {{ i.act }}
              </p>
            }
            @if (i.observe) {
              <p>
                <strong>{{ 'stage.observe' | transloco }}:</strong> {{ i.observe }}
              </p>
            }
            @if (i.reflect) {
              <p>
                <strong>{{ 'stage.reflect' | transloco }}:</strong> {{ i.reflect }}
              </p>
            }
            @for (o of materialFor().get(i.id) ?? []; track o.id) {
              @if (o.kind === 'story') {
                <blockquote class="lab-story">{{ o.storyText }}</blockquote>
              } @else {
                <p>
                  {{ o.indicatorName }}: <strong>{{ o.value }} {{ o.unit }}</strong>
                  @if (o.contextNote) {
                    — {{ o.contextNote }}
                  }
                </p>
              }
            }
          </article>
        }
      </section>

      @if (lab.isCoordinator()) {
        <section class="lab-panel" aria-labelledby="manage">
          <h3 class="utrecht-heading-3" id="manage">{{ 'round.manage' | transloco }}</h3>
          @if (round.status === 'open') {
            <div class="lab-inline-form">
              <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="invite(round)">
                {{ 'round.inviteResident' | transloco }}
              </button>
              <button class="utrecht-button utrecht-button--primary-action" type="button" (click)="close(round)">
                {{ 'round.close' | transloco }}
              </button>
            </div>
            @if (link()) {
              <div class="lab-copy" role="status">
                <span>{{ 'invite.copyThis' | transloco }}</span> <code data-testid="round-link">{{ link() }}</code>
              </div>
            }
          }
          <form class="lab-form" (ngSubmit)="addFollowUp(round)">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="f-kind">{{ 'round.followUpKind' | transloco }}</label>
              <select class="utrecht-select" id="f-kind" name="fkind" [(ngModel)]="followUp.kind">
                @for (k of followUpKinds; track k) {
                  <option [value]="k">{{ 'followUp.' + k | transloco }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="f-text">{{ 'round.followUpText' | transloco }}</label>
              <textarea
                class="utrecht-textarea"
                rows="2"
                id="f-text"
                name="ftext"
                [(ngModel)]="followUp.text"
              ></textarea>
            </div>
            <div>
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {{ 'round.addFollowUp' | transloco }}
              </button>
            </div>
          </form>
          <p>
            <a
              class="utrecht-link"
              [routerLink]="['/labs', round.labId, 'lessen']"
              [queryParams]="{ ronde: round.id }"
              >{{ 'learnings.fromRound' | transloco }}</a
            >
          </p>
        </section>
      }
    } @else {
      <p aria-live="polite">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class RoundPage {
  protected readonly store = inject(RoundsStore);
  protected readonly lab = inject(LabStore);
  private readonly experiments = inject(ExperimentsStore);
  protected readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);
  /** The :roundId route parameter. */
  readonly roundId = input.required<string>();
  protected readonly groups = GROUPS;
  protected readonly steps = STEPS;
  protected readonly followUpKinds = ['decision', 'learning', 'action'];
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly link = signal('');
  protected draft: Draft = {
    stakeholderGroup: 'resident',
    showName: false,
    scores: {},
    answers: [],
    nominatedObservationId: null,
    nominationReason: '',
  };
  protected followUp = { kind: 'decision', text: '' };

  protected readonly stories = computed(() =>
    (this.store.round()?.material ?? []).filter((m) => m.kind === 'story' && m.storyText),
  );
  protected readonly materialFor = computed(() => {
    const map = new Map<number | null, Schemas['MaterialItemDto'][]>();
    for (const m of this.store.round()?.material ?? []) map.set(m.iterationId, [...(map.get(m.iterationId) ?? []), m]);
    return map;
  });

  constructor() {
    effect(() => {
      const id = Number(this.roundId());
      untracked(() => void this.store.load(id).then((round) => round && this.fill(round)));
    });
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

  protected async invite(round: Round): Promise<void> {
    const created = await this.store.invite(round.id);
    this.link.set(`${this.document.location.origin}${created.path}`);
  }

  protected async close(round: Round): Promise<void> {
    try {
      await this.store.close(round.id, round.version);
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }

  protected async addFollowUp(round: Round): Promise<void> {
    if (!this.followUp.text.trim()) return;
    const current = this.experiments.currentIteration();
    await this.store.addFollowUp(round.id, {
      kind: this.followUp.kind as Schemas['CreateFollowUpDto']['kind'],
      text: this.followUp.text,
      ...(this.followUp.kind === 'decision' && current ? { iterationId: current.id } : {}),
    });
    this.followUp = { kind: 'decision', text: '' };
  }
}
