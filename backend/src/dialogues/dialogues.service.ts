import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import { RateLimiter } from '../common/rate-limiter';
import type { AuthUser, LabAccess } from '../common/request-context';
import { newToken, sha256 } from '../common/tokens';
import { Db } from '../database/db';
import { DialogueNotifier } from './dialogue-notifier';
import { type Dialogue, FOCUSTAFEL_STEPS, type DialogueJoiner } from './dialogue.entity';
import { DialoguesRepository, type EventRow, type Tx } from './dialogues.repository';
import type {
  CreateDialogueDto,
  DialogueDto,
  DialogueEventDto,
  DialogueListDto,
  JoinDialogueDto,
  JoinerDialogueDto,
  ModerateNoteDto,
  NoteDto,
  PostNoteDto,
} from './dto/dialogue.dto';

/** No 0/O, 1/I/L: easy to read from a projector and to type on a phone. 31^7 ≈ 2.7·10^10 codes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 7;
/** Join attempts per address: a room on one venue network joins at once, a guesser gets nowhere. */
const JOIN_LIMIT = 120;
const JOIN_WINDOW_MS = 10 * 60_000;

export const newJoinCode = (): string =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** Who is watching a stream: each gets only what they may see. */
export type Viewer = { kind: 'facilitator' } | { kind: 'screen' } | { kind: 'joiner'; joinerId: number };

/**
 * What each viewer receives of an event: the facilitator everything; the projector only notes that were let through
 * and may be quoted (never a note "not to be quoted"); a joiner only their own notes, with status and reason.
 */
export function eventFor(viewer: Viewer, row: EventRow): DialogueEventDto | null {
  if (row.type === 'step') return { id: row.id, type: 'step', step: Number(row.data['step']) };
  if (row.type === 'closed') return { id: row.id, type: 'closed' };
  if (row.type === 'joined')
    return viewer.kind === 'facilitator' ? { id: row.id, type: 'joined', displayName: row.displayName ?? '' } : null;
  const status = row.data['status'] as string;
  const reason = (row.data['reason'] as string | null) ?? null;
  if (viewer.kind === 'facilitator')
    return {
      id: row.id,
      type: 'note',
      note: {
        id: row.noteId,
        prompt: row.prompt,
        text: row.text,
        consent: row.consent,
        status,
        reason,
        displayName: row.displayName,
        groups: row.groups,
      },
    };
  if (viewer.kind === 'screen') {
    if (row.consent === 'none' || row.consent === null) return null;
    if (status === 'shown')
      return { id: row.id, type: 'note', note: { id: row.noteId, prompt: row.prompt, text: row.text } };
    if (status === 'hidden') return { id: row.id, type: 'removed', noteId: row.noteId ?? undefined };
    return null;
  }
  if (row.joinerId !== viewer.joinerId) return null;
  return {
    id: row.id,
    type: 'note',
    note: {
      id: row.noteId,
      clientId: row.clientId,
      prompt: row.prompt,
      text: row.text,
      consent: row.consent,
      status,
      reason,
    },
  };
}

@Injectable()
export class DialoguesService {
  constructor(
    private readonly db: Db,
    private readonly repository: DialoguesRepository,
    private readonly history: HistoryService,
    private readonly limiter: RateLimiter,
    readonly notifier: DialogueNotifier,
  ) {}

  async open(access: LabAccess, user: AuthUser, dto: CreateDialogueDto): Promise<DialogueDto> {
    const iterationId = dto.iterationId ?? null;
    if (iterationId !== null && !(await this.repository.iterationInLab(iterationId, access.labId)))
      throw Errors.validation([{ field: 'iterationId', message: 'is not a cycle of this lab', code: 'not_available' }]);
    const title = dto.title?.trim() || `Focustafel ${new Date().toISOString().slice(0, 10)}`;
    const saved = await this.db.write(async (tx) => {
      let joinCode = newJoinCode();
      while (await this.repository.codeTaken(tx, joinCode)) joinCode = newJoinCode();
      const dialogue = await this.repository.insert(tx, {
        labId: access.labId,
        iterationId,
        kind: dto.kind,
        title,
        status: 'open',
        joinCode,
        moderation: dto.moderation ?? 'moderated',
        step: 0,
        createdBy: user.id,
        closedAt: null,
      });
      await this.history.record(tx, {
        entityType: 'dialogue',
        entityId: dialogue.id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { title, kind: dto.kind, iterationId, moderation: dialogue.moderation, status: 'open' },
      });
      return dialogue;
    });
    return this.toDto(saved);
  }

