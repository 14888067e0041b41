import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AccessLinkPreview, Me } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';

/** Set-password and sign-in links (/toegang/<token>): what one opens, and using it, which logs its owner in. */
@Injectable({ providedIn: 'root' })
export class AccessStore {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  preview(token: string): Promise<AccessLinkPreview> {
    return firstValueFrom(this.http.get<AccessLinkPreview>(`/api/access-links/${encodeURIComponent(token)}`));
  }

  /** Uses the link (with the new password, for a set-password link): its owner is logged in from then on. */
  async use(token: string, body: { password?: string }): Promise<Me> {
    const session = await firstValueFrom(
      this.http.post<{ user: Me }>(`/api/access-links/${encodeURIComponent(token)}/use`, body),
    );
    this.auth.setUser(session.user);
    return session.user;
  }
}
