import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Compare, CreatedInvitation, Round, RoundResults, RoundSummary, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

/** State of co-evaluation: a lab's rounds, the open round and its results. */
@Injectable({ providedIn: 'root' })
export class RoundsStore {
  private readonly http = inject(HttpClient);
  private readonly list = new Loadable<RoundSummary[]>([]);
  private readonly current = new Loadable<Round | null>(null);
  private readonly scores = new Loadable<RoundResults | null>(null);
  readonly rounds = this.list.value;
  /** Whether the lab's rounds are being loaded, and why they could not be. */
  readonly roundsLoading = this.list.loading;
  readonly roundsProblem = this.list.error;
  readonly round = this.current.value;
  readonly results = this.scores.value;
  /** Why the open round, or its results, could not be loaded. */
  readonly problem = computed(() => this.current.error() ?? this.scores.error());

  loadRounds(labId: number): Promise<boolean> {
    return this.list.load(
      async () => (await firstValueFrom(this.http.get<Schemas['RoundListDto']>(`/api/labs/${labId}/rounds`))).items,
    );
  }

  async create(labId: number, body: Schemas['CreateRoundDto']): Promise<Round> {
    const round = await firstValueFrom(this.http.post<Round>(`/api/labs/${labId}/rounds`, body));
    await this.loadRounds(labId);
    return round;
  }

  /** Opens a round; resolves to it, or to null when it could not be loaded (the reason is in `problem`). */
  async load(id: number): Promise<Round | null> {
    if (this.round()?.id !== id) {
      this.current.reset();
      this.scores.reset();
    }
    return (await this.current.load(() => firstValueFrom(this.http.get<Round>(`/api/rounds/${id}`))))
      ? this.round()
      : null;
  }

  async contribute(id: number, body: Schemas['ContributeDto']): Promise<void> {
    this.current.set(await firstValueFrom(this.http.put<Round>(`/api/rounds/${id}/contribution`, body)));
  }

  async close(id: number, version: number): Promise<void> {
    this.current.set(await firstValueFrom(this.http.post<Round>(`/api/rounds/${id}/close`, { version })));
  }

  async addFollowUp(id: number, body: Schemas['CreateFollowUpDto']): Promise<void> {
    const followUps = await firstValueFrom(
      this.http.post<Schemas['FollowUpDto'][]>(`/api/rounds/${id}/follow-ups`, body),
    );
    this.current.update((r) => (r ? { ...r, followUps } : r));
  }

  /** Changes an open round (contributor roles, deadline); the round as it is now. */
  async update(id: number, body: Schemas['UpdateRoundDto']): Promise<void> {
    this.current.set(await firstValueFrom(this.http.patch<Round>(`/api/rounds/${id}`, body)));
  }

  async reopen(id: number, body: Schemas['ReopenRoundDto']): Promise<void> {
    this.current.set(await firstValueFrom(this.http.post<Round>(`/api/rounds/${id}/reopen`, body)));
  }

  /** For the coordinator: who has not contributed yet, and how many of the round's links are unused. */
  outstanding(id: number): Promise<Schemas['RoundOutstandingDto']> {
    return firstValueFrom(this.http.get<Schemas['RoundOutstandingDto']>(`/api/rounds/${id}/outstanding`));
  }

  /** The lab's learnings made from the round (drafts only for its team). */
  async learnings(id: number): Promise<Schemas['RoundLearningDto'][]> {
    return (await firstValueFrom(this.http.get<Schemas['RoundLearningListDto']>(`/api/rounds/${id}/learnings`))).items;
  }

  invite(id: number, expiresInDays = 14): Promise<CreatedInvitation> {
    return firstValueFrom(this.http.post<CreatedInvitation>(`/api/rounds/${id}/invitations`, { expiresInDays }));
  }

  loadResults(id: number): Promise<boolean> {
    return this.scores.load(() => firstValueFrom(this.http.get<RoundResults>(`/api/rounds/${id}/results`)));
  }

  compare(labId: number, dimension: string): Promise<Compare> {
    return firstValueFrom(this.http.get<Compare>(`/api/labs/${labId}/rounds/compare`, { params: { dimension } }));
  }
}
