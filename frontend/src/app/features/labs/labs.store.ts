import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreatedInvitation, Invitation, Lab, LabList, Problem, problemOf, Schemas } from '../../core/api/api';

export interface LabFilters {
  q?: string;
  theme?: string;
  status?: string;
  mine?: boolean;
  offset?: number;
}

export const PAGE_SIZE = 12;

/** State of the labs feature: the filtered list, the open lab and its invitations. */
@Injectable({ providedIn: 'root' })
export class LabsStore {
  private readonly http = inject(HttpClient);
  readonly list = signal<LabList | null>(null);
  readonly listLoading = signal(false);
  readonly lab = signal<Lab | null>(null);
  readonly labProblem = signal<Problem | null>(null);
  readonly invitations = signal<Invitation[]>([]);

  async loadList(filters: LabFilters): Promise<void> {
    this.listLoading.set(true);
    let params = new HttpParams().set('limit', PAGE_SIZE).set('offset', filters.offset ?? 0);
    if (filters.q) params = params.set('q', filters.q);
    if (filters.theme) params = params.set('theme', filters.theme);
    if (filters.status) params = params.set('status', filters.status);
    if (filters.mine) params = params.set('mine', 'true');
    try {
      this.list.set(await firstValueFrom(this.http.get<LabList>('/api/labs', { params })));
    } finally {
      this.listLoading.set(false);
    }
  }

  async loadLab(id: number): Promise<void> {
    this.lab.set(null);
    this.labProblem.set(null);
    try {
      this.lab.set(await firstValueFrom(this.http.get<Lab>(`/api/labs/${id}`)));
    } catch (error) {
      this.labProblem.set(problemOf(error));
    }
  }

  async loadInvitations(labId: number): Promise<void> {
    const list = await firstValueFrom(this.http.get<Schemas['InvitationListDto']>(`/api/labs/${labId}/invitations`));
    this.invitations.set(list.items);
  }

  async createInvitation(labId: number, body: Schemas['CreateInvitationDto']): Promise<CreatedInvitation> {
    const created = await firstValueFrom(this.http.post<CreatedInvitation>(`/api/labs/${labId}/invitations`, body));
    await this.loadInvitations(labId);
    return created;
  }
}
