import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import { RateLimiter } from '../common/rate-limiter';
import type { AuthUser, LabAccess } from '../common/request-context';
import { newToken, sha256 } from '../common/tokens';
import { Db } from '../database/db';
import { DialogueNotifier } from './dialogue-notifier';
import { SCRIPTS } from './dialogue-scripts';
import {
  type Dialogue,
  type DialogueJoiner,
  type DialogueKind,
  type DialogueNote,
  type DialogueStep,
  DOT_PROMPTS,
  TAG_PROMPTS,
  VOTE_PROMPTS,
} from './dialogue.entity';
import { DialoguesRepository, type EventRow, type Tx } from './dialogues.repository';
import type {
  ClusterCreatedDto,
  CreateDialogueDto,
  DialogueDto,
  DialogueEventDto,
  DialogueListDto,
  JoinDialogueDto,
  JoinerDialogueDto,
  MergeNoteDto,
  ModerateNoteDto,
  NoteDto,
  PostNoteDto,
  UpdateDialogueDto,
} from './dto/dialogue.dto';

/** No 0/O, 1/I/L: easy to read from a projector and to type on a phone. 31^7 ≈ 2.7·10^10 codes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 7;
/** Join attempts per address: a room on one venue network joins at once, a guesser gets nowhere. */
const JOIN_LIMIT = 120;
const JOIN_WINDOW_MS = 10 * 60_000;

export const newJoinCode = (): string =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The default title's first word, as the report names the tables. */
const KIND_NAMES: Record<DialogueKind, string> = {
  focustafel: 'Focustafel',
  verdiepingstafel: 'Verdiepingstafel',
  werkplaats: 'Werkplaats',
  open: 'Open ronde',
};

/** Who is watching a stream: each gets only what they may see. */
export type Viewer = { kind: 'facilitator' } | { kind: 'screen' } | { kind: 'joiner'; joinerId: number };

/**
 * What each viewer receives of an event. The facilitator: everything. The projector: notes let through that may be
 * quoted (never a note "not to be quoted"), without who wrote them, with their clusters, dots per group, votes and
 * ingredients. A phone: what the projector shows (so it can place dots, upvote and tag), and its own notes in full,
 * with their status and the reason when one was hidden or merged.
 */
export function eventFor(viewer: Viewer, row: EventRow): DialogueEventDto | null {
  const d = row.data;
  if (row.type === 'step') return { id: row.id, type: 'step', step: Number(d['step']) };
  if (row.type === 'closed')
    return { id: row.id, type: 'closed', outcome: (d['outcome'] as Record<string, unknown>) ?? {} };
  if (row.type === 'settings') return { id: row.id, type: 'settings', settings: d };
  if (row.type === 'cluster') return { id: row.id, type: 'cluster', cluster: d };
  if (row.type === 'joined')
    return viewer.kind === 'facilitator' ? { id: row.id, type: 'joined', displayName: row.displayName ?? '' } : null;
  const visible = viewer.kind === 'facilitator' || (row.consent !== null && row.consent !== 'none');
  const own = viewer.kind === 'joiner' && row.joinerId === viewer.joinerId;
  if (row.type === 'marks') {
    if (!visible) return null;
    const event: DialogueEventDto = {
      id: row.id,
      type: 'marks',
      noteId: row.noteId ?? undefined,
      dotsByGroup: (d['dotsByGroup'] as Record<string, number>) ?? {},
      votes: Number(d['votes'] ?? 0),
    };
    if (viewer.kind === 'joiner' && d['actor'] === viewer.joinerId) event.mine = Number(d['actorCount'] ?? 0);
    return event;
  }
  if (row.type === 'tags')
    return visible ? { id: row.id, type: 'tags', noteId: row.noteId ?? undefined, tags: d['tags'] as string[] } : null;
  const status = d['status'] as string;
  const reason = (d['reason'] as string | null) ?? null;
  const placement = {
    clusterId: (d['clusterId'] as number | null) ?? null,
    parentId: (d['parentId'] as number | null) ?? null,
    takenOn: Boolean(d['takenOn']),
  };
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
        mergedInto: (d['mergedInto'] as number | null) ?? null,
        ...placement,
        displayName: row.displayName,
        groups: row.groups,
      },
    };
  if (own)
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
        mergedInto: (d['mergedInto'] as number | null) ?? null,
        ...placement,
        mine: true,
      },
    };
  if (!visible) return null;
  if (status === 'shown')
    return {
      id: row.id,
      type: 'note',
      note: {
        id: row.noteId,
        prompt: row.prompt,
        text: row.text,
        status,
        ...placement,
        // A case is presented by its owner, by name; other notes show on the projector without one.
        ...(row.prompt === 'case' ? { displayName: row.displayName } : {}),
      },
    };
  if (status === 'hidden' || status === 'merged')
    return { id: row.id, type: 'removed', noteId: row.noteId ?? undefined };
  return null;
}

