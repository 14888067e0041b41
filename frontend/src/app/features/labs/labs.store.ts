import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreatedInvitation, Invitation, Lab, LabList, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

export interface LabFilters {
  q?: string;
  theme?: string;
  status?: string;
  mine?: boolean;
  offset?: number;
}

export const PAGE_SIZE = 12;
/** Labs on the home page. */
const LATEST = 6;

/** State of the labs list and of a lab's invitations. */
@Injectable({ providedIn: 'root' })
export class LabsStore {
  private readonly http = inject(HttpClient);
  private readonly page = new Loadable<LabList | null>(null);
  private readonly first = new Loadable<LabList | null>(null);
  private readonly invitationList = new Loadable<Invitation[]>([]);
  private readonly adopted = new Loadable<Lab | null>(null);
  readonly list = this.page.value;
  readonly listLoading = this.page.loading;
  /** The first few labs, for the home page; without an answer there is none to show. */
  readonly latest = this.first.value;
  readonly invitations = this.invitationList.value;
  /** The lab a new lab adopts (starts from), with its question and aim. */
  readonly origin = this.adopted.value;

  loadList(filters: LabFilters): Promise<boolean> {
    let params = new HttpParams().set('limit', PAGE_SIZE).set('offset', filters.offset ?? 0);
    if (filters.q) params = params.set('q', filters.q);
    if (filters.theme) params = params.set('theme', filters.theme);
    if (filters.status) params = params.set('status', filters.status);
    if (filters.mine) params = params.set('mine', 'true');
    return this.page.load(() => firstValueFrom(this.http.get<LabList>('/api/labs', { params })));
  }

  loadLatest(): Promise<boolean> {
    return this.first.load(() => firstValueFrom(this.http.get<LabList>('/api/labs', { params: { limit: LATEST } })));
  }

  loadOrigin(id: number | null): Promise<boolean> {
    if (id === null) {
      this.adopted.reset();
      return Promise.resolve(true);
    }
    if (this.origin()?.id !== id) this.adopted.reset();
    return this.adopted.load(() => firstValueFrom(this.http.get<Lab>(`/api/labs/${id}`)));
  }

  createLab(body: Schemas['CreateLabDto']): Promise<Lab> {
    return firstValueFrom(this.http.post<Lab>('/api/labs', body));
  }

  loadInvitations(labId: number): Promise<boolean> {
    return this.invitationList.load(
      async () =>
        (await firstValueFrom(this.http.get<Schemas['InvitationListDto']>(`/api/labs/${labId}/invitations`))).items,
    );
  }

  async createInvitation(labId: number, body: Schemas['CreateInvitationDto']): Promise<CreatedInvitation> {
    const created = await firstValueFrom(this.http.post<CreatedInvitation>(`/api/labs/${labId}/invitations`, body));
    await this.loadInvitations(labId);
    return created;
  }

  /** Addressed to an exact e-mail address: whether an account has it is never told. */
  async inviteByEmail(labId: number, body: Schemas['InviteByEmailDto']): Promise<void> {
    const list = await firstValueFrom(
      this.http.post<Schemas['InvitationListDto']>(`/api/labs/${labId}/invitations/by-email`, body),
    );
    this.invitationList.set(list.items);
  }

  /** Withdraws an unused invitation: its link stops working. */
  async withdrawInvitation(id: number): Promise<void> {
    const list = await firstValueFrom(this.http.delete<Schemas['InvitationListDto']>(`/api/invitations/${id}`));
    this.invitationList.set(list.items);
  }
}
