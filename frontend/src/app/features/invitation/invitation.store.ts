import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { InvitationPreview, Schemas } from '../../core/api/api';
import { AuthStore } from '../../core/auth/auth.store';

/** An invitation link (/uitnodiging/<token>): what it invites to, and accepting it, which logs the new member in. */
@Injectable({ providedIn: 'root' })
export class InvitationStore {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  preview(token: string): Promise<InvitationPreview> {
    return firstValueFrom(this.http.get<InvitationPreview>(`/api/invitations/by-token/${encodeURIComponent(token)}`));
  }

  async accept(token: string, body: Schemas['AcceptInvitationDto']): Promise<Schemas['AcceptedInvitationDto']> {
    const result = await firstValueFrom(
      this.http.post<Schemas['AcceptedInvitationDto']>(
        `/api/invitations/by-token/${encodeURIComponent(token)}/accept`,
        body,
      ),
    );
    this.auth.setUser(result.user);
    return result;
  }
}