/** The dialogue's script: as edited, or its kind's own. */
export const stepsOf = (d: Pick<Dialogue, 'kind' | 'steps'>): DialogueStep[] => d.steps ?? SCRIPTS[d.kind];

type NoteChange = Partial<Pick<DialogueNote, 'status' | 'reason' | 'mergedInto' | 'clusterId' | 'takenOn'>>;

/** What a note event keeps of the note: its state after the event, never its words. */
export const noteState = (
  n: Pick<DialogueNote, 'status' | 'reason' | 'mergedInto' | 'clusterId' | 'parentId' | 'takenOn'>,
): Record<string, unknown> => ({
  status: n.status,
  reason: n.reason,
  mergedInto: n.mergedInto,
  clusterId: n.clusterId,
  parentId: n.parentId,
  takenOn: n.takenOn,
});

/** A script as edited: `notes` steps need their prompts; other steps carry none. Titles are trimmed. */
export function checkedSteps(steps: DialogueStep[], kind: DialogueKind): DialogueStep[] {
  void kind;
  return steps.map((step, i) => {
    if (step.type === 'notes' && !step.prompts?.length)
      throw Errors.validation([
        { field: `steps.${i}.prompts`, message: 'a step of notes needs a prompt', code: 'required' },
      ]);
    const title = step.title?.trim();
    return {
      type: step.type,
      ...(step.type === 'notes' ? { prompts: [...new Set(step.prompts)] } : {}),
      ...(title ? { title } : {}),
    };
  });
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
    const title = dto.title?.trim() || `${KIND_NAMES[dto.kind]} ${new Date().toISOString().slice(0, 10)}`;
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
        steps: dto.steps ? checkedSteps(dto.steps, dto.kind) : null,
        dotsPerPerson: dto.dotsPerPerson ?? 3,
        chosenNoteId: null,
        outcome: null,
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
    await this.change(id, async (tx, dialogue) => {
      const steps = stepsOf(dialogue);
      if (step >= steps.length)
        throw Errors.validation([
          {
            field: 'step',
            message: `must be below ${steps.length}`,
            code: 'too_large',
            params: { max: steps.length - 1 },
          },
        ]);
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

  /** Lets a note through to the projector or hides it with a reason the author sees; history without its words. */
  async moderate(access: LabAccess, user: AuthUser, id: number, noteId: number, dto: ModerateNoteDto): Promise<void> {
    const reason = dto.reason?.trim() || null;
    if (dto.status === 'hidden' && !reason)
      throw Errors.validation([{ field: 'reason', message: 'say why the note is hidden', code: 'required' }]);
    await this.changeNote(access, user, id, noteId, () => ({
      status: dto.status,
      reason: dto.status === 'shown' ? null : reason,
      mergedInto: null,
    }));
  }

  /** Folds a duplicate into another note, with the reason its author sees. */
  async merge(access: LabAccess, user: AuthUser, id: number, noteId: number, dto: MergeNoteDto): Promise<void> {
    const reason = dto.reason.trim();
    if (!reason)
      throw Errors.validation([{ field: 'reason', message: 'say why the notes are merged', code: 'required' }]);
    if (dto.into === noteId)
      throw Errors.validation([{ field: 'into', message: 'is the note itself', code: 'not_available' }]);
    await this.changeNote(access, user, id, noteId, async (_note, tx) => {
      const into = await this.repository.note(tx, id, dto.into);
      if (!into || into.status === 'merged' || into.status === 'hidden')
        throw Errors.validation([{ field: 'into', message: 'is not a note at this table', code: 'not_available' }]);
      return { status: 'merged', reason, mergedInto: into.id };
    });
  }

  /** Puts a note in a cluster of this dialogue, or takes it out (null). */
  async placeInCluster(access: LabAccess, user: AuthUser, id: number, noteId: number, clusterId: number | null) {
    await this.changeNote(access, user, id, noteId, async (_note, tx) => {
      if (clusterId !== null && !(await this.repository.cluster(tx, id, clusterId)))
        throw Errors.validation([
          { field: 'clusterId', message: 'is not a cluster at this table', code: 'not_available' },
        ]);
      return { clusterId };
    });
  }

  /** A case owner (or the facilitator) marks a tip or question as taken on, or not. */
  async takeOn(
    actor: { access: LabAccess; user: AuthUser } | { joiner: DialogueJoiner },
    id: number,
    noteId: number,
    takenOn: boolean,
  ): Promise<void> {
    await this.change(id, async (tx) => {
      const note = await this.repository.note(tx, id, noteId);
      if (!note) throw Errors.notFound('note', noteId);
      if (!VOTE_PROMPTS.includes(note.prompt) || note.parentId === null)
        throw Errors.validation([
          { field: 'noteId', message: 'is not a tip or question for a case', code: 'not_available' },
        ]);
      if ('joiner' in actor) {
        const parent = await this.repository.note(tx, id, note.parentId);
        if (!parent || parent.joinerId !== actor.joiner.id) throw Errors.notFound('note', noteId);
      }
      await this.repository.updateNote(tx, noteId, { takenOn });
      if ('access' in actor)
        await this.history.record(tx, {
          entityType: 'dialogue_note',
          entityId: noteId,
          labId: actor.access.labId,
          userId: actor.user.id,
          before: { takenOn: note.takenOn },
          after: { takenOn },
        });
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'note',
        noteId,
        data: noteState({ ...note, takenOn }),
      });
    });
  }

  async addCluster(access: LabAccess, user: AuthUser, id: number, label: string): Promise<ClusterCreatedDto> {
    const text = label.trim();
    if (!text) throw Errors.validation([{ field: 'label', message: 'is empty', code: 'required' }]);
    let made: ClusterCreatedDto = { id: 0, label: text };
    await this.change(id, async (tx) => {
      const cluster = await this.repository.insertCluster(tx, id, text);
      made = { id: cluster.id, label: text };
      await this.history.record(tx, {
        entityType: 'dialogue_cluster',
        entityId: cluster.id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { label: text },
      });
      return this.repository.append(tx, { dialogueId: id, type: 'cluster', data: { id: cluster.id, label: text } });
    });
    return made;
  }

  async renameCluster(access: LabAccess, user: AuthUser, id: number, clusterId: number, label: string) {
    const text = label.trim();
    if (!text) throw Errors.validation([{ field: 'label', message: 'is empty', code: 'required' }]);
    await this.change(id, async (tx) => {
      const cluster = await this.repository.cluster(tx, id, clusterId);
      if (!cluster) throw Errors.notFound('cluster', clusterId);
      await this.repository.renameCluster(tx, clusterId, text);
      await this.history.record(tx, {
        entityType: 'dialogue_cluster',
        entityId: clusterId,
        labId: access.labId,
        userId: user.id,
        before: { label: cluster.label },
        after: { label: text },
      });
      return this.repository.append(tx, { dialogueId: id, type: 'cluster', data: { id: clusterId, label: text } });
    });
  }

  async removeCluster(access: LabAccess, user: AuthUser, id: number, clusterId: number) {
    await this.change(id, async (tx) => {
      const cluster = await this.repository.cluster(tx, id, clusterId);
      if (!cluster) throw Errors.notFound('cluster', clusterId);
      await this.repository.removeCluster(tx, id, clusterId);
      await this.history.record(tx, {
        entityType: 'dialogue_cluster',
        entityId: clusterId,
        labId: access.labId,
        userId: user.id,
        before: { label: cluster.label },
        after: null,
      });
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'cluster',
        data: { id: clusterId, label: cluster.label, removed: true },
      });
    });
  }

  /**
   * Sets a person's energy dots on a "Hoe kunnen we …?" question let through; their dots over all questions stay
   * within the dialogue's `dotsPerPerson`. The event carries the dots per self-described group, never a total.
   */
  async dots(joiner: DialogueJoiner, noteId: number, count: number): Promise<void> {
    await this.change(joiner.dialogueId, async (tx, dialogue) => {
      const note = await this.markable(tx, dialogue.id, noteId, DOT_PROMPTS);
      const elsewhere = await this.repository.dotsElsewhere(tx, dialogue.id, joiner.id, noteId);
      if (elsewhere + count > dialogue.dotsPerPerson)
        throw Errors.validation([
          {
            field: 'count',
            message: `must be at most ${dialogue.dotsPerPerson - elsewhere}: the other dots are placed`,
            code: 'too_large',
            params: { max: dialogue.dotsPerPerson - elsewhere },
          },
        ]);
      await this.repository.setMark(tx, dialogue.id, note.id, joiner.id, 'dot', count);
      return this.appendMarks(tx, dialogue.id, note.id, joiner.id, count);
    });
  }

  /** Upvotes a tip or question for a case (once per person), or takes the vote back. */
  async vote(joiner: DialogueJoiner, noteId: number, vote: boolean): Promise<void> {
    await this.change(joiner.dialogueId, async (tx, dialogue) => {
      const note = await this.markable(tx, dialogue.id, noteId, VOTE_PROMPTS);
      await this.repository.setMark(tx, dialogue.id, note.id, joiner.id, 'vote', vote ? 1 : 0);
      return this.appendMarks(tx, dialogue.id, note.id, joiner.id, vote ? 1 : 0);
    });
  }

  /** Tags a working ingredient on a good example let through (the room or the facilitator). */
  async tag(
    actor: { access: LabAccess; user: AuthUser } | { joiner: DialogueJoiner },
    id: number,
    noteId: number,
    ingredient: string,
  ): Promise<void> {
    const name = ingredient.trim().replace(/\s+/g, ' ');
    if (!name) throw Errors.validation([{ field: 'ingredient', message: 'is empty', code: 'required' }]);
    await this.change(id, async (tx) => {
      const note = await this.markable(tx, id, noteId, TAG_PROMPTS);
      const known = (await this.repository.tagsOf(tx, note.id)).find((t) => t.toLowerCase() === name.toLowerCase());
      if (known) return 0;
      await this.repository.addTag(tx, id, note.id, name, 'joiner' in actor ? actor.joiner.id : null);
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'tags',
        noteId: note.id,
        data: { tags: await this.repository.tagsOf(tx, note.id) },
      });
    });
  }

  /** The facilitator takes an ingredient off an example. */
  async untag(access: LabAccess, user: AuthUser, id: number, noteId: number, ingredient: string): Promise<void> {
    await this.change(id, async (tx) => {
      const note = await this.repository.note(tx, id, noteId);
      if (!note) throw Errors.notFound('note', noteId);
      if (!(await this.repository.removeTag(tx, noteId, ingredient))) throw Errors.notFound('ingredient');
      await this.history.record(tx, {
        entityType: 'dialogue_note',
        entityId: noteId,
        labId: access.labId,
        userId: user.id,
        before: { ingredient },
        after: null,
      });
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'tags',
        noteId,
        data: { tags: await this.repository.tagsOf(tx, noteId) },
      });
    });
  }

  /** Changes the title, the moderation, the script or the dots while the dialogue is open. */
  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateDialogueDto): Promise<DialogueDto> {
    await this.change(id, async (tx, dialogue) => {
      const before = {
        title: dialogue.title,
        moderation: dialogue.moderation,
        steps: stepsOf(dialogue),
        dotsPerPerson: dialogue.dotsPerPerson,
      };
      const steps = dto.steps ? checkedSteps(dto.steps, dialogue.kind) : before.steps;
      const after = {
        title: dto.title?.trim() || before.title,
        moderation: dto.moderation ?? before.moderation,
        steps,
        dotsPerPerson: dto.dotsPerPerson ?? before.dotsPerPerson,
      };
      const step = Math.min(dialogue.step, steps.length - 1);
      await this.repository.update(tx, id, {
        title: after.title,
        moderation: after.moderation,
        dotsPerPerson: after.dotsPerPerson,
        step,
      });
      if (dto.steps) await this.repository.setSteps(tx, id, steps);
      await this.history.record(tx, {
        entityType: 'dialogue',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before,
        after,
      });
      const settings = await this.repository.append(tx, { dialogueId: id, type: 'settings', data: after });
      return step === dialogue.step
        ? settings
        : this.repository.append(tx, { dialogueId: id, type: 'step', data: { step } });
    });
    return this.get(id);
  }

  /** The facilitator posts a note themselves (a question drafted aloud, a case), let through at once. */
  async postAsFacilitator(access: LabAccess, user: AuthUser, id: number, dto: PostNoteDto): Promise<NoteDto> {
    const name = (await this.repository.userName(user.id)) || 'Gespreksleider';
    const joiner = await this.db.write((tx) =>
      this.repository.facilitatorJoiner(tx, id, user.id, name, sha256(newToken())),
    );
    void access;
    return this.post(joiner, dto, 'shown');
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
        userId: null,
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
      steps: stepsOf(dialogue),
      moderation: dialogue.moderation,
      dotsPerPerson: dialogue.dotsPerPerson,
      ingredients: await this.repository.labIngredients(dialogue.labId),
      displayName: joiner.displayName,
      groups: joiner.groups,
      outcome: dialogue.outcome,
    };
  }

  /**
   * Posts a note; the same client id again answers the note already stored, unchanged. Its prompt must be one of the
   * script's; a tip or question names the case it is for.
   */
  async post(joiner: DialogueJoiner, dto: PostNoteDto, statusOverride?: 'shown'): Promise<NoteDto> {
    const text = dto.text.trim();
    if (!text) throw Errors.validation([{ field: 'text', message: 'is empty', code: 'required' }]);
    let result: NoteDto | null = null;
    await this.change(joiner.dialogueId, async (tx, dialogue) => {
      const existing = await this.repository.noteByClientId(tx, joiner.id, dto.clientId);
      if (existing) {
        result = this.noteDto(existing);
        return 0;
      }
      if (!stepsOf(dialogue).some((step) => step.prompts?.includes(dto.prompt)))
        throw Errors.validation([{ field: 'prompt', message: 'is not asked at this table', code: 'not_available' }]);
      let parentId: number | null = null;
      if (VOTE_PROMPTS.includes(dto.prompt) && dto.parentId !== undefined) {
        const parent = await this.repository.note(tx, dialogue.id, dto.parentId);
        if (!parent || parent.prompt !== 'case' || parent.status === 'hidden' || parent.status === 'merged')
          throw Errors.validation([
            { field: 'parentId', message: 'is not a case at this table', code: 'not_available' },
          ]);
        parentId = parent.id;
      }
      const status = statusOverride ?? (dialogue.moderation === 'open' ? 'shown' : 'pending');
      const note = await this.repository.insertNote(tx, {
        dialogueId: dialogue.id,
        joinerId: joiner.id,
        clientId: dto.clientId,
        prompt: dto.prompt,
        text,
        consent: dto.consent,
        status,
        reason: null,
        clusterId: null,
        mergedInto: null,
        parentId,
        takenOn: false,
      });
      result = this.noteDto(note);
      return this.repository.append(tx, {
        dialogueId: dialogue.id,
        type: 'note',
        noteId: note.id,
        data: noteState(note),
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

  /**
   * A write to an open dialogue, its row locked (so its events commit in id order), returning the id of the last
   * event it appended (or 0 for none); the streams wake after the commit. Every write to a dialogue goes through here.
   */
  async change<T extends number>(id: number, work: (tx: Tx, dialogue: Dialogue) => Promise<T>): Promise<T> {
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

  /** A change of one note by the facilitator: its new state in the history (never its words) and in the log. */
  private async changeNote(
    access: LabAccess,
    user: AuthUser,
    id: number,
    noteId: number,
    next: (note: DialogueNote, tx: Tx) => NoteChange | Promise<NoteChange>,
  ): Promise<void> {
    await this.change(id, async (tx) => {
      const note = await this.repository.note(tx, id, noteId);
      if (!note) throw Errors.notFound('note', noteId);
      const change = await next(note, tx);
      await this.repository.updateNote(tx, noteId, change);
      const before = Object.fromEntries(Object.keys(change).map((k) => [k, note[k as keyof NoteChange]]));
      await this.history.record(tx, {
        entityType: 'dialogue_note',
        entityId: noteId,
        labId: access.labId,
        userId: user.id,
        before,
        after: { ...change },
      });
      return this.repository.append(tx, {
        dialogueId: id,
        type: 'note',
        noteId,
        data: noteState({ ...note, ...change }),
      });
    });
  }

  /** A note that dots, votes or tags may go on: let through, may be quoted, and of the right prompt. */
  private async markable(tx: Tx, dialogueId: number, noteId: number, prompts: readonly string[]) {
    const note = await this.repository.note(tx, dialogueId, noteId);
    if (!note || note.status !== 'shown' || note.consent === 'none') throw Errors.notFound('note', noteId);
    if (!prompts.includes(note.prompt))
      throw Errors.validation([{ field: 'noteId', message: 'does not take this here', code: 'not_available' }]);
    return note;
  }

  /** Appends the note's dots per self-described group ("" when none named) and its votes, after a change. */
  private async appendMarks(tx: Tx, dialogueId: number, noteId: number, actor: number, actorCount: number) {
    const dotsByGroup: Record<string, number> = {};
    let votes = 0;
    for (const mark of await this.repository.marksOf(tx, noteId)) {
      if (mark.kind === 'vote') votes += mark.count;
      else
        for (const group of mark.groups.length ? mark.groups : [''])
          dotsByGroup[group] = (dotsByGroup[group] ?? 0) + mark.count;
    }
    return this.repository.append(tx, {
      dialogueId,
      type: 'marks',
      noteId,
      data: { dotsByGroup, votes, actor, actorCount },
    });
  }

  private noteDto(note: {
    id: number;
    clientId: string;
    prompt: NoteDto['prompt'];
    text: string;
    consent: NoteDto['consent'];
    status: string;
    reason: string | null;
    parentId: number | null;
  }): NoteDto {
    return {
      id: note.id,
      clientId: note.clientId,
      prompt: note.prompt,
      text: note.text,
      consent: note.consent,
      status: note.status,
      reason: note.reason,
      parentId: note.parentId,
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
      steps: stepsOf(d),
      dotsPerPerson: d.dotsPerPerson,
      ingredients: await this.repository.labIngredients(d.labId),
      joiners: await this.repository.joinerCount(d.id),
      chosenNoteId: d.chosenNoteId,
      outcome: d.outcome,
      createdAt: new Date(d.createdAt).toISOString(),
    };
  }
}
