import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../../core/api/api';

export type ClosingPreview = Schemas['ClosingPreviewDto'];
export type CloseChoices = Schemas['CloseDialogueDto'];
export type DialogueOutcome = Schemas['DialogueOutcomeDto'];
export type DialogueReturn = Schemas['DialogueReturnDto'];
export type DialogueOrigin = Schemas['DialogueOriginDto'];
export type ClosedDialogue = Schemas['DialogueDto'];

/** Closing a table and what came of it: the preview, the closing, a phone's personal link, the links back. */
@Injectable({ providedIn: 'root' })
export class DialogueClosingStore {
  private readonly http = inject(HttpClient);
  /** The lab whose links back are loaded, and those links. */
  private originsOf: number | null = null;
  readonly origins = signal<DialogueOrigin[]>([]);

  preview(id: number): Promise<ClosingPreview> {
    return firstValueFrom(this.http.get<ClosingPreview>(`/api/dialogues/${id}/closing`));
  }

  close(id: number, choices: CloseChoices): Promise<ClosedDialogue> {
    return firstValueFrom(this.http.post<ClosedDialogue>(`/api/dialogues/${id}/close`, choices));
  }

  /** Makes this phone's personal link (by its cookie): the token goes in the fragment, never to a server log. */
  link(): Promise<Schemas['ReturnLinkDto']> {
    return firstValueFrom(this.http.post<Schemas['ReturnLinkDto']>('/api/dialogue-joiners/me/link', {}));
  }

  returnView(token: string): Promise<DialogueReturn> {
    return firstValueFrom(
      this.http.get<DialogueReturn>('/api/dialogue-links/me', { headers: { 'x-tafel-token': token } }),
    );
  }

  /** Loads which of the lab's records came from a table, once per lab (the team's pages only). */
  loadOrigins(labId: number): void {
    if (this.originsOf === labId) return;
    this.originsOf = labId;
    this.origins.set([]);
    firstValueFrom(this.http.get<Schemas['DialogueOriginListDto']>(`/api/labs/${labId}/dialogue-outcomes`)).then(
      (list) => this.originsOf === labId && this.origins.set(list.items),
      () => undefined,
    );
  }

  /** After a closing the links back are read again. */
  forgetOrigins(): void {
    this.originsOf = null;
  }
}
