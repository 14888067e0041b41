import { computed, signal } from '@angular/core';
import { Problem, problemOf } from './api';

/** The one shape every store keeps of what it loads: the value, whether a load is under way, the last problem. */
export interface LoadState<T> {
  value: T;
  loading: boolean;
  error: Problem | null;
}

/**
 * One thing a store loads from the API. Pages read `value`, `loading` and `error`; the store loads, and after a
 * write sets the saved value. A load never throws (its problem goes into `error`), and the answer to an older load
 * that arrives after a newer load or a write is dropped, so a slow answer never overwrites a fresh one.
 */
export class Loadable<T> {
  private readonly state;
  private ticket = 0;
  readonly value;
  readonly loading;
  readonly error;

  constructor(private readonly initial: T) {
    this.state = signal<LoadState<T>>({ value: initial, loading: false, error: null });
    this.value = computed(() => this.state().value);
    this.loading = computed(() => this.state().loading);
    this.error = computed(() => this.state().error);
  }

  /** Loads anew (the value shown so far stays until the answer comes); returns whether it loaded. */
  async load(fetch: () => Promise<T>): Promise<boolean> {
    const ticket = ++this.ticket;
    this.state.update((s) => ({ ...s, loading: true, error: null }));
    try {
      const value = await fetch();
      if (ticket === this.ticket) this.state.set({ value, loading: false, error: null });
      return true;
    } catch (error) {
      if (ticket === this.ticket) this.state.update((s) => ({ ...s, loading: false, error: problemOf(error) }));
      return false;
    }
  }

  set(value: T): void {
    this.ticket++;
    this.state.set({ value, loading: false, error: null });
  }

  update(change: (value: T) => T): void {
    this.set(change(this.state().value));
  }

  /** Back to the start (another lab opened, the user logged out): nothing loaded, nothing wrong. */
  reset(): void {
    this.set(this.initial);
  }
}
