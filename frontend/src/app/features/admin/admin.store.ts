import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLink, InstallationRole, Organisation, Schemas, User } from '../../core/api/api';

export interface AccountQuery {
  q: string;
  installationRole: InstallationRole | '';
  offset: number;
}

export const ACCOUNTS_PAGE = 20;
export const HISTORY_PAGE = 25;

/** The administrator's view of the installation: accounts, organisations, and the history of both. */
@Injectable({ providedIn: 'root' })
export class AdminStore {
  private readonly http = inject(HttpClient);
  readonly accounts = signal<Schemas['UserListDto'] | null>(null);
  readonly query = signal<AccountQuery>({ q: '', installationRole: '', offset: 0 });
  readonly organisations = signal<Organisation[] | null>(null);
  readonly history = signal<Schemas['AccountHistoryDto'] | null>(null);

  async loadAccounts(query: AccountQuery = this.query()): Promise<void> {
    this.query.set(query);
    let params = new HttpParams().set('limit', ACCOUNTS_PAGE).set('offset', query.offset);
    if (query.q.trim()) params = params.set('q', query.q.trim());
    if (query.installationRole) params = params.set('installationRole', query.installationRole);
    this.accounts.set(await firstValueFrom(this.http.get<Schemas['UserListDto']>('/api/users', { params })));
  }

  /** Creates the account; the answer carries the one-time "set your password" link to hand over. */
  async createAccount(body: Schemas['CreateUserDto']): Promise<Schemas['CreatedUserDto']> {
    const created = await firstValueFrom(this.http.post<Schemas['CreatedUserDto']>('/api/users', body));
    await this.loadAccounts();
    return created;
  }

  async updateAccount(id: number, body: Schemas['UpdateUserDto']): Promise<void> {
    this.replace(await firstValueFrom(this.http.patch<User>(`/api/users/${id}`, body)));
  }

  /** Deactivating ends the account's sessions at once. */
  async setActive(id: number, active: boolean): Promise<void> {
    this.replace(
      await firstValueFrom(this.http.post<User>(`/api/users/${id}/${active ? 'reactivate' : 'deactivate'}`, {})),
    );
  }

  /** A new one-time "set your password" link; an older unused one stops working. */
  passwordLink(id: number): Promise<AccessLink> {
    return firstValueFrom(this.http.post<AccessLink>(`/api/users/${id}/password-link`, {}));
  }

  async loadOrganisations(): Promise<void> {
    this.organisations.set(
      (await firstValueFrom(this.http.get<Schemas['OrganisationListDto']>('/api/organisations'))).items,
    );
  }

  async createOrganisation(body: Schemas['CreateOrganisationDto']): Promise<Organisation> {
    const saved = await firstValueFrom(this.http.post<Organisation>('/api/organisations', body));
    await this.loadOrganisations();
    return saved;
  }

  async loadHistory(offset: number): Promise<void> {
    this.history.set(
      await firstValueFrom(
        this.http.get<Schemas['AccountHistoryDto']>('/api/users/history', { params: { limit: HISTORY_PAGE, offset } }),
      ),
    );
  }

  private replace(user: User): void {
    this.accounts.update((list) =>
      list ? { ...list, items: list.items.map((u) => (u.id === user.id ? user : u)) } : list,
    );
  }
}
