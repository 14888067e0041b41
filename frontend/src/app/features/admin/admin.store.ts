import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLink, InstallationRole, Organisation, Schemas, User } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

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
  private readonly accountPage = new Loadable<Schemas['UserListDto'] | null>(null);
  private readonly organisationList = new Loadable<Organisation[] | null>(null);
  private readonly historyPage = new Loadable<Schemas['AccountHistoryDto'] | null>(null);
  readonly accounts = this.accountPage.value;
  readonly accountsError = this.accountPage.error;
  readonly query = signal<AccountQuery>({ q: '', installationRole: '', offset: 0 });
  readonly organisations = this.organisationList.value;
  readonly organisationsError = this.organisationList.error;
  readonly history = this.historyPage.value;
  readonly historyError = this.historyPage.error;

  loadAccounts(query: AccountQuery = this.query()): Promise<boolean> {
    this.query.set(query);
    let params = new HttpParams().set('limit', ACCOUNTS_PAGE).set('offset', query.offset);
    if (query.q.trim()) params = params.set('q', query.q.trim());
    if (query.installationRole) params = params.set('installationRole', query.installationRole);
    return this.accountPage.load(() => firstValueFrom(this.http.get<Schemas['UserListDto']>('/api/users', { params })));
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

  loadOrganisations(): Promise<boolean> {
    return this.organisationList.load(
      async () => (await firstValueFrom(this.http.get<Schemas['OrganisationListDto']>('/api/organisations'))).items,
    );
  }

  async createOrganisation(body: Schemas['CreateOrganisationDto']): Promise<Organisation> {
    const saved = await firstValueFrom(this.http.post<Organisation>('/api/organisations', body));
    await this.loadOrganisations();
    return saved;
  }

  loadHistory(offset: number): Promise<boolean> {
    return this.historyPage.load(() =>
      firstValueFrom(
        this.http.get<Schemas['AccountHistoryDto']>('/api/users/history', { params: { limit: HISTORY_PAGE, offset } }),
      ),
    );
  }

  private replace(user: User): void {
    this.accountPage.update((list) =>
      list ? { ...list, items: list.items.map((u) => (u.id === user.id ? user : u)) } : list,
    );
  }
}
