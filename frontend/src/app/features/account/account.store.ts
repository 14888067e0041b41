import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLink, Me, PendingInvitation, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { AuthStore } from '../../core/auth/auth.store';

/** One's own account: its details, how one logs in, invitations waiting for an answer, and leaving. */
@Injectable({ providedIn: 'root' })
export class AccountStore {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly pending = new Loadable<PendingInvitation[] | null>(null);
  readonly invitations = this.pending.value;
  readonly invitationsError = this.pending.error;

  loadInvitations(): Promise<boolean> {
    return this.pending.load(
      async () =>
        (await firstValueFrom(this.http.get<Schemas['PendingInvitationListDto']>('/api/users/me/invitations'))).items,
    );
  }

  /** Yes (join the lab) or no; memberships and the count of waiting invitations change with it. */
  async answer(id: number, accept: boolean): Promise<void> {
    const list = await firstValueFrom(
      this.http.post<Schemas['PendingInvitationListDto']>(
        `/api/users/me/invitations/${id}/${accept ? 'accept' : 'decline'}`,
        {},
      ),
    );
    this.pending.set(list.items);
    await this.auth.refresh();
  }

  async update(body: Schemas['UpdateMeDto']): Promise<Me> {
    const me = await firstValueFrom(this.http.patch<Me>('/api/users/me', body));
    this.auth.setUser(me);
    return me;
  }

  /** A personal link to keep (accounts without a password); a new one replaces the old. */
  personalLink(): Promise<AccessLink> {
    return firstValueFrom(this.http.post<AccessLink>('/api/users/me/sign-in-link', {}));
  }

  /** Ends every session of the account, this one too. */
  async logoutEverywhere(): Promise<void> {
    await firstValueFrom(this.http.post('/api/users/me/logout-everywhere', {}));
    this.auth.forget();
  }

  async deleteAccount(): Promise<void> {
    await firstValueFrom(this.http.delete('/api/users/me', { body: { confirm: true } }));
    this.auth.forget();
    this.pending.reset();
  }
}
