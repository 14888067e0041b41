import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Learning, Library, ThemeOverview } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

export const LIBRARY_PAGE = 10;

export interface LibraryQuery {
  q: string;
  theme: string;
  type: string;
  maturity: string;
  municipality: string;
  sort: string;
  offset: number;
}

/** The public library: what has been learned across labs, a theme's overview, and one learning with its evidence. */
@Injectable({ providedIn: 'root' })
export class LibraryStore {
  private readonly http = inject(HttpClient);
  private readonly results = new Loadable<Library | null>(null);
  private readonly overview = new Loadable<ThemeOverview | null>(null);
  private readonly one = new Loadable<Learning | null>(null);
  readonly library = this.results.value;
  readonly theme = this.overview.value;
  readonly learning = this.one.value;
  /** Why the learning could not be opened. */
  readonly learningError = this.one.error;

  search(query: LibraryQuery): Promise<boolean> {
    let params = new HttpParams().set('limit', LIBRARY_PAGE);
    for (const [k, v] of Object.entries(query)) if (v || k === 'offset') params = params.set(k, v);
    return this.results.load(() => firstValueFrom(this.http.get<Library>('/api/library', { params })));
  }

  loadTheme(theme: string): Promise<boolean> {
    if (this.theme()?.theme !== theme) this.overview.reset();
    return this.overview.load(() =>
      firstValueFrom(this.http.get<ThemeOverview>(`/api/library/themes/${encodeURIComponent(theme)}`)),
    );
  }

  loadLearning(id: number): Promise<boolean> {
    if (this.learning()?.id !== id) this.one.reset();
    return this.one.load(() => firstValueFrom(this.http.get<Learning>(`/api/learnings/${id}`)));
  }

  /** Publishes a draft to the library, or takes it back to a draft. */
  async publish(learning: Learning, published: boolean): Promise<void> {
    this.one.set(
      await firstValueFrom(
        this.http.post<Learning>(`/api/learnings/${learning.id}/${published ? 'publish' : 'unpublish'}`, {
          version: learning.version,
        }),
      ),
    );
  }

  /** Takes the maturity the evidence suggests. */
  async confirmMaturity(learning: Learning): Promise<void> {
    this.one.set(
      await firstValueFrom(
        this.http.patch<Learning>(`/api/learnings/${learning.id}`, {
          version: learning.version,
          maturity: learning.suggested.maturity,
        }),
      ),
    );
  }
}
