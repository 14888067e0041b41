import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  OnInit,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Iteration, Problem, attempt } from '../../../core/api/api';
import { FieldControlDirective, FormFieldComponent } from '../../../shared/ui/form-field.component';
import { ProblemAlertComponent } from '../../../shared/ui/problem-alert.component';
import { ExperimentsStore } from '../experiments.store';
import { PARTICIPANT_FIELDS } from '../field-names';
import { ParticipantsStore } from '../participants.store';

/** The consent text the dashboard's forms ask agreement to (the participants page asks the same). */
const CONSENT_VERSION = 'toestemming-2025-1';

/**
 * Who was at one cycle, recorded at the cycle itself (the team only: the API's rule for attendance): a name filter
 * (Enter ticks the first match), the previous cycle's attendance in one click, everyone or no one, the count as it
 * changes, one save; and a newcomer registered with the participants form's questions and ticked at once.
 */
@Component({
  selector: 'app-attendance-panel',
  imports: [FormFieldComponent, FieldControlDirective, ReactiveFormsModule, TranslocoPipe, ProblemAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attendance-panel.component.html',
  styleUrl: './attendance-panel.component.css',
})
export class AttendancePanelComponent implements OnInit {
  readonly iteration = input.required<Iteration>();
  readonly closed = output<void>();
  protected readonly fields = PARTICIPANT_FIELDS;
  protected readonly people = inject(ParticipantsStore);
  private readonly experiments = inject(ExperimentsStore);
  protected readonly present = signal<ReadonlySet<number>>(new Set());
  protected readonly query = signal('');
  protected readonly ready = signal(false);
  protected readonly saved = signal(false);
  protected readonly added = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  /** The cycle before this one in the same experiment, if any. */
  protected readonly previous = computed(() => {
    const it = this.iteration();
    return (
      this.experiments
        .iterations()
        .filter((i) => i.experimentId === it.experimentId && i.number < it.number)
        .sort((a, b) => b.number - a.number)[0] ?? null
    );
  });
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    // Someone erased on request is no longer ticked anew; a tick from before stays visible so it can be removed.
    const present = untracked(() => this.present());
    const all = this.people.participants().filter((p) => !p.erased || present.has(p.id));
    return q ? all.filter((p) => p.pseudonym.toLowerCase().includes(q)) : all;
  });
  protected readonly count = computed(() => this.present().size);

  protected readonly newcomer = new FormGroup({
    pseudonym: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    groups: new FormControl('', { nonNullable: true }),
    affiliation: new FormControl('', { nonNullable: true }),
    invitedBy: new FormControl('', { nonNullable: true }),
    participation: new FormControl(true, { nonNullable: true }),
    quote: new FormControl(false, { nonNullable: true }),
    photo: new FormControl(false, { nonNullable: true }),
    contact: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    // Opened from the cycle's button: the keyboard goes on inside the panel.
    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.querySelector<HTMLElement>('h5')?.focus());
  }

  ngOnInit(): void {
    void attempt(this.problem, async () => {
      const [, ids] = await Promise.all([this.people.load(), this.experiments.attendance(this.iteration().id)]);
      this.present.set(new Set(ids));
      this.ready.set(true);
    });
  }

  private change(update: (set: Set<number>) => void): void {
    const next = new Set(this.present());
    update(next);
    this.present.set(next);
    this.saved.set(false);
  }

  protected toggle(id: number): void {
    this.change((set) => (set.has(id) ? set.delete(id) : set.add(id)));
  }

  /** Enter in the filter ticks the first name that matches, and empties the filter for the next name. */
  protected tickFirst(event: Event): void {
    event.preventDefault();
    const first = this.shown()[0];
    if (!first) return;
    this.change((set) => set.add(first.id));
    this.query.set('');
  }

  /** Everyone shown (all, or those matching the filter) ticked, or none of them. */
  protected all(on: boolean): void {
    const ids = this.shown().map((p) => p.id);
    this.change((set) => ids.forEach((id) => (on ? set.add(id) : set.delete(id))));
  }

  protected async sameAsLastTime(): Promise<void> {
    const previous = this.previous();
    if (!previous) return;
    await attempt(this.problem, async () => {
      const ids = await this.experiments.attendance(previous.id);
      const erased = new Set(
        this.people
          .participants()
          .filter((p) => p.erased)
          .map((p) => p.id),
      );
      this.change((set) => {
        set.clear();
        ids.filter((id) => !erased.has(id)).forEach((id) => set.add(id));
      });
    });
  }

  protected async save(): Promise<void> {
    const ok = await attempt(this.problem, () =>
      this.experiments.setAttendance(
        this.iteration().id,
        [...this.present()].sort((a, b) => a - b),
      ),
    );
    this.saved.set(ok);
  }

  /** Registers the newcomer through the participants API, with their consent, and ticks them as present. */
  protected async register(): Promise<void> {
    if (this.newcomer.invalid) {
      this.newcomer.markAllAsTouched();
      return;
    }
    const v = this.newcomer.getRawValue();
    this.added.set(null);
    const ok = await attempt(this.problem, async () => {
      const saved = await this.people.create({
        pseudonym: v.pseudonym,
        groups: v.groups
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean),
        ...(v.affiliation.trim() ? { affiliation: v.affiliation } : {}),
        ...(v.invitedBy ? { invitedByParticipantId: Number(v.invitedBy) } : {}),
        consent: {
          participation: v.participation,
          quote: v.quote,
          photo: v.photo,
          contact: v.contact,
          textVersion: CONSENT_VERSION,
        },
      });
      this.change((set) => set.add(saved.id));
      this.added.set(saved.pseudonym);
    });
    if (ok) this.newcomer.reset();
  }
}
