import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ImportReport, Problem, problemOf } from '../../core/api/api';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { LabStore } from './lab.store';
import { ObservationsStore } from './observations.store';

const EXPORTS = [
  'experiments',
  'iterations',
  'hypotheses',
  'hypothesis_events',
  'indicators',
  'observations',
  'participants',
  'attendance',
];
const TEMPLATE =
  'kind;experiment;iteration;observed_on;indicator;value;context_note;story_text;perspective;audience;dimensions;self_reliance\n';

/** The lab's own indicators, CSV import with preview and report, and exports. */
@Component({
  selector: 'app-lab-data-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="indicators">
      <h2 class="utrecht-heading-2" id="indicators">{{ 'data.indicators' | transloco }}</h2>
      <p class="lab-muted">{{ 'data.indicatorsLead' | transloco }}</p>
      @if (store.indicators().length) {
        <ul class="utrecht-unordered-list">
          @for (i of store.indicators(); track i.id) {
            <li>
              <strong>{{ i.name }}</strong> ({{ i.unit }}) — {{ 'story.signalOf' | transloco: { what: i.signalOf } }} ·
              {{ 'data.measures' | transloco: { count: i.measureCount } }}
            </li>
          }
        </ul>
      }
      @if (indicatorProblem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      <form class="lab-inline-form" [formGroup]="indicatorForm" (ngSubmit)="addIndicator()">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="i-name">{{ 'data.indicatorName' | transloco }}</label>
          <input class="utrecht-textbox" id="i-name" formControlName="name" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="i-unit">{{ 'data.unit' | transloco }}</label>
          <input class="utrecht-textbox" id="i-unit" formControlName="unit" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="i-signal">{{ 'data.signalOf' | transloco }}</label>
          <input class="utrecht-textbox" id="i-signal" formControlName="signalOf" required />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'data.addIndicator' | transloco }}
        </button>
      </form>
    </section>

    <section class="lab-panel" aria-labelledby="import">
      <h2 class="utrecht-heading-2" id="import">{{ 'data.import' | transloco }}</h2>
      <p>{{ 'data.importLead' | transloco }}</p>
      <p>
        <a class="utrecht-link" [href]="templateHref" download="waarnemingen-sjabloon.csv">{{
          'data.template' | transloco
        }}</a>
      </p>
      <div class="lab-inline-form">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="import-kind">{{ 'data.importWhat' | transloco }}</label>
          <select
            class="utrecht-select"
            id="import-kind"
            [value]="kind()"
            (change)="kind.set($any($event.target).value)"
          >
            <option value="observations">{{ 'data.importObservations' | transloco }}</option>
            <option value="attendance">{{ 'data.importAttendance' | transloco }}</option>
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="import-file">{{ 'data.file' | transloco }}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            (change)="choose($any($event.target).files?.[0] ?? null)"
          />
        </div>
        <button
          class="utrecht-button utrecht-button--secondary-action"
          type="button"
          [disabled]="!file() || busy()"
          (click)="run(true)"
        >
          {{ 'data.preview' | transloco }}
        </button>
      </div>
      @if (progress() !== null) {
        <p>
          <label for="import-progress">{{ 'data.progress' | transloco }}</label><br /><progress
            id="import-progress"
            class="lab-progress"
            max="100"
            [value]="progress()"
          >
            {{ progress() }}%
          </progress>
        </p>
      }
      @if (problem(); as p) {
        <app-problem-alert [problem]="p" />
      }
      @if (report(); as r) {
        <div
          [class]="r.rejected.length ? 'utrecht-alert utrecht-alert--warning' : 'utrecht-alert utrecht-alert--ok'"
          role="status"
        >
          <p>
            <strong>{{
              (r.dryRun ? 'data.previewResult' : 'data.importResult')
                | transloco: { total: r.total, valid: r.valid, imported: r.imported, rejected: r.total - r.valid }
            }}</strong>
          </p>
        </div>
        @if (r.rejected.length) {
          <table class="utrecht-table">
            <caption>
              {{
                'data.rejectedRows' | transloco
              }}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{{ 'data.row' | transloco }}</th>
                <th class="utrecht-table__header-cell" scope="col">{{ 'data.column' | transloco }}</th>
                <th class="utrecht-table__header-cell" scope="col">{{ 'data.why' | transloco }}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              @for (x of r.rejected; track $index) {
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{{ x.row }}</td>
                  <td class="utrecht-table__cell">{{ x.field }}</td>
                  <td class="utrecht-table__cell">{{ x.message }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
        @if (r.dryRun && r.valid > 0) {
          <div class="lab-inline-form">
            @if (!r.rejected.length) {
              <button
                class="utrecht-button utrecht-button--primary-action"
                type="button"
                [disabled]="busy()"
                (click)="run(false)"
              >
                {{ 'data.importAll' | transloco: { count: r.valid } }}
              </button>
            } @else {
              <button
                class="utrecht-button utrecht-button--primary-action"
                type="button"
                [disabled]="busy()"
                (click)="run(false, true)"
              >
                {{ 'data.importValid' | transloco: { count: r.valid } }}
              </button>
            }
          </div>
        }
      }
    </section>

    <section aria-labelledby="export">
      <h2 class="utrecht-heading-2" id="export">{{ 'data.export' | transloco }}</h2>
      <p>{{ 'data.exportLead' | transloco }}</p>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" [href]="'/api/labs/' + shell.labId() + '/export'" download>{{
            'data.exportJson' | transloco
          }}</a>
        </li>
        @for (type of exports; track type) {
          <li>
            <a class="utrecht-link" [href]="'/api/labs/' + shell.labId() + '/export/' + type + '.csv'" download>{{
              'data.exportCsv' | transloco: { what: ('data.type.' + type | transloco) }
            }}</a>
          </li>
        }
      </ul>
    </section>
  `,
})
export class LabDataPage {
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(ObservationsStore);
  protected readonly exports = EXPORTS;
  protected readonly templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`;
  protected readonly kind = signal<'observations' | 'attendance'>('observations');
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly report = signal<ImportReport | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly indicatorProblem = signal<Problem | null>(null);
  protected readonly indicatorForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    unit: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    signalOf: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    effect(() => {
      if (this.shell.labId()) void this.store.loadIndicators();
    });
  }

  protected async addIndicator(): Promise<void> {
    this.indicatorProblem.set(null);
    try {
      await this.store.createIndicator(this.indicatorForm.getRawValue());
      this.indicatorForm.reset();
    } catch (error) {
      this.indicatorProblem.set(problemOf(error));
    }
  }

  protected choose(file: File | null): void {
    this.file.set(file);
    this.report.set(null);
    this.problem.set(null);
    this.progress.set(null);
  }

  protected run(dryRun: boolean, skipInvalid = false): void {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.problem.set(null);
    this.progress.set(0);
    this.store.importCsv(this.kind(), file, { dryRun, skipInvalid }).subscribe({
      next: ({ progress, report }) => {
        this.progress.set(progress);
        if (report) this.report.set(report);
      },
      error: (error) => {
        const problem = problemOf(error);
        this.problem.set(problem);
        const report = (problem as Problem & { report?: ImportReport }).report;
        if (report) this.report.set(report);
        this.busy.set(false);
      },
      complete: () => {
        this.busy.set(false);
        if (!dryRun) void this.store.loadIndicators();
      },
    });
  }
}
