import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Participant, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

/** The open lab's participants, by pseudonym, with their consent; erasing one removes what identifies them. */
@Injectable({ providedIn: 'root' })
export class ParticipantsStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly state = new Loadable<Participant[]>([]);
  readonly participants = this.state.value;
  readonly loading = this.state.loading;
  readonly error = this.state.error;

  constructor() {
    this.lab.onSwitch(() => this.state.reset());
  }

  load(): Promise<boolean> {
    const base = this.lab.base;
    return this.state.load(
      async () => (await firstValueFrom(this.http.get<Schemas['ParticipantListDto']>(`${base}/participants`))).items,
    );
  }

  async create(body: Schemas['CreateParticipantDto']): Promise<Participant> {
    const saved = await firstValueFrom(this.http.post<Participant>(`${this.lab.base}/participants`, body));
    await this.load();
    return saved;
  }

  async setConsent(id: number, body: Schemas['SetConsentDto']): Promise<Participant> {
    const saved = await firstValueFrom(this.http.put<Participant>(`/api/participants/${id}/consent`, body));
    this.state.update((list) => list.map((p) => (p.id === id ? saved : p)));
    return saved;
  }

  /** Changes a participant's details (pseudonym, groups, who brought them, contact); a stale version gets 409. */
  async update(id: number, body: Schemas['UpdateParticipantDto']): Promise<Participant> {
    const saved = await firstValueFrom(this.http.patch<Participant>(`/api/participants/${id}`, body));
    this.state.update((list) => list.map((p) => (p.id === id ? saved : p)));
    return saved;
  }

  async erase(id: number): Promise<void> {
    await firstValueFrom(this.http.post(`/api/participants/${id}/erase`, {}));
    await this.load();
  }
}
