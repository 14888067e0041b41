import { afterNextRender, Injector, signal } from '@angular/core';
import { Problem, problemOf } from '../../core/api/api';

/**
 * Editing one record of a list in place: which record is open, the version it was opened at, what went wrong, and
 * where focus goes. Opening puts focus in the form's first field; saving or cancelling (Escape) puts it back on the
 * record's edit button (`#<prefix>-<id>`; the form is `#<prefix>-<id>-form`). A stale version (409) keeps what the
 * person typed, reloads the list so the record shows what is saved now, and takes that version: saving again is a
 * choice, never a silent overwrite.
 */
export class EditSession {
  /** The record being edited. */
  readonly id = signal<number | null>(null);
  readonly problem = signal<Problem | null>(null);
  /** The record last saved, to say so beside its edit button. */
  readonly saved = signal<number | null>(null);
  /** The version the form was opened at (or, after a 409, the current one). */
  private version = 0;

  constructor(
    private readonly injector: Injector,
    /** The id prefix of the edit buttons and of the forms. */
    private readonly prefix: string,
  ) {}

  open(record: { id: number; version: number }): void {
    this.problem.set(null);
    this.saved.set(null);
    this.version = record.version;
    this.id.set(record.id);
    this.focus(`#${this.prefix}-${record.id}-form :is(input, textarea, select):not([type=hidden])`);
  }

  cancel(): void {
    const id = this.id();
    this.id.set(null);
    this.problem.set(null);
    if (id !== null) this.focus(`#${this.prefix}-${id}`);
  }

  /** Saves with the version opened at; after a 409 the list is reloaded and the form stays open. */
  async save(work: (version: number) => Promise<unknown>, reload: () => Promise<unknown>): Promise<boolean> {
    const id = this.id();
    if (id === null) return false;
    this.problem.set(null);
    try {
      await work(this.version);
    } catch (error) {
      const p = problemOf(error);
      this.problem.set(p);
      if (p.code === 'stale_version') {
        const current = (p as { current?: { version?: number } }).current;
        await reload();
        if (typeof current?.version === 'number') this.version = current.version;
      }
      return false;
    }
    this.id.set(null);
    this.saved.set(id);
    this.focus(`#${this.prefix}-${id}`);
    return true;
  }

  /** A save in several steps moves on to the version its last step returned (returned again, to chain). */
  rebase(version: number): number {
    this.version = version;
    return version;
  }

  /** Whether the last problem was a stale version: the form says what is shown where. */
  stale(): boolean {
    return this.problem()?.code === 'stale_version';
  }

  private focus(selector: string): void {
    afterNextRender(() => (document.querySelector(selector) as HTMLElement | null)?.focus(), {
      injector: this.injector,
    });
  }
}
