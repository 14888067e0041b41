import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { attempt, CreatedInvitation, LabRole, Problem, Round, Schemas } from '../../../core/api/api';
import { LocalDatePipe } from '../../../core/i18n/local-date.pipe';
import { CopyLinkComponent } from '../../../shared/ui/copy-link.component';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';
import { ExperimentsStore } from '../../labs/experiments.store';
import { FOLLOW_UP_FIELDS, ROUND_FIELDS } from '../field-names';
import { RoundsStore } from '../rounds.store';

/** A follow-up as it is being written; the coordinator adds it and starts a new one. */
export interface FollowUpDraft {
  kind: string;
  text: string;
  /** The cycle a decision is for ('' for none). */
  iterationId: string;
}

/** Today in the Netherlands (YYYY-MM-DD): the earliest last day a round can get. */
export const dutchToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/** How long a round link can be used, in days (the API takes 1 to 60). */
export const LINK_DAYS = [1, 7, 14, 30];

/**
 * The coordinator's part of a round: who has not contributed yet, a link for a resident, who may contribute and
 * until when, closing and reopening it (each asked once more, with what follows), and what was done with it.
 */
@Component({
  selector: 'app-round-manage',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    FormsModule,
    RouterLink,
    TranslocoPipe,
    LocalDatePipe,
    CopyLinkComponent,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-manage.component.html',
})
export class RoundManageComponent {
  private readonly store = inject(RoundsStore);
  private readonly experiments = inject(ExperimentsStore);
  readonly round = input.required<Round>();
  protected readonly roundFields = ROUND_FIELDS;
  protected readonly followUpFields = FOLLOW_UP_FIELDS;
  protected readonly followUpKinds = ['decision', 'learning', 'action'];
  protected readonly roles: LabRole[] = ['resident', 'partner', 'observer', 'coordinator'];
  protected readonly linkDays = LINK_DAYS;
  protected readonly today = dutchToday();
  protected readonly problem = signal<Problem | null>(null);
  protected readonly followUpProblem = signal<Problem | null>(null);
  protected readonly created = signal<CreatedInvitation | null>(null);
  protected readonly saved = signal(false);
  protected readonly outstanding = signal<Schemas['RoundOutstandingDto'] | null>(null);
  /** Closing and reopening are asked once more, with what follows from them, before they happen. */
  protected readonly confirmingClose = signal(false);
  protected readonly confirmingReopen = signal(false);
  protected linkDaysChosen = 7;
  protected followUp: FollowUpDraft = { kind: 'decision', text: '', iterationId: '' };
  protected settings: { roles: LabRole[]; deadline: string } = { roles: [], deadline: '' };
  protected reopenDeadline = '';
  /** The cycles a decision can be for: the lab's, latest first, each with its experiment. */
  protected readonly cycles = computed(() => {
    const titles = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    return [...this.experiments.iterations()]
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.id - a.id)
      .map((i) => ({ id: i.id, number: i.number, experiment: titles.get(i.experimentId) ?? '' }));
  });

  constructor() {
    void this.experiments.load();
    effect(() => {
      const round = this.round();
      untracked(() => {
        this.settings = { roles: [...round.contributorRoles] as LabRole[], deadline: round.deadline ?? '' };
        void this.loadAside(round.id);
      });
    });
    effect(() => {
      const current = this.experiments.currentIteration();
      if (current && !this.followUp.iterationId) this.followUp = { ...this.followUp, iterationId: String(current.id) };
    });
  }

  /** Who is missing: beside the round, so a failure only leaves it out. */
  private async loadAside(id: number): Promise<void> {
    this.outstanding.set(await this.store.outstanding(id).catch(() => null));
  }

  protected toggleRole(role: LabRole): void {
    const roles = this.settings.roles;
    this.settings = {
      ...this.settings,
      roles: roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role],
    };
  }

  protected async invite(): Promise<void> {
    this.created.set(null);
    await attempt(this.problem, async () =>
      this.created.set(await this.store.invite(this.round().id, Number(this.linkDaysChosen))),
    );
    void this.loadAside(this.round().id);
  }

  protected async saveSettings(): Promise<void> {
    const round = this.round();
    this.saved.set(false);
    const ok = await attempt(
      this.problem,
      () =>
        this.store.update(round.id, {
          version: round.version,
          contributorRoles: this.settings.roles,
          deadline: this.settings.deadline || null,
        }),
      () => this.store.load(round.id),
    );
    this.saved.set(ok);
  }

  protected async close(): Promise<void> {
    this.confirmingClose.set(false);
    const round = this.round();
    await attempt(this.problem, () => this.store.close(round.id, round.version));
  }

  protected async reopen(): Promise<void> {
    const round = this.round();
    const ok = await attempt(this.problem, () =>
      this.store.reopen(round.id, {
        version: round.version,
        ...(this.reopenDeadline ? { deadline: this.reopenDeadline } : {}),
      }),
    );
    if (ok) this.confirmingReopen.set(false);
  }

  protected async addFollowUp(): Promise<void> {
    if (!this.followUp.text.trim()) return;
    const { kind, text, iterationId } = this.followUp;
    const ok = await attempt(this.followUpProblem, () =>
      this.store.addFollowUp(this.round().id, {
        kind: kind as Schemas['CreateFollowUpDto']['kind'],
        text,
        ...(kind === 'decision' && iterationId ? { iterationId: Number(iterationId) } : {}),
      }),
    );
    if (ok) this.followUp = { kind: 'decision', text: '', iterationId };
  }
}
