import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Lab, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

/**
 * The open lab, which the lab's frame and every section share: the lab itself, the caller's role in it, its
 * settings. Each section keeps its own records in its own store (experiments, hypotheses, observations, …);
 * those forget them when another lab opens.
 */
@Injectable({ providedIn: 'root' })
export class LabStore {
  private readonly http = inject(HttpClient);
  private readonly current = new Loadable<Lab | null>(null);
  private readonly resets: (() => void)[] = [];
  readonly lab = this.current.value;
  /** Why the lab could not be opened (not found, not allowed, offline). */
  readonly problem = this.current.error;

  readonly labId = computed(() => this.lab()?.id ?? null);
  readonly role = computed(() => this.lab()?.myRole ?? null);
  /** Coordinators and partners keep the logbook (installation admins may too). */
  readonly isTeam = computed(() => this.role() === 'coordinator' || this.role() === 'partner');
  readonly isCoordinator = computed(() => this.role() === 'coordinator');

  /** A section's store registers how to forget its records when another lab opens. */
  onSwitch(reset: () => void): void {
    this.resets.push(reset);
  }

  async open(id: number): Promise<void> {
    if (this.labId() !== id) {
      this.current.reset();
      for (const reset of this.resets) reset();
    }
    await this.current.load(() => firstValueFrom(this.http.get<Lab>(`/api/labs/${id}`)));
  }

  async reloadLab(): Promise<void> {
    this.current.set(await firstValueFrom(this.http.get<Lab>(this.base)));
  }

  async updateLab(body: Schemas['UpdateLabDto']): Promise<void> {
    this.current.set(await firstValueFrom(this.http.patch<Lab>(this.base, body)));
  }

  /** The base address of the open lab's records. */
  get base(): string {
    return `/api/labs/${this.labId()}`;
  }
}
