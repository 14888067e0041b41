import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../../core/api/api';
import type { Consent, LiveEvent, Prompt, ScriptStep } from './dialogue-state';

export type Dialogue = Schemas['DialogueDto'];
export type DialogueSummary = Schemas['DialogueSummaryDto'];
export type JoinerDialogue = Schemas['JoinerDialogueDto'];
export type PostedNote = Schemas['NoteDto'];
export type { Consent, LiveEvent, LiveNote, Prompt, ScriptStep } from './dialogue-state';
export type DialogueKind = Dialogue['kind'];

export const KINDS: DialogueKind[] = ['focustafel', 'verdiepingstafel', 'werkplaats', 'open'];
export const CONSENTS: Consent[] = ['none', 'lab', 'municipality', 'public'];

/** A note to post: the phone makes its id, so a note sent twice (after a lost answer) is stored once. */
export interface NewNote {
  clientId: string;
  prompt: Prompt;
  text: string;
  consent: Consent;
  parentId?: number;
}

/** Live dialogues (tafels): the team's calls, a phone's calls, and the Server-Sent Events streams. */
@Injectable({ providedIn: 'root' })
export class DialoguesStore {
  private readonly http = inject(HttpClient);

  list(labId: number): Promise<Schemas['DialogueListDto']> {
    return firstValueFrom(this.http.get<Schemas['DialogueListDto']>(`/api/labs/${labId}/dialogues`));
  }

  open(
    labId: number,
    body: { kind: DialogueKind; title?: string; iterationId?: number; moderation?: 'moderated' | 'open' },
  ): Promise<Dialogue> {
    return firstValueFrom(this.http.post<Dialogue>(`/api/labs/${labId}/dialogues`, body));
  }

  update(
    id: number,
    body: { title?: string; moderation?: 'moderated' | 'open'; steps?: ScriptStep[]; dotsPerPerson?: number },
  ): Promise<Dialogue> {
    return firstValueFrom(this.http.patch<Dialogue>(`/api/dialogues/${id}`, body));
  }

  postAsFacilitator(id: number, note: NewNote): Promise<PostedNote> {
    return firstValueFrom(this.http.post<PostedNote>(`/api/dialogues/${id}/notes`, note));
  }

  merge(id: number, noteId: number, into: number, reason: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogues/${id}/notes/${noteId}/merge`, { into, reason }));
  }

  addCluster(id: number, label: string): Promise<{ id: number; label: string }> {
    return firstValueFrom(this.http.post<{ id: number; label: string }>(`/api/dialogues/${id}/clusters`, { label }));
  }

  renameCluster(id: number, clusterId: number, label: string): Promise<unknown> {
    return firstValueFrom(this.http.patch(`/api/dialogues/${id}/clusters/${clusterId}`, { label }));
  }

  removeCluster(id: number, clusterId: number): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/dialogues/${id}/clusters/${clusterId}`));
  }

  placeInCluster(id: number, noteId: number, clusterId: number | null): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogues/${id}/notes/${noteId}/cluster`, { clusterId }));
  }

  tag(id: number, noteId: number, ingredient: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogues/${id}/notes/${noteId}/tags`, { ingredient }));
  }

  untag(id: number, noteId: number, ingredient: string): Promise<unknown> {
    return firstValueFrom(
      this.http.delete(`/api/dialogues/${id}/notes/${noteId}/tags/${encodeURIComponent(ingredient)}`),
    );
  }

  takeOn(id: number, noteId: number, takenOn: boolean): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogues/${id}/notes/${noteId}/take-on`, { takenOn }));
  }

  myDots(noteId: number, count: number): Promise<unknown> {
    return firstValueFrom(this.http.put(`/api/dialogue-joiners/me/dots/${noteId}`, { count }));
  }

  myVote(noteId: number, vote: boolean): Promise<unknown> {
    return firstValueFrom(this.http.put(`/api/dialogue-joiners/me/votes/${noteId}`, { vote }));
  }

  myTag(noteId: number, ingredient: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogue-joiners/me/notes/${noteId}/tags`, { ingredient }));
  }

  myTakeOn(noteId: number, takenOn: boolean): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogue-joiners/me/notes/${noteId}/take-on`, { takenOn }));
  }

  get(id: number): Promise<Dialogue> {
    return firstValueFrom(this.http.get<Dialogue>(`/api/dialogues/${id}`));
  }

  step(id: number, step: number): Promise<Dialogue> {
    return firstValueFrom(this.http.post<Dialogue>(`/api/dialogues/${id}/step`, { step }));
  }

  close(id: number): Promise<Dialogue> {
    return firstValueFrom(this.http.post<Dialogue>(`/api/dialogues/${id}/close`, {}));
  }

  moderate(id: number, noteId: number, status: 'shown' | 'hidden', reason?: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/dialogues/${id}/notes/${noteId}/moderate`, { status, reason }));
  }

  join(code: string, displayName: string, groups: string[]): Promise<JoinerDialogue> {
    return firstValueFrom(this.http.post<JoinerDialogue>('/api/dialogues/join', { code, displayName, groups }));
  }

  me(): Promise<JoinerDialogue> {
    return firstValueFrom(this.http.get<JoinerDialogue>('/api/dialogue-joiners/me'));
  }

  post(note: NewNote): Promise<PostedNote> {
    return firstValueFrom(this.http.post<PostedNote>('/api/dialogue-joiners/me/notes', note));
  }

  /**
   * Follows a stream; EventSource reconnects by itself and sends `Last-Event-ID`, so nothing is lost or repeated.
   * Returns the function that stops it.
   */
  follow(path: string, onEvent: (event: LiveEvent) => void, onState: (live: boolean) => void): () => void {
    const source = new EventSource(path, { withCredentials: true });
    source.onmessage = (message) => onEvent(JSON.parse(message.data) as LiveEvent);
    source.onopen = () => onState(true);
    source.onerror = () => onState(false);
    return () => source.close();
  }
}
