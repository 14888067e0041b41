import { ChangeDetectionStrategy, Component, computed, effect, inject, Injector, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ImportReport, Indicator, Problem, problemOf } from '../../core/api/api';
import { EditSession } from '../../shared/ui/edit-session';
import { IndicatorFieldsComponent, indicatorForm } from './components/indicator-fields.component';
import { ProblemAlertComponent } from '../../shared/ui/problem-alert.component';
import { AccessGateComponent } from '../../shared/ui/access-gate.component';
import { LabStore } from './lab.store';
import { ObservationsStore } from './observations.store';
import { FieldControlDirective, FormFieldComponent } from '../../shared/ui/form-field.component';
import { IMPORT_FIELDS, INDICATOR_FIELDS } from './field-names';
import { DataTableComponent, TableCellDirective, type TableColumn } from '../../shared/ui/data-table.component';

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
/** Personal data: exported for the lab's coordinators and partners only. */
const PERSONAL = ['participants', 'attendance'];
/** An empty file with the columns each import reads (backend/src/imports, docs/data-formats.md). */
const TEMPLATES = {
  observations: {
    file: 'waarnemingen-sjabloon.csv',
    csv:
      'kind;experiment;iteration;observed_on;indicator;value;context_note;' +
      'story_text;perspective;audience;dimensions;self_reliance\n',
  },
  attendance: { file: 'aanwezigheid-sjabloon.csv', csv: 'experiment;iteration;participant\n' },
  participants: {
    file: 'deelnemers-sjabloon.csv',
    csv:
      'pseudonym;groups;affiliation;invited_by;consent_participation;consent_quote;consent_photo;' +
      'consent_contact;consent_text_version;contact\n' +
      'Buurvrouw A.;"65+;Transvaal";;;ja;ja;nee;nee;toestemming-2025-1;\n',
  },
};
export type ImportKind = keyof typeof TEMPLATES;

/** A row of a participants import's preview, as the API shows it. */
interface PreviewParticipant {
  pseudonym: string;
  groups: string[];
  invitedBy: string | null;
  consent: Record<'participation' | 'quote' | 'photo' | 'contact', boolean>;
}

/**
 * The lab's own indicators, CSV import with preview and report, and exports. Anyone who may see the lab sees the
 * indicators and exports what is not personal; adding and importing are for the team, so others see the gate.
 */
@Component({
  selector: 'app-lab-data-page',
  imports: [
    FormFieldComponent,
    FieldControlDirective,
    IndicatorFieldsComponent,
    ReactiveFormsModule,
    TranslocoPipe,
    ProblemAlertComponent,
    AccessGateComponent,
    DataTableComponent,
    TableCellDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lab-data.page.html',
})
export class LabDataPage {
  protected readonly indicatorFields = INDICATOR_FIELDS;
  protected readonly importFields = IMPORT_FIELDS;
  protected readonly shell = inject(LabStore);
  protected readonly store = inject(ObservationsStore);
  protected readonly exports = computed(() =>
    this.shell.isTeam() ? EXPORTS : EXPORTS.filter((type) => !PERSONAL.includes(type)),
  );
  protected readonly kind = signal<ImportKind>('observations');
  /** The example file of what is being imported: its columns, no rows. */
  protected readonly template = computed(() => {
    const { file, csv } = TEMPLATES[this.kind()];
    return { file, href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}` };
  });
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly report = signal<ImportReport | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly indicatorProblem = signal<Problem | null>(null);
  protected readonly indicatorForm = indicatorForm();
  /** Editing an indicator: its edit button is `#ie-<id>`, its form `#ie-<id>-form`. */
  protected readonly edit = new EditSession(inject(Injector), 'ie');
  protected readonly editForm = indicatorForm();

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

  protected readonly peopleColumns: TableColumn[] = [
    { key: 'pseudonym', label: 'participants.pseudonym', rowHeader: true },
    { key: 'groups', label: 'participants.groups', stackLabel: true },
    { key: 'invitedBy', label: 'participants.invitedBy', stackLabel: true },
    { key: 'consent', label: 'participants.consent', stackLabel: true },
  ];
  /** The participants a participants import will add, with the consents each gave. */
  protected readonly people = computed(() =>
    this.kind() === 'participants'
      ? ((this.report()?.preview ?? []) as unknown as PreviewParticipant[]).map((p, i) => ({
          ...p,
          id: i,
          consents: (['participation', 'quote', 'photo', 'contact'] as const).filter((k) => p.consent[k]),
        }))
      : [],
  );

  protected pick(kind: ImportKind): void {
    this.kind.set(kind);
    this.report.set(null);
    this.problem.set(null);
  }

  protected startEdit(i: Indicator): void {
    this.editForm.reset({ name: i.name, unit: i.unit, signalOf: i.signalOf });
    this.edit.open(i);
  }

  protected async saveEdit(i: Indicator): Promise<void> {
    await this.edit.save(
      (version) => this.store.updateIndicator(i.id, { version, ...this.editForm.getRawValue() }),
      () => this.store.loadIndicators(),
    );
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
