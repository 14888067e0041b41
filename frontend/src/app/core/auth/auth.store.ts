import { HttpClient } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Me } from '../api/api';

/** Who is logged in. The session lives in an httpOnly cookie; nothing is kept in localStorage. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  readonly user = signal<Me | null>(null);
  readonly loaded = signal(false);
  readonly loggedIn = computed(() => this.user() !== null);
  readonly isAdmin = computed(() => this.user()?.isAdmin ?? false);
  /** Staff of a municipality or partner organisation (and administrators) may start a lab; members may not. */
  readonly canStartLab = computed(() => {
    const role = this.user()?.installationRole;
    return role === 'staff' || role === 'admin';
  });
  /** Invitations to labs addressed to this account that wait for a yes or no. */
  readonly pendingInvitations = computed(() => this.user()?.pendingInvitations ?? 0);

  private pending: Promise<Me | null> | null = null;

  /** The session as loaded at start-up (started once, shared by whoever waits for it). */
  ready(): Promise<Me | null> {
    return this.loaded() ? Promise.resolve(this.user()) : (this.pending ??= this.refresh());
  }

  async refresh(): Promise<Me | null> {
    try {
      const session = await firstValueFrom(this.http.get<{ user: Me | null }>('/api/auth/session'));
      this.user.set(session.user ?? null);
    } catch {
      this.user.set(null);
    }
    this.loaded.set(true);
    return this.user();
  }

  async login(email: string, password: string): Promise<Me> {
    const session = await firstValueFrom(this.http.post<{ user: Me }>('/api/auth/login', { email, password }));
    this.user.set(session.user);
    return session.user;
  }

  /** Ends the session; one that began at the organisation's provider (OIDC) ends there too, on its end-session page. */
  async logout(): Promise<void> {
    const { redirectTo } = await firstValueFrom(
      this.http.post<{ ok: boolean; redirectTo: string | null }>('/api/auth/oidc/logout', {}),
    );
    this.user.set(null);
    if (redirectTo) this.document.location.assign(redirectTo);
  }

  setUser(user: Me): void {
    this.user.set(user);
  }

  /** The session ended on the server (logged out everywhere, account deleted): forget who was logged in. */
  forget(): void {
    this.user.set(null);
  }

  roleIn(labId: number) {
    return this.user()?.memberships.find((m) => m.labId === labId)?.role ?? null;
  }
}
