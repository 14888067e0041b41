import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Compare, CreatedInvitation, Round, RoundResults, RoundSummary, Schemas } from '../../core/api/api';

/** State of co-evaluation: a lab's rounds, the open round and its results. */
@Injectable({ providedIn: 'root' })
export class RoundsStore {
  private readonly http = inject(HttpClient);
  readonly rounds = signal<RoundSummary[]>([]);
  readonly round = signal<Round | null>(null);
  readonly results = signal<RoundResults | null>(null);

  async loadRounds(labId: number): Promise<void> {
    this.rounds.set((await firstValueFrom(this.http.get<Schemas['RoundListDto']>(`/api/labs/${labId}/rounds`))).items);
  }

  async create(labId: number, body: Schemas['CreateRoundDto']): Promise<Round> {
    const round = await firstValueFrom(this.http.post<Round>(`/api/labs/${labId}/rounds`, body));
    await this.loadRounds(labId);
    return round;
  }

  async load(id: number): Promise<Round> {
    if (this.round()?.id !== id) {
      this.round.set(null);
      this.results.set(null);
    }
    const round = await firstValueFrom(this.http.get<Round>(`/api/rounds/${id}`));
    this.round.set(round);
    return round;
  }

  async contribute(id: number, body: Schemas['ContributeDto']): Promise<void> {
    this.round.set(await firstValueFrom(this.http.put<Round>(`/api/rounds/${id}/contribution`, body)));
  }

  async close(id: number, version: number): Promise<void> {
    this.round.set(await firstValueFrom(this.http.post<Round>(`/api/rounds/${id}/close`, { version })));
  }

  async addFollowUp(id: number, body: Schemas['CreateFollowUpDto']): Promise<void> {
    const followUps = await firstValueFrom(
      this.http.post<Schemas['FollowUpDto'][]>(`/api/rounds/${id}/follow-ups`, body),
    );
    this.round.update((r) => (r ? { ...r, followUps } : r));
  }

  invite(id: number): Promise<CreatedInvitation> {
    return firstValueFrom(this.http.post<CreatedInvitation>(`/api/rounds/${id}/invitations`, {}));
  }

  async loadResults(id: number): Promise<void> {
    this.results.set(await firstValueFrom(this.http.get<RoundResults>(`/api/rounds/${id}/results`)));
  }

  compare(labId: number, dimension: string): Promise<Compare> {
    return firstValueFrom(this.http.get<Compare>(`/api/labs/${labId}/rounds/compare`, { params: { dimension } }));
  }
}
