import { HttpClient, HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { filter, firstValueFrom, map, Observable } from 'rxjs';
import {
  Charts,
  Experiment,
  Hypothesis,
  ImportReport,
  Indicator,
  Iteration,
  Lab,
  ObservationList,
  Participant,
  Problem,
  problemOf,
  Schemas,
  Timeline,
} from '../../core/api/api';

/** Timeline events per page (the API's default). */
const TIMELINE_PAGE = 200;

/** State of one open lab and its logbook. Pages read signals; writes go through here and refresh what they change. */
@Injectable({ providedIn: 'root' })
export class LabStore {
  private readonly http = inject(HttpClient);
  readonly lab = signal<Lab | null>(null);
  readonly problem = signal<Problem | null>(null);
  readonly experiments = signal<Experiment[]>([]);
  readonly iterations = signal<Iteration[]>([]);
  readonly hypotheses = signal<Hypothesis[]>([]);
  readonly indicators = signal<Indicator[]>([]);
  readonly participants = signal<Participant[]>([]);
  readonly timeline = signal<Timeline | null>(null);
  readonly charts = signal<Charts | null>(null);
  readonly observations = signal<ObservationList | null>(null);

  readonly labId = computed(() => this.lab()?.id ?? null);
  readonly role = computed(() => this.lab()?.myRole ?? null);
  /** Coordinators and partners keep the logbook (installation admins may too). */
  readonly isTeam = computed(() => this.role() === 'coordinator' || this.role() === 'partner');
  readonly isCoordinator = computed(() => this.role() === 'coordinator');
  /** The iteration to log into by default: the latest one that has no decision yet, else the latest. */
  readonly currentIteration = computed(() => {
    const list = [...this.iterations()].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.number - b.number);
    return [...list].reverse().find((i) => !i.decision) ?? list.at(-1) ?? null;
  });

  private get base() {
    return `/api/labs/${this.labId()}`;
  }

  async open(id: number): Promise<void> {
    if (this.labId() !== id) {
      this.lab.set(null);
      for (const s of [this.experiments, this.iterations, this.hypotheses, this.indicators, this.participants])
        s.set([]);
      this.timeline.set(null);
      this.charts.set(null);
      this.observations.set(null);
    }
    this.problem.set(null);
    try {
      this.lab.set(await firstValueFrom(this.http.get<Lab>(`/api/labs/${id}`)));
    } catch (error) {
      this.lab.set(null);
      this.problem.set(problemOf(error));
    }
  }

  async reloadLab(): Promise<void> {
    this.lab.set(await firstValueFrom(this.http.get<Lab>(this.base)));
  }

  async loadStory(): Promise<void> {
    const [timeline, charts] = await Promise.all([
      this.fetchTimeline(TIMELINE_PAGE),
      firstValueFrom(this.http.get<Charts>(`${this.base}/charts`)),
    ]);
    this.timeline.set(timeline);
    this.charts.set(charts);
  }

  /** The timeline starts with its most recent events; earlier ones come a page at a time. */
  async loadEarlierEvents(): Promise<void> {
    const shown = this.timeline()?.events.length ?? 0;
    this.timeline.set(await this.fetchTimeline(shown + TIMELINE_PAGE));
  }

  private fetchTimeline(limit: number): Promise<Timeline> {
    return firstValueFrom(
      this.http.get<Timeline>(`${this.base}/timeline`, { params: { limit: Math.min(limit, 5000) } }),
    );
  }

  async loadLogbook(): Promise<void> {
    const [experiments, iterations, hypotheses, indicators] = await Promise.all([
      firstValueFrom(this.http.get<Schemas['ExperimentListDto']>(`${this.base}/experiments`)),
      firstValueFrom(this.http.get<Schemas['IterationListDto']>(`${this.base}/iterations`)),
      firstValueFrom(this.http.get<Schemas['HypothesisListDto']>(`${this.base}/hypotheses`)),
      firstValueFrom(this.http.get<Schemas['IndicatorListDto']>(`${this.base}/indicators`)),
    ]);
    this.experiments.set(experiments.items);
    this.iterations.set(iterations.items);
    this.hypotheses.set(hypotheses.items);
    this.indicators.set(indicators.items);
  }

  async loadParticipants(): Promise<void> {
    this.participants.set(
      (await firstValueFrom(this.http.get<Schemas['ParticipantListDto']>(`${this.base}/participants`))).items,
    );
  }

  async loadObservations(query: Record<string, string | number | undefined>): Promise<void> {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params = params.set(k, v);
    this.observations.set(
      await firstValueFrom(this.http.get<ObservationList>(`${this.base}/observations`, { params })),
    );
  }

  // Writes: each returns the saved record and refreshes the lists it touches.

  async updateLab(body: Schemas['UpdateLabDto']): Promise<void> {
    this.lab.set(await firstValueFrom(this.http.patch<Lab>(this.base, body)));
  }

  async createExperiment(body: Schemas['CreateExperimentDto']): Promise<Experiment> {
    const saved = await firstValueFrom(this.http.post<Experiment>(`${this.base}/experiments`, body));
    await this.loadLogbook();
    return saved;
  }

  async createIteration(experimentId: number, body: Schemas['CreateIterationDto']): Promise<Iteration> {
    const saved = await firstValueFrom(this.http.post<Iteration>(`/api/experiments/${experimentId}/iterations`, body));
    await this.loadLogbook();
    return saved;
  }

  async updateIteration(id: number, body: Schemas['UpdateIterationDto']): Promise<Iteration> {
    const saved = await firstValueFrom(this.http.patch<Iteration>(`/api/iterations/${id}`, body));
    this.iterations.update((list) => list.map((i) => (i.id === id ? saved : i)));
    return saved;
  }

  async createHypothesis(experimentId: number, body: Schemas['CreateHypothesisDto']): Promise<Hypothesis> {
    const saved = await firstValueFrom(this.http.post<Hypothesis>(`/api/experiments/${experimentId}/hypotheses`, body));
    this.hypotheses.update((list) => [...list, saved]);
    return saved;
  }

  async changeHypothesisStatus(id: number, body: Schemas['ChangeHypothesisStatusDto']): Promise<Hypothesis> {
    const saved = await firstValueFrom(this.http.post<Hypothesis>(`/api/hypotheses/${id}/status`, body));
    this.hypotheses.update((list) => list.map((h) => (h.id === id ? saved : h)));
    return saved;
  }

  async updateHypothesis(id: number, body: Schemas['UpdateHypothesisDto']): Promise<Hypothesis> {
    const saved = await firstValueFrom(this.http.patch<Hypothesis>(`/api/hypotheses/${id}`, body));
    this.hypotheses.update((list) => list.map((h) => (h.id === id ? saved : h)));
    return saved;
  }

  async reviseHypothesis(id: number, body: Schemas['ReviseHypothesisDto']): Promise<void> {
    const saved = await firstValueFrom(
      this.http.post<Schemas['RevisedHypothesisDto']>(`/api/hypotheses/${id}/revise`, body),
    );
    this.hypotheses.update((list) => [...list.map((h) => (h.id === id ? saved.previous : h)), saved.revision]);
  }

  async createIndicator(body: Schemas['CreateIndicatorDto']): Promise<Indicator> {
    const saved = await firstValueFrom(this.http.post<Indicator>(`${this.base}/indicators`, body));
    this.indicators.update((list) => [...list, saved].sort((a, b) => a.name.localeCompare(b.name)));
    return saved;
  }

  async createObservation(body: Schemas['CreateObservationDto']): Promise<void> {
    await firstValueFrom(this.http.post(`${this.base}/observations`, body));
  }

  async deleteObservation(id: number): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/observations/${id}`));
  }

  async createParticipant(body: Schemas['CreateParticipantDto']): Promise<Participant> {
    const saved = await firstValueFrom(this.http.post<Participant>(`${this.base}/participants`, body));
    await this.loadParticipants();
    return saved;
  }

  async setConsent(id: number, body: Schemas['SetConsentDto']): Promise<void> {
    const saved = await firstValueFrom(this.http.put<Participant>(`/api/participants/${id}/consent`, body));
    this.participants.update((list) => list.map((p) => (p.id === id ? saved : p)));
  }

  async eraseParticipant(id: number): Promise<void> {
    await firstValueFrom(this.http.post(`/api/participants/${id}/erase`, {}));
    await this.loadParticipants();
  }

  attendance(iterationId: number): Promise<number[]> {
    return firstValueFrom(this.http.get<Schemas['AttendanceDto']>(`/api/iterations/${iterationId}/attendance`)).then(
      (a) => a.participantIds,
    );
  }

  async setAttendance(iterationId: number, participantIds: number[]): Promise<void> {
    await firstValueFrom(this.http.put(`/api/iterations/${iterationId}/attendance`, { participantIds }));
    await this.loadLogbook();
  }

  /** Uploads a CSV; emits upload progress (0–100) and finally the report. */
  importCsv(
    kind: 'observations' | 'attendance',
    file: Blob,
    options: { dryRun: boolean; skipInvalid?: boolean },
  ): Observable<{ progress: number; report?: ImportReport }> {
    const params = new HttpParams()
      .set('dryRun', String(options.dryRun))
      .set('skipInvalid', String(!!options.skipInvalid));
    return this.http
      .post<ImportReport>(`${this.base}/import/${kind}`, file, {
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

  history(query: { limit: number; offset: number }): Promise<Schemas['HistoryListDto']> {
    return firstValueFrom(this.http.get<Schemas['HistoryListDto']>(`${this.base}/history`, { params: query }));
  }
}
