import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLink, LabRole, Member, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

/** The members of the open lab, by membership: names and roles only (no e-mail addresses, no account ids). */
@Injectable({ providedIn: 'root' })
export class MembersStore {
  private readonly http = inject(HttpClient);
  private readonly list = new Loadable<Member[]>([]);
  readonly labId = signal<number | null>(null);
  readonly members = this.list.value;
  readonly loading = this.list.loading;
  readonly error = this.list.error;

  load(labId: number): Promise<boolean> {
    if (this.labId() !== labId) this.list.reset();
    this.labId.set(labId);
    return this.list.load(
      async () => (await firstValueFrom(this.http.get<Schemas['MemberListDto']>(`/api/labs/${labId}/members`))).items,
    );
  }

  async changeRole(memberId: number, role: LabRole): Promise<void> {
    this.list.set(
      (await firstValueFrom(this.http.patch<Schemas['MemberListDto']>(`${this.base}/${memberId}`, { role }))).items,
    );
  }

  async remove(memberId: number): Promise<void> {
    this.list.set((await firstValueFrom(this.http.delete<Schemas['MemberListDto']>(`${this.base}/${memberId}`))).items);
  }

  /** A one-time link that brings a resident back in as the same person. */
  signInLink(memberId: number): Promise<AccessLink> {
    return firstValueFrom(this.http.post<AccessLink>(`${this.base}/${memberId}/sign-in-link`, {}));
  }

  private get base(): string {
    return `/api/labs/${this.labId()}/members`;
  }
}
