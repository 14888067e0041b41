import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLink, LabRole, Member, Schemas } from '../../core/api/api';

/** The members of the open lab, by membership: names and roles only (no e-mail addresses, no account ids). */
@Injectable({ providedIn: 'root' })
export class MembersStore {
  private readonly http = inject(HttpClient);
  readonly labId = signal<number | null>(null);
  readonly members = signal<Member[]>([]);

  async load(labId: number): Promise<void> {
    if (this.labId() !== labId) this.members.set([]);
    this.labId.set(labId);
    this.members.set(
      (await firstValueFrom(this.http.get<Schemas['MemberListDto']>(`/api/labs/${labId}/members`))).items,
    );
  }

  async changeRole(memberId: number, role: LabRole): Promise<void> {
    this.members.set(
      (await firstValueFrom(this.http.patch<Schemas['MemberListDto']>(`${this.base}/${memberId}`, { role }))).items,
    );
  }

  async remove(memberId: number): Promise<void> {
    this.members.set(
      (await firstValueFrom(this.http.delete<Schemas['MemberListDto']>(`${this.base}/${memberId}`))).items,
    );
  }

  /** A one-time link that brings a resident back in as the same person. */
  signInLink(memberId: number): Promise<AccessLink> {
    return firstValueFrom(this.http.post<AccessLink>(`${this.base}/${memberId}/sign-in-link`, {}));
  }

  private get base(): string {
    return `/api/labs/${this.labId()}/members`;
  }
}
