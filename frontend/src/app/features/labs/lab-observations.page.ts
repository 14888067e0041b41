import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Problem, problemOf, Schemas } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ParticipantsStore } from './participants.store';
import { ObservationsStore } from './observations.store';
import { ExperimentsStore } from './experiments.store';

const PAGE = 20;
const PERSPECTIVES = ['resident', 'volunteer', 'professional', 'partner', 'municipality', 'child', 'other'];
const AUDIENCES = ['lab', 'municipality', 'public'];
const SELF_RELIANCE = ['self', 'together', 'professional'];
const today = () => new Date().toISOString().slice(0, 10);

/** Measures and stories: quick entry for the current iteration (works on a phone), and a filtered, searchable list. */
@Component({
  selector: 'app-lab-observations-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .lab-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.5rem;
    }
  `,
  template: `
    <h2 class="utrecht-heading-2">{{ 'observations.title' | transloco }}</h2>
    <p class="lab-muted">{{ 'observations.lead' | transloco }}</p>

    @if (shell.isTeam()) {
      <section class="lab-panel" aria-labelledby="quick">
        <h3 class="utrecht-heading-3" id="quick">{{ 'observations.quick' | transloco }}</h3>
        @if (problem(); as p) {
          <app-problem-alert [problem]="p" />
        }
        @if (saved()) {
          <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'observations.saved' | transloco }}</p>
        }
        <form class="lab-form" [formGroup]="form" (ngSubmit)="save()">
          <fieldset class="lab-fieldset">
            <legend>{{ 'observations.kind' | transloco }}</legend>
            <div class="lab-checks">
              <label
                ><input type="radio" formControlName="kind" value="story" />
                {{ 'observations.story' | transloco }}</label
              >
              <label
                ><input type="radio" formControlName="kind" value="measure" />
                {{ 'observations.measure' | transloco }}</label
              >
            </div>
          </fieldset>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="o-iteration">{{ 'observations.iteration' | transloco }}</label>
            <select class="utrecht-select" id="o-iteration" formControlName="iterationId">
              <option value="">–</option>
              @for (i of iterationOptions(); track i.id) {
                <option [value]="i.id">{{ i.label }}</option>
              }
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="o-date">{{ 'observations.date' | transloco }}</label>
            <input class="utrecht-textbox" id="o-date" type="date" formControlName="observedOn" required />
          </div>
          @if (kind() === 'story') {
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-text">{{ 'observations.storyText' | transloco }}</label>
              <textarea class="utrecht-textarea" id="o-text" rows="4" formControlName="storyText" required></textarea>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-perspective">{{ 'observations.perspective' | transloco }}</label>
              <select class="utrecht-select" id="o-perspective" formControlName="perspective">
                @for (p of perspectives; track p) {
                  <option [value]="p">{{ 'perspective.' + p | transloco }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-participant">{{ 'observations.participant' | transloco }}</label>
              <p class="utrecht-form-field-description" id="o-participant-hint">
                {{ 'observations.participantHint' | transloco }}
              </p>
              <select
                class="utrecht-select"
                id="o-participant"
                formControlName="participantId"
                aria-describedby="o-participant-hint"
              >
                <option value="">{{ 'observations.nobody' | transloco }}</option>
                @for (p of quotable(); track p.id) {
                  <option [value]="p.id">{{ p.pseudonym }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-audience">{{ 'observations.audience' | transloco }}</label>
              <select class="utrecht-select" id="o-audience" formControlName="audience">
                @for (a of audiences; track a) {
                  <option [value]="a">{{ 'audience.' + a | transloco }}</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-self">{{ 'observations.selfReliance' | transloco }}</label>
              <select class="utrecht-select" id="o-self" formControlName="selfReliance">
                <option value="">{{ 'observations.notSaid' | transloco }}</option>
                @for (s of selfReliance; track s) {
                  <option [value]="s">{{ 'selfReliance.' + s | transloco }}</option>
                }
              </select>
            </div>
          } @else {
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-indicator">{{ 'observations.indicator' | transloco }}</label>
              <select class="utrecht-select" id="o-indicator" formControlName="indicatorId">
                @for (i of store.indicators(); track i.id) {
                  <option [value]="i.id">{{ i.name }} ({{ i.unit }})</option>
                }
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-value">{{ 'observations.value' | transloco }}</label>
              <input
                class="utrecht-textbox"
                id="o-value"
                type="number"
                inputmode="decimal"
                step="any"
                formControlName="value"
              />
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="o-context">{{ 'observations.contextNote' | transloco }}</label>
              <p class="utrecht-form-field-description" id="o-context-hint">
                {{ 'observations.contextHint' | transloco }}
              </p>
              <textarea
                class="utrecht-textarea"
                id="o-context"
                rows="2"
                formControlName="contextNote"
                aria-describedby="o-context-hint"
              ></textarea>
            </div>
          }
          <fieldset class="lab-fieldset">
            <legend>{{ 'observations.dimensions' | transloco }}</legend>
            <div class="lab-checks">
              @for (d of dimensions(); track d) {
                <label
                  ><input type="checkbox" [checked]="chosen().includes(d)" (change)="toggle(d)" />
                  {{ 'dimension.' + d | transloco }}</label
                >
              }
            </div>
          </fieldset>
          <div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {{ 'common.save' | transloco }}
            </button>
          </div>
        </form>
      </section>
    }

    <section aria-labelledby="list">
      <h3 class="utrecht-heading-3" id="list" tabindex="-1">{{ 'observations.list' | transloco }}</h3>
      @if (deleted()) {
        <p class="utrecht-alert utrecht-alert--ok" role="status">{{ 'observations.deleted' | transloco }}</p>
      }
      @if (deleteProblem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      <form class="lab-filters" [formGroup]="filters" (ngSubmit)="search()" role="search">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-q">{{ 'observations.searchStories' | transloco }}</label>
          <input class="utrecht-textbox" id="f-q" type="search" formControlName="q" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-kind">{{ 'observations.kind' | transloco }}</label>
          <select class="utrecht-select" id="f-kind" formControlName="kind">
            <option value="">{{ 'observations.all' | transloco }}</option>
            <option value="story">{{ 'observations.stories' | transloco }}</option>
            <option value="measure">{{ 'observations.measures' | transloco }}</option>
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-iteration">{{ 'observations.iteration' | transloco }}</label>
          <select class="utrecht-select" id="f-iteration" formControlName="iterationId">
            <option value="">{{ 'observations.all' | transloco }}</option>
            @for (i of iterationOptions(); track i.id) {
              <option [value]="i.id">{{ i.label }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-dimension">{{ 'observations.dimension' | transloco }}</label>
          <select class="utrecht-select" id="f-dimension" formControlName="dimension">
            <option value="">{{ 'observations.all' | transloco }}</option>
            @for (d of dimensions(); track d) {
              <option [value]="d">{{ 'dimension.' + d | transloco }}</option>
            }
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-from">{{ 'observations.from' | transloco }}</label>
          <input class="utrecht-textbox" id="f-from" type="date" formControlName="from" />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="f-to">{{ 'observations.to' | transloco }}</label>
          <input class="utrecht-textbox" id="f-to" type="date" formControlName="to" />
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {{ 'labs.filter' | transloco }}
        </button>
      </form>
      <div aria-live="polite">
        @if (store.observations(); as list) {
          <p>{{ 'observations.found' | transloco: { count: list.total } }}</p>
          <ul class="lab-stack" style="list-style: none; padding: 0">
            @for (o of list.items; track o.id) {
              <li class="lab-item">
                <p class="lab-item__meta">
                  {{ o.observedOn }}
                  @if (o.iterationNumber) {
                    · {{ 'experiments.iteration' | transloco: { n: o.iterationNumber } }}
                  }
                  @if (o.kind === 'story') {
                    · {{ 'perspective.' + o.perspective | transloco }} · {{ 'audience.' + o.audience | transloco }}
                  }
                  @if (o.participantPseudonym) {
                    · {{ o.participantPseudonym }}
                  }
                </p>
                @if (o.kind === 'story') {
                  @if (o.withheld) {
                    <p>
                      <em>{{ 'observations.withheld' | transloco }}</em>
                    </p>
                  } @else {
                    <blockquote class="lab-story">{{ o.storyText }}</blockquote>
                  }
                  @if (o.selfReliance) {
                    <p class="lab-item__meta">
                      {{ 'observations.changeCame' | transloco }}: {{ 'selfReliance.' + o.selfReliance | transloco }}
                    </p>
                  }
                } @else {
                  <p>
                    <strong>{{ o.indicatorName }}: {{ o.value }} {{ o.unit }}</strong>
                  </p>
                  @if (o.contextNote) {
                    <p>{{ o.contextNote }}</p>
                  }
                  @if (o.needsStory) {
                    <p class="lab-notice">{{ 'observations.needsStory' | transloco }}</p>
                  }
                }
                @if (o.dimensions.length) {
                  <ul class="lab-badges">
                    @for (d of o.dimensions; track d) {
                      <li class="lab-badge">{{ 'dimension.' + d | transloco }}</li>
                    }
                  </ul>
                }
                @if (shell.isTeam()) {
                  <div class="lab-actions">
                    @if (confirmDelete() === o.id) {
                      <span role="alert">{{ 'observations.deleteSure' | transloco }}</span>
                      <button
                        class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
                        type="button"
                        (click)="remove(o.id)"
                      >
                        {{ 'observations.deleteYes' | transloco }}
                      </button>
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmDelete.set(null)"
                      >
                        {{ 'common.cancel' | transloco }}
                      </button>
                    } @else {
                      <button
                        class="utrecht-button utrecht-button--subtle"
                        type="button"
                        (click)="confirmDelete.set(o.id)"
                      >
                        {{ 'observations.delete' | transloco
                        }}<span class="visually-hidden">
                          ({{ o.observedOn }},
                          {{ o.kind === 'story' ? ('observations.story' | transloco) : o.indicatorName }})</span
                        >
                      </button>
                    }
                  </div>
                }
              </li>
            }
          </ul>
          @if (list.total > page) {
            <nav class="lab-pager" [attr.aria-label]="'labs.pages' | transloco">
              <button
                class="utrecht-button utrecht-button--secondary-action"
                type="button"
                [disabled]="offset() === 0"
                (click)="move(-1)"
              >
                {{ 'labs.previous' | transloco }}
              </button>
              <span>{{ 'labs.pageOf' | transloco: { page: offset() / page + 1, pages: pages() } }}</span>
              <button
                class="utrecht-button utrecht-button--secondary-action"
                type="button"
                [disabled]="!list.nextCursor"
                (click)="move(1)"
              >
                {{ 'labs.next' | transloco }}
              </button>
            </nav>
          }
        }
      </div>
    </section>
  `,
})
export class LabObservationsPage {
  protected readonly shell = inject(LabStore);
  protected readonly experiments = inject(ExperimentsStore);
  protected readonly participants = inject(ParticipantsStore);
  protected readonly store = inject(ObservationsStore);
  protected readonly page = PAGE;
  protected readonly perspectives = PERSPECTIVES;
  protected readonly audiences = AUDIENCES;
  protected readonly selfReliance = SELF_RELIANCE;
  protected readonly offset = signal(0);
  /** Where each visited page starts (a cursor from the page before it): pages load as fast at the end as at the start. */
  private cursors: (string | undefined)[] = [undefined];
  protected readonly chosen = signal<string[]>([]);
  protected readonly saved = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** The observation whose deletion waits for a second click, the result of the last deletion. */
  protected readonly confirmDelete = signal<number | null>(null);
  protected readonly deleted = signal(false);
  protected readonly deleteProblem = signal<Problem | null>(null);
  protected readonly kind = signal<'story' | 'measure'>('story');
  protected readonly dimensions = computed(() => this.shell.lab()?.valueDimensions ?? []);
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.store.observations()?.total ?? 0) / PAGE)));
  protected readonly quotable = computed(() => this.participants.participants().filter((p) => p.consent.quote));
  protected readonly iterationOptions = computed(() => {
    const experiments = new Map(this.experiments.experiments().map((e) => [e.id, e.title]));
    const several = experiments.size > 1;
    return this.experiments.iterations().map((i) => ({
      id: i.id,
      label: `${several ? `${experiments.get(i.experimentId)} – ` : ''}#${i.number} (${i.startsOn})`,
    }));
  });

  protected readonly form = new FormGroup({
    kind: new FormControl<'story' | 'measure'>('story', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    observedOn: new FormControl(today(), { nonNullable: true }),
    storyText: new FormControl('', { nonNullable: true }),
    perspective: new FormControl('resident', { nonNullable: true }),
    participantId: new FormControl('', { nonNullable: true }),
    audience: new FormControl('lab', { nonNullable: true }),
    selfReliance: new FormControl('', { nonNullable: true }),
    indicatorId: new FormControl('', { nonNullable: true }),
    value: new FormControl<number | null>(null),
    contextNote: new FormControl('', { nonNullable: true }),
  });
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl('', { nonNullable: true }),
    iterationId: new FormControl('', { nonNullable: true }),
    dimension: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.form.controls.kind.valueChanges.subscribe((k) => this.kind.set(k));
    effect(() => {
      if (!this.shell.labId()) return;
      void this.experiments.load();
      void this.store.loadIndicators();
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

  protected toggle(dimension: string): void {
    this.chosen.update((list) =>
      list.includes(dimension) ? list.filter((d) => d !== dimension) : [...list, dimension],
    );
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

  /** Deletes after the second click (the lab's history keeps it), reloads the page of the list and puts focus on its heading. */
  protected async remove(id: number): Promise<void> {
    this.deleted.set(false);
    this.deleteProblem.set(null);
    try {
      await this.store.delete(id);
      this.deleted.set(true);
    } catch (error) {
      this.deleteProblem.set(problemOf(error));
    }
    this.confirmDelete.set(null);
    await this.store.load(this.listQuery());
    document.getElementById('list')?.focus();
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    this.problem.set(null);
    this.saved.set(false);
    const common = {
      kind: v.kind,
      observedOn: v.observedOn,
      dimensions: this.chosen(),
      ...(v.iterationId ? { iterationId: Number(v.iterationId) } : {}),
    };
    type Body = Schemas['CreateObservationDto'];
    const body: Body =
      v.kind === 'story'
        ? {
            ...common,
            storyText: v.storyText,
            perspective: v.perspective as Body['perspective'],
            audience: v.audience as Body['audience'],
            ...(v.participantId ? { participantId: Number(v.participantId) } : {}),
            ...(v.selfReliance ? { selfReliance: v.selfReliance as Body['selfReliance'] } : {}),
          }
        : {
            ...common,
            ...(v.indicatorId ? { indicatorId: Number(v.indicatorId) } : {}),
            ...(v.value !== null ? { value: Number(v.value) } : {}),
            ...(v.contextNote.trim() ? { contextNote: v.contextNote } : {}),
          };
    try {
      await this.store.create(body);
      this.saved.set(true);
      this.form.patchValue({ storyText: '', value: null, contextNote: '', participantId: '' });
      this.chosen.set([]);
      this.search();
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
