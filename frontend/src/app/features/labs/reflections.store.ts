import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';

export type ReflectionList = Schemas['ReflectionListDto'];

/** The reflections on one iteration: provided by each reflections component, so every iteration keeps its own. */
@Injectable()
export class ReflectionsStore {
  private readonly http = inject(HttpClient);
  private readonly state = new Loadable<ReflectionList | null>(null);
  readonly list = this.state.value;
  readonly error = this.state.error;

  load(iterationId: number): Promise<boolean> {
    return this.state.load(() =>
      firstValueFrom(this.http.get<ReflectionList>(`/api/iterations/${iterationId}/reflections`)),
    );
  }

  async add(iterationId: number, body: { stakeholderGroup: string; text: string }): Promise<void> {
    this.state.set(
      await firstValueFrom(this.http.post<ReflectionList>(`/api/iterations/${iterationId}/reflections`, body)),
    );
  }
}
