import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreatedInvitation, Invitation, LabList, Schemas } from '../../core/api/api';

export interface LabFilters {
  q?: string;
  theme?: string;
  status?: string;
  mine?: boolean;
  offset?: number;
}

export const PAGE_SIZE = 12;

/** State of the labs list and of a lab's invitations. */
@Injectable({ providedIn: 'root' })
export class LabsStore {
  private readonly http = inject(HttpClient);
  readonly list = signal<LabList | null>(null);
  readonly listLoading = signal(false);
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

  async loadInvitations(labId: number): Promise<void> {
    const list = await firstValueFrom(this.http.get<Schemas['InvitationListDto']>(`/api/labs/${labId}/invitations`));
    this.invitations.set(list.items);
  }

  async createInvitation(labId: number, body: Schemas['CreateInvitationDto']): Promise<CreatedInvitation> {
    const created = await firstValueFrom(this.http.post<CreatedInvitation>(`/api/labs/${labId}/invitations`, body));
    await this.loadInvitations(labId);
    return created;
  }

  /** Addressed to an exact e-mail address: whether an account has it is never told. */
  async inviteByEmail(labId: number, body: Schemas['InviteByEmailDto']): Promise<void> {
    this.invitations.set(
      (
        await firstValueFrom(
          this.http.post<Schemas['InvitationListDto']>(`/api/labs/${labId}/invitations/by-email`, body),
        )
      ).items,
    );
  }

  /** Withdraws an unused invitation: its link stops working. */
  async withdrawInvitation(id: number): Promise<void> {
    this.invitations.set(
      (await firstValueFrom(this.http.delete<Schemas['InvitationListDto']>(`/api/invitations/${id}`))).items,
    );
  }
}