  async list(labId: number): Promise<DialogueListDto> {
    const rows = await this.repository.list(labId);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  }

  async get(id: number): Promise<DialogueDto> {
    const dialogue = await this.repository.find(id);
    if (!dialogue) throw Errors.notFound('dialogue', id);
    return this.toDto(dialogue);
  }

  async setStep(access: LabAccess, user: AuthUser, id: number, step: number): Promise<DialogueDto> {
    if (step >= FOCUSTAFEL_STEPS.length)
      throw Errors.validation([
        {
          field: 'step',
          message: `must be below ${FOCUSTAFEL_STEPS.length}`,
          code: 'too_large',
          params: { max: FOCUSTAFEL_STEPS.length - 1 },
        },
      ]);
    await this.change(id, async (tx, dialogue) => {
      await this.repository.update(tx, id, { step });
      await this.history.record(tx, {
        entityType: 'dialogue',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: { step: dialogue.step },
        after: { step },
      });
      return this.repository.append(tx, { dialogueId: id, type: 'step', data: { step } });
    });
    return this.get(id);
  }

  async close(access: LabAccess, user: AuthUser, id: number): Promise<DialogueDto> {
    await this.change(id, async (tx) => {
      await this.repository.update(tx, id, { status: 'closed', closedAt: new Date() });
      await this.history.record(tx, {
        entityType: 'dialogue',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: { status: 'open' },
        after: { status: 'closed' },
      });
      return this.repository.append(tx, { dialogueId: id, type: 'closed', data: {} });
    });
    return this.get(id);
  }

