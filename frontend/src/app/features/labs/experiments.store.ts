import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Experiment, Iteration, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

interface Experiments {
  experiments: Experiment[];
  iterations: Iteration[];
}

/** The open lab's experiments and their iterations (rounds of trying something), with who attended each. */
@Injectable({ providedIn: 'root' })
export class ExperimentsStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly state = new Loadable<Experiments>({ experiments: [], iterations: [] });
  readonly experiments = computed(() => this.state.value().experiments);
  readonly iterations = computed(() => this.state.value().iterations);
  readonly loading = this.state.loading;
  readonly error = this.state.error;
  /** The iteration to log into by default: the latest one that has no decision yet, else the latest. */
  readonly currentIteration = computed(() => {
    const list = [...this.iterations()].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number);
    return [...list].reverse().find((i) => !i.decision) ?? list.at(-1) ?? null;
  });

  constructor() {
    this.lab.onSwitch(() => this.state.reset());
  }

  load(): Promise<boolean> {
    const base = this.lab.base;
    return this.state.load(async () => {
      const [experiments, iterations] = await Promise.all([
        firstValueFrom(this.http.get<Schemas['ExperimentListDto']>(`${base}/experiments`)),
        firstValueFrom(this.http.get<Schemas['IterationListDto']>(`${base}/iterations`)),
      ]);
      return { experiments: experiments.items, iterations: iterations.items };
    });
  }

  async createExperiment(body: Schemas['CreateExperimentDto']): Promise<Experiment> {
    const saved = await firstValueFrom(this.http.post<Experiment>(`${this.lab.base}/experiments`, body));
    await this.load();
    return saved;
  }

  /** Changes an experiment (what is tried, its status and scale); a stale version gets 409. */
  async updateExperiment(id: number, body: Schemas['UpdateExperimentDto']): Promise<Experiment> {
    const saved = await firstValueFrom(this.http.patch<Experiment>(`/api/experiments/${id}`, body));
    this.state.update((s) => ({ ...s, experiments: s.experiments.map((e) => (e.id === id ? saved : e)) }));
    return saved;
  }

  async createIteration(experimentId: number, body: Schemas['CreateIterationDto']): Promise<Iteration> {
    const saved = await firstValueFrom(this.http.post<Iteration>(`/api/experiments/${experimentId}/iterations`, body));
    await this.load();
    return saved;
  }

  async updateIteration(id: number, body: Schemas['UpdateIterationDto']): Promise<Iteration> {
    const saved = await firstValueFrom(this.http.patch<Iteration>(`/api/iterations/${id}`, body));
    this.state.update((s) => ({ ...s, iterations: s.iterations.map((i) => (i.id === id ? saved : i)) }));
    return saved;
  }

  /** Deletes an experiment with its cycles (the lab's history keeps them). */
  async deleteExperiment(id: number): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/experiments/${id}`));
    await this.load();
  }

  /** Deletes a cycle (the lab's history keeps it). */
  async deleteIteration(id: number): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/iterations/${id}`));
    await this.load();
  }

  /** Who came to an iteration (participant ids). */
  attendance(iterationId: number): Promise<number[]> {
    return firstValueFrom(this.http.get<Schemas['AttendanceDto']>(`/api/iterations/${iterationId}/attendance`)).then(
      (a) => a.participantIds,
    );
  }

  async setAttendance(iterationId: number, participantIds: number[]): Promise<void> {
    await firstValueFrom(this.http.put(`/api/iterations/${iterationId}/attendance`, { participantIds }));
    await this.load();
  }
}
