import { HttpClient, HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { filter, firstValueFrom, map, Observable } from 'rxjs';
import { ImportReport, Indicator, ObservationList, Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

export type ObservationQuery = Record<string, string | number | undefined>;

/** The open lab's observations (measures and stories), the indicators they measure, and CSV imports of both. */
@Injectable({ providedIn: 'root' })
export class ObservationsStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly page = new Loadable<ObservationList | null>(null);
  private readonly indicatorList = new Loadable<Indicator[]>([]);
  /** The page of observations last asked for. */
  readonly observations = this.page.value;
  readonly loading = this.page.loading;
  readonly error = this.page.error;
  readonly indicators = this.indicatorList.value;

  constructor() {
    this.lab.onSwitch(() => {
      this.page.reset();
      this.indicatorList.reset();
    });
  }

  load(query: ObservationQuery): Promise<boolean> {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params = params.set(k, v);
    const base = this.lab.base;
    return this.page.load(() => firstValueFrom(this.http.get<ObservationList>(`${base}/observations`, { params })));
  }

  loadIndicators(): Promise<boolean> {
    const base = this.lab.base;
    return this.indicatorList.load(
      async () => (await firstValueFrom(this.http.get<Schemas['IndicatorListDto']>(`${base}/indicators`))).items,
    );
  }

  async createIndicator(body: Schemas['CreateIndicatorDto']): Promise<Indicator> {
    const saved = await firstValueFrom(this.http.post<Indicator>(`${this.lab.base}/indicators`, body));
    this.indicatorList.update((list) => [...list, saved].sort((a, b) => a.name.localeCompare(b.name)));
    return saved;
  }

  async updateIndicator(id: number, body: Schemas['UpdateIndicatorDto']): Promise<Indicator> {
    const saved = await firstValueFrom(this.http.patch<Indicator>(`/api/indicators/${id}`, body));
    this.indicatorList.update((list) =>
      list.map((i) => (i.id === id ? saved : i)).sort((a, b) => a.name.localeCompare(b.name)),
    );
    return saved;
  }

  async create(body: Schemas['CreateObservationDto']): Promise<void> {
    await firstValueFrom(this.http.post(`${this.lab.base}/observations`, body));
  }

  /** Changes an observation (its version is checked: a stale one gets 409); the caller reloads its page. */
  async update(id: number, body: Schemas['UpdateObservationDto']): Promise<void> {
    await firstValueFrom(this.http.patch(`/api/observations/${id}`, body));
  }

  async delete(id: number): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/observations/${id}`));
  }

  /** Uploads a CSV; emits upload progress (0–100) and finally the report. */
  importCsv(
    kind: 'observations' | 'attendance' | 'participants',
    file: Blob,
    options: { dryRun: boolean; skipInvalid?: boolean },
  ): Observable<{ progress: number; report?: ImportReport }> {
    const params = new HttpParams()
      .set('dryRun', String(options.dryRun))
      .set('skipInvalid', String(!!options.skipInvalid));
    return this.http
      .post<ImportReport>(`${this.lab.base}/import/${kind}`, file, {
        params,
        headers: { 'content-type': 'text/csv' },
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        filter(
          (e: HttpEvent<ImportReport>) => e.type === HttpEventType.UploadProgress || e.type === HttpEventType.Response,
        ),
        map((e) =>
          e.type === HttpEventType.Response
            ? { progress: 100, report: e.body ?? undefined }
            : { progress: e.total ? Math.round((100 * e.loaded) / e.total) : 50 },
        ),
      );
  }
}