  /** Lets a note through to the projector or hides it with a reason the author sees; history without its words. */
  async moderate(access: LabAccess, user: AuthUser, id: number, noteId: number, dto: ModerateNoteDto): Promise<void> {
    const reason = dto.reason?.trim() || null;
    if (dto.status === 'hidden' && !reason)
      throw Errors.validation([{ field: 'reason', message: 'say why the note is hidden', code: 'required' }]);
    await this.change(id, async (tx) => {
      const note = await this.repository.note(tx, id, noteId);
      if (!note) throw Errors.notFound('note', noteId);
      const next = dto.status === 'shown' ? null : reason;
      await this.repository.moderate(tx, noteId, dto.status, next);
      await this.history.record(tx, {
        entityType: 'dialogue_note',
        entityId: noteId,
        labId: access.labId,
        userId: user.id,
        before: { status: note.status, reason: note.reason },
        after: { status: dto.status, reason: next },
      });
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'note',
        noteId,
        data: { status: dto.status, reason: next },
      });
    });
  }

  async join(dto: JoinDialogueDto, ip: string): Promise<{ token: string; dialogue: JoinerDialogueDto }> {
    await this.limiter.hit(`dialogue-join:${ip}`, JOIN_LIMIT, JOIN_WINDOW_MS);
    const code = dto.code.trim().toUpperCase().replace(/[\s-]/g, '');
    const dialogue = code ? await this.repository.byCode(code) : null;
    if (!dialogue) throw Errors.notFound('dialogue');
    if (dialogue.status === 'closed') throw Errors.gone('dialogue_closed', 'This table is closed.');
    const displayName = dto.displayName.trim();
    if (!displayName) throw Errors.validation([{ field: 'displayName', message: 'is empty', code: 'required' }]);
    const groups = [...new Set((dto.groups ?? []).map((g) => g.trim()).filter(Boolean))];
    const token = newToken();
    const joiner = await this.change(dialogue.id, async (tx) => {
      const saved = await this.repository.insertJoiner(tx, {
        dialogueId: dialogue.id,
        displayName,
        groups,
        tokenHash: sha256(token),
      });
      return this.repository.append(tx, { dialogueId: dialogue.id, type: 'joined', joinerId: saved.id, data: {} });
    });
    void joiner;
    return { token, dialogue: await this.joinerView(await this.joiner(token)) };
  }

  /** The joiner a token belongs to: a missing or unknown token is an unknown joiner (404). */
  async joiner(token: string | undefined): Promise<DialogueJoiner> {
    const joiner = token ? await this.repository.joinerByToken(sha256(token)) : null;
    if (!joiner) throw Errors.notFound('joiner');
    return joiner;
  }

  async joinerView(joiner: DialogueJoiner): Promise<JoinerDialogueDto> {
    const dialogue = await this.repository.find(joiner.dialogueId);
    if (!dialogue) throw Errors.notFound('joiner');
    return {
      dialogueId: dialogue.id,
      labName: await this.repository.labName(dialogue.labId),
      title: dialogue.title,
      kind: dialogue.kind,
      status: dialogue.status,
      step: dialogue.step,
      steps: [...FOCUSTAFEL_STEPS],
      displayName: joiner.displayName,
      groups: joiner.groups,
    };
  }

  /** Posts a note; the same client id again answers the note already stored, unchanged. */
  async post(joiner: DialogueJoiner, dto: PostNoteDto): Promise<NoteDto> {
    const text = dto.text.trim();
    if (!text) throw Errors.validation([{ field: 'text', message: 'is empty', code: 'required' }]);
    let result: NoteDto | null = null;
    await this.change(joiner.dialogueId, async (tx, dialogue) => {
      const existing = await this.repository.noteByClientId(tx, joiner.id, dto.clientId);
      if (existing) {
        result = this.noteDto(existing);
        return 0;
      }
      const status = dialogue.moderation === 'open' ? 'shown' : 'pending';
      const note = await this.repository.insertNote(tx, {
        dialogueId: dialogue.id,
        joinerId: joiner.id,
        clientId: dto.clientId,
        prompt: dto.prompt,
        text,
        consent: dto.consent,
        status,
        reason: null,
      });
      result = this.noteDto(note);
      return this.repository.append(tx, {
        dialogueId: dialogue.id,
        type: 'note',
        noteId: note.id,
        data: { status, reason: null },
      });
    });
    return result!;
  }

  /** The events after `after` this viewer may see, and the id to continue from (the last one read, seen or not). */
  async eventsAfter(
    dialogueId: number,
    viewer: Viewer,
    after: number,
  ): Promise<{ events: DialogueEventDto[]; lastEventId: number }> {
    let high = this.notifier.high(dialogueId);
    if (high === undefined) {
      this.notifier.seed(dialogueId, await this.repository.lastEventId(dialogueId));
      high = this.notifier.high(dialogueId) ?? 0;
    }
    const events: DialogueEventDto[] = [];
    let last = after;
    for (;;) {
      const rows = await this.repository.events(dialogueId, last, high);
      for (const row of rows) {
        const event = eventFor(viewer, row);
        if (event) events.push(event);
        last = row.id;
      }
      if (rows.length < 500) break;
    }
    return { events, lastEventId: Math.max(last, after) };
  }

  /** A write to an open dialogue, its row locked, appending one event (or none: 0); streams wake after the commit. */
  private async change<T extends number>(id: number, work: (tx: Tx, dialogue: Dialogue) => Promise<T>): Promise<T> {
    const eventId = await this.db.write(async (tx) => {
      const dialogue = await this.repository.lock(tx, id);
      if (!dialogue) throw Errors.notFound('dialogue', id);
      if (dialogue.status === 'closed')
        throw Errors.conflict('dialogue_closed', 'This table is closed: it is read-only.');
      return work(tx, dialogue);
    });
    if (eventId) this.notifier.committedUpTo(id, eventId);
    return eventId;
  }

  private noteDto(note: {
    id: number;
    clientId: string;
    prompt: NoteDto['prompt'];
    text: string;
    consent: NoteDto['consent'];
    status: string;
    reason: string | null;
  }): NoteDto {
    return {
      id: note.id,
      clientId: note.clientId,
      prompt: note.prompt,
      text: note.text,
      consent: note.consent,
      status: note.status,
      reason: note.reason,
    };
  }

  private async toDto(d: Dialogue): Promise<DialogueDto> {
    return {
      id: d.id,
      labId: d.labId,
      labName: await this.repository.labName(d.labId),
      iterationId: d.iterationId,
      kind: d.kind,
      title: d.title,
      status: d.status,
      joinCode: d.joinCode,
      moderation: d.moderation,
      step: d.step,
      steps: [...FOCUSTAFEL_STEPS],
      joiners: await this.repository.joinerCount(d.id),
      createdAt: new Date(d.createdAt).toISOString(),
    };
  }
}
