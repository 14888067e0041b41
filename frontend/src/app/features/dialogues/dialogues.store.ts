import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../../core/api/api';

export type Dialogue = Schemas['DialogueDto'];
export type DialogueSummary = Schemas['DialogueSummaryDto'];
export type JoinerDialogue = Schemas['JoinerDialogueDto'];
export type PostedNote = Schemas['NoteDto'];
export type Prompt = PostedNote['prompt'];
export type Consent = PostedNote['consent'];

/** A note as a stream shows it; what is in it depends on who watches (the server filters). */
export interface LiveNote {
  id: number;
  prompt?: Prompt;
  text?: string;
  consent?: Consent;
  status?: 'pending' | 'shown' | 'hidden';
  reason?: string | null;
  displayName?: string;
  clientId?: string;
}

export interface LiveEvent {
  id: number;
  type: 'note' | 'removed' | 'step' | 'joined' | 'closed';
  note?: LiveNote;
  noteId?: number;
  step?: number;
  displayName?: string;
}

export const PROMPTS: Prompt[] = ['ontkiemd', 'knel'];
export const CONSENTS: Consent[] = ['none', 'lab', 'municipality', 'public'];

/** Live dialogues (tafels): the team's calls, a phone's calls, and the Server-Sent Events streams. */
@Injectable({ providedIn: 'root' })
export class DialoguesStore {
  private readonly http = inject(HttpClient);

  list(labId: number): Promise<Schemas['DialogueListDto']> {
    return firstValueFrom(this.http.get<Schemas['DialogueListDto']>(`/api/labs/${labId}/dialogues`));
  }

  open(labId: number, title: string): Promise<Dialogue> {
    return firstValueFrom(
      this.http.post<Dialogue>(`/api/labs/${labId}/dialogues`, { kind: 'focustafel', title: title || undefined }),
    );
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

  post(note: { clientId: string; prompt: Prompt; text: string; consent: Consent }): Promise<PostedNote> {
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

/** Applies an event to a list of notes by id (newest last). */
export function applyNote(notes: LiveNote[], event: LiveEvent): LiveNote[] {
  if (event.type === 'removed') return notes.filter((n) => n.id !== event.noteId);
  if (event.type !== 'note' || !event.note) return notes;
  const i = notes.findIndex((n) => n.id === event.note!.id);
  if (i < 0) return [...notes, event.note];
  const copy = [...notes];
  copy[i] = { ...copy[i], ...event.note };
  return copy;
}
