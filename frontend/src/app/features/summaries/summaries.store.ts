import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../../core/api/api';

export type Summary = Schemas['SummaryDto'];
export type Snapshot = Schemas['SnapshotDto'];
export type SnapshotSummary = Schemas['SnapshotSummaryDto'];
export type Audience = Summary['audience'];

/** The council summary: live for the team, and frozen as dated snapshots with a permanent link. */
@Injectable({ providedIn: 'root' })
export class SummariesStore {
  private readonly http = inject(HttpClient);

  live(labId: number, audience: Audience, roundId: number | null): Promise<Summary> {
    const path = roundId ? `/api/rounds/${roundId}/summary` : `/api/labs/${labId}/summary`;
    return firstValueFrom(this.http.get<Summary>(path, { params: { audience } }));
  }

  freeze(labId: number, audience: Audience, roundId: number | null): Promise<Snapshot> {
    return firstValueFrom(
      this.http.post<Snapshot>(`/api/labs/${labId}/summaries`, { audience, ...(roundId ? { roundId } : {}) }),
    );
  }

  list(labId: number): Promise<SnapshotSummary[]> {
    return firstValueFrom(this.http.get<Schemas['SnapshotListDto']>(`/api/labs/${labId}/summaries`)).then(
      (l) => l.items,
    );
  }

  snapshot(id: number): Promise<Snapshot> {
    return firstValueFrom(this.http.get<Snapshot>(`/api/summaries/${id}`));
  }
}
