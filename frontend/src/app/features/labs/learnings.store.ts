import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Learning, LearningSummary, Observation, RoundSummary, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

/** What a coordinator can cite as evidence for a learning besides iterations and hypotheses. */
export interface EvidenceSources {
  rounds: RoundSummary[];
  stories: Observation[];
}

/** The open lab's learnings, and writing one with its evidence (iterations, hypotheses, stories, rounds). */
@Injectable({ providedIn: 'root' })
export class LearningsStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly list = new Loadable<LearningSummary[]>([]);
  private readonly sources = new Loadable<EvidenceSources>({ rounds: [], stories: [] });
  readonly learnings = this.list.value;
  readonly loading = this.list.loading;
  readonly error = this.list.error;
  readonly evidence = this.sources.value;

  constructor() {
    this.lab.onSwitch(() => {
      this.list.reset();
      this.sources.reset();
    });
  }

  load(): Promise<boolean> {
    const base = this.lab.base;
    return this.list.load(
      async () => (await firstValueFrom(this.http.get<Schemas['LearningListDto']>(`${base}/learnings`))).items,
    );
  }

  /** The rounds and the stories (those that may be quoted) to choose evidence from. */
  loadEvidence(): Promise<boolean> {
    const base = this.lab.base;
    return this.sources.load(async () => {
      const [rounds, stories] = await Promise.all([
        firstValueFrom(this.http.get<Schemas['RoundListDto']>(`${base}/rounds`)),
        firstValueFrom(
          this.http.get<Schemas['ObservationListDto']>(`${base}/observations`, {
            params: { kind: 'story', limit: 100 },
          }),
        ),
      ]);
      return { rounds: rounds.items, stories: stories.items.filter((s) => !s.withheld) };
    });
  }

  /** Saves a draft learning; it goes to the library when published. */
  create(body: Schemas['CreateLearningDto']): Promise<Learning> {
    return firstValueFrom(this.http.post<Learning>(`${this.lab.base}/learnings`, body));
  }
}
