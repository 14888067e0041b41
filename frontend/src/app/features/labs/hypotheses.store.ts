import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Hypothesis, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

/** The open lab's hypotheses: written, revised, and given a status as the iterations show what happened. */
@Injectable({ providedIn: 'root' })
export class HypothesesStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly state = new Loadable<Hypothesis[]>([]);
  readonly hypotheses = this.state.value;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  constructor() {
    this.lab.onSwitch(() => this.state.reset());
  }

  load(): Promise<boolean> {
    const base = this.lab.base;
    return this.state.load(
      async () => (await firstValueFrom(this.http.get<Schemas['HypothesisListDto']>(`${base}/hypotheses`))).items,
    );
  }

  async create(experimentId: number, body: Schemas['CreateHypothesisDto']): Promise<Hypothesis> {
    const saved = await firstValueFrom(this.http.post<Hypothesis>(`/api/experiments/${experimentId}/hypotheses`, body));
    this.state.update((list) => [...list, saved]);
    return saved;
  }

  async changeStatus(id: number, body: Schemas['ChangeHypothesisStatusDto']): Promise<Hypothesis> {
    return this.replace(id, await firstValueFrom(this.http.post<Hypothesis>(`/api/hypotheses/${id}/status`, body)));
  }

  async update(id: number, body: Schemas['UpdateHypothesisDto']): Promise<Hypothesis> {
    return this.replace(id, await firstValueFrom(this.http.patch<Hypothesis>(`/api/hypotheses/${id}`, body)));
  }

  /** A new wording replaces the old one, which stays in the list as revised. */
  async revise(id: number, body: Schemas['ReviseHypothesisDto']): Promise<void> {
    const saved = await firstValueFrom(
      this.http.post<Schemas['RevisedHypothesisDto']>(`/api/hypotheses/${id}/revise`, body),
    );
    this.state.update((list) => [...list.map((h) => (h.id === id ? saved.previous : h)), saved.revision]);
  }

  private replace(id: number, saved: Hypothesis): Hypothesis {
    this.state.update((list) => list.map((h) => (h.id === id ? saved : h)));
    return saved;
  }
}
