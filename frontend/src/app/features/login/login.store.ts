import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Schemas } from '../../core/api/api';

export type Providers = Schemas['ProvidersDto'];

/** The ways to sign in this installation offers besides a password (GET /api/auth/providers), loaded once. */
@Injectable({ providedIn: 'root' })
export class LoginStore {
  private readonly http = inject(HttpClient);
  readonly providers = signal<Providers | null>(null);
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    return (this.loading ??= firstValueFrom(this.http.get<Providers>('/api/auth/providers')).then(
      (providers) => this.providers.set(providers),
      () => {
        // Without an answer the page offers the password form only; the next visit asks again.
        this.loading = null;
      },
    ));
  }
}
