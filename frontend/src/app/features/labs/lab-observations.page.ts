import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Observation, Problem, problemOf } from '../../core/api/api';
import { EditSession } from '../../shared/ui/edit-session';
import { ObservationFieldsComponent, type Choice } from './components/observation-fields.component';
import {
  observationBody,
  observationChanges,
  observationForm,
  observationValues,
  today,
} from './components/observation-form';
import { HypothesesStore } from './hypotheses.store';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { ObservationItemComponent } from './components/observation-item.component';
import { LabStore } from './lab.store';
import { ParticipantsStore } from './participants.store';
import { ObservationsStore } from './observations.store';
import { ExperimentsStore } from './experiments.store';
import { PagerComponent } from '../../shared/ui/pager.component';
import { SearchFormComponent } from '../../shared/ui/search-form.component';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { formatDate } from '../../core/i18n/format';
import { LanguageService } from '../../core/i18n/language.service';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { OBSERVATION_FIELDS } from './field-names';
import { DialogueOriginComponent } from '../dialogues/dialogue-origin.component';

const PAGE = 20;
/** The calendar day before an ISO date (YYYY-MM-DD), computed in UTC so no time zone shifts it. */
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Measures and stories: quick entry for the current iteration (works on a phone), and a filtered, searchable list. */
@Component({
  selector: 'app-lab-observations-page',
  imports: [
    DialogueOriginComponent,
    FormFieldComponent,
    FieldControlDirective,
    LocalDatePipe,
    ObservationFieldsComponent,
    ObservationItemComponent,
    SearchFormComponent,
    PagerComponent,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .lab-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.5rem;
    }
    .lab-inline-ok {
      display: inline-block;
      margin: 0;
      padding: 0.5rem 0.75rem;
    }
    @media (max-width: 40rem) {
      .lab-quick {
        padding: 0.75rem;
      }
    }
  `,
  templateUrl: './lab-observations.page.html',
})
export class LabObservationsPage {
  protected readonly fields = OBSERVATION_FIELDS;
  protected readonly shell = inject(LabStore);
  private readonly language = inject(LanguageService);
  protected readonly experiments = inject(ExperimentsStore);
  protected readonly participants = inject(ParticipantsStore);
  protected readonly store = inject(ObservationsStore);
  private readonly hypothesesStore = inject(HypothesesStore);
  protected readonly page = PAGE;
  /** Editing an observation in the list: its edit button is `#oe-<id>`, its form `#oe-<id>-form`. */
  protected readonly edit = new EditSession(inject(Injector), 'oe');
  protected readonly editForm = observationForm();
  private readonly injector = inject(Injector);
  protected readonly offset = signal(0);
  /**
   * Where each visited page starts (a cursor from the page before it): pages load as fast at the end as at the start.
   */
  private cursors: (string | undefined)[] = [undefined];
  protected readonly saved = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The observation whose deletion waits for a second click, the result of the last deletion. */
  protected readonly deleted = signal(false);
  protected readonly deleteProblem = signal<Problem | null>(null);
  protected readonly dimensions = computed(() => this.shell.lab()?.valueDimensions ?? []);
  protected readonly currentPage = computed(() => this.offset() / PAGE + 1);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.store.observations()?.total ?? 0) / PAGE)));
  protected readonly quotable = computed((): Choice[] =>
    this.participants
      .participants()
      .filter((p) => p.consent.quote)
      .map((p) => ({ id: p.id, label: p.pseudonym })),
  );
  protected readonly indicatorOptions = computed((): Choice[] =>
    this.store.indicators().map((i) => ({ id: i.id, label: `${i.name} (${i.unit})` })),
  );
  /** The hypotheses an observation may speak to, named by their first words; replaced ones are left out. */
  protected readonly hypothesisOptions = computed((): Choice[] =>
    this.hypothesesStore
      .hypotheses()
      .filter((h) => !h.replacedById)
      .map((h) => ({ id: h.id, label: `${h.ifWe.length > 70 ? h.ifWe.slice(0, 69) + '…' : h.ifWe}` })),
  );
  /** Every hypothesis by id, also replaced ones, to name those an observation was linked to. */
  protected readonly hypothesisNames = computed(
    () => new Map(this.hypothesesStore.hypotheses().map((h) => [h.id, h.ifWe] as [number, string])),
  );
  protected readonly iterationOptions = computed(() => {
    const experiments = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    const several = experiments.size > 1;
    const lang = this.language.current();
    return this.experiments.iterations().map((i) => ({
      id: i.id,
      label: `${several ? `${experiments.get(i.experimentId)} – ` : ''}#${i.number} (${formatDate(i.startsOn, lang)})`,
    }));
  });

  /**
   * The chosen cycle's period: its start day to its end day; without an end, to the day before the experiment's
   * next cycle starts, and open while it is the last one.
   */
  private readonly cycleOf = (id: string): { startsOn: string; endsOn: string | null } | null => {
    const all = this.experiments.iterations();
    const cycle = all.find((i) => String(i.id) === id);
    if (!cycle) return null;
    if (cycle.endsOn) return { startsOn: cycle.startsOn, endsOn: cycle.endsOn };
    const next = all
      .filter((i) => i.experimentId === cycle.experimentId && i.startsOn > cycle.startsOn)
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
    return { startsOn: cycle.startsOn, endsOn: next ? dayBefore(next.startsOn) : null };
  };
  protected readonly observedOn = signal(today());
  protected readonly cycleId = signal('');
  /** A date outside the chosen cycle's period is allowed but named, so a measure lands where it belongs. */
  protected readonly outsideCycle = computed(() => {
    const cycle = this.cycleOf(this.cycleId());
    const day = this.observedOn();
    if (!cycle || !day) return null;
    const end = cycle.endsOn;
    if (day >= cycle.startsOn && (!end || day <= end)) return null;
    const lang = this.language.current();
    return { start: formatDate(cycle.startsOn, lang), end: end ? formatDate(end, lang) : null };
  });

  protected readonly form = observationForm();
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl('', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    dimension: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.form.controls.observedOn.valueChanges.subscribe((d) => this.observedOn.set(d));
    // Choosing a cycle moves the date into its period (its first day) unless the date already lies in it.
    this.form.controls.iterationId.valueChanges.subscribe((id) => {
      this.cycleId.set(id);
      const cycle = this.cycleOf(id);
      if (!cycle) return;
      const day = this.form.controls.observedOn.value;
      if (!(day >= cycle.startsOn && (!cycle.endsOn || day <= cycle.endsOn)))
        this.form.controls.observedOn.setValue(cycle.startsOn);
    });
    effect(() => {
      if (!this.shell.labId()) return;
      void this.experiments.load();
      void this.store.loadIndicators();
      void this.hypothesesStore.load();
      if (this.shell.isTeam()) void this.participants.load();
    });
    effect(() => {
      if (this.shell.labId()) void this.store.load(this.listQuery());
    });
    effect(() => {
      const current = this.experiments.currentIteration();
      if (current && !this.form.controls.iterationId.value) this.form.controls.iterationId.setValue(String(current.id));
      const indicator = this.store.indicators()[0];
      if (indicator && !this.form.controls.indicatorId.value)
        this.form.controls.indicatorId.setValue(String(indicator.id));
    });
  }

  /** The list's current page with the filters as they are: where it starts is the cursor kept for that page. */
  private listQuery() {
    return { ...this.filters.getRawValue(), limit: PAGE, cursor: this.cursors[this.offset() / PAGE] };
  }

  protected search(): void {
    this.cursors = [undefined];
    if (this.offset() === 0) void this.store.load(this.listQuery());
    else this.offset.set(0);
  }

  protected move(direction: number): void {
    const page = this.offset() / PAGE;
    if (direction > 0) {
      const next = this.store.observations()?.nextCursor;
      if (!next) return;
      this.cursors[page + 1] = next;
    }
    this.offset.set(Math.max(0, page + direction) * PAGE);
  }

  /**
   * Deletes after the second click (the lab's history keeps it), reloads the page of the list and puts focus on its
   * heading.
   */
  protected async remove(id: number): Promise<void> {
    this.deleted.set(false);
    this.deleteProblem.set(null);
    try {
      await this.store.delete(id);
      this.deleted.set(true);
    } catch (error) {
      this.deleteProblem.set(problemOf(error));
    }
    await this.store.load(this.listQuery());
    document.getElementById('list')?.focus();
  }

  protected async save(): Promise<void> {
    this.problem.set(null);
    this.saved.set(false);
    try {
      await this.store.create(observationBody(this.form));
      this.saved.set(true);
      this.form.patchValue({ storyText: '', value: null, contextNote: '', participantId: '', dimensions: [] });
      this.search();
      // The confirmation sits beside the button: keep it in view (a phone's keyboard may have scrolled the page).
      afterNextRender(() => document.getElementById('o-saved')?.scrollIntoView({ block: 'nearest' }), {
        injector: this.injector,
      });
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }

  protected startEdit(o: Observation): void {
    this.editForm.reset(observationValues(o));
    this.edit.open(o);
  }

  /** Saves an edit; a stale version reloads the page of the list, so the item above the form shows what is saved. */
  protected async saveEdit(o: Observation): Promise<void> {
    await this.edit.save(
      async (version) => {
        await this.store.update(o.id, observationChanges(this.editForm, version, o.withheld));
        await this.store.load(this.listQuery());
      },
      () => this.store.load(this.listQuery()),
    );
  }
}
