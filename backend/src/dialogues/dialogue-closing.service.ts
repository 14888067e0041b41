import { Injectable } from '@nestjs/common';
import { toCsv } from '../common/csv';
import { Errors, type FieldError } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import type { Visibility } from '../common/vocabulary';
import { newToken, sha256 } from '../common/tokens';
import { IterationsService } from '../iterations/iterations.service';
import { LabsService } from '../labs/labs.service';
import { LearningsService } from '../learnings/learnings.service';
import { ObservationsService } from '../observations/observations.service';
import { ParticipantsService } from '../participants/participants.service';
import { DialogueClosingRepository, type ClosingNoteRow } from './dialogue-closing.repository';
import { RETURN_LINK_DAYS } from './dialogue-return-link.entity';
import type { DialogueJoiner, DialogueOutcome, NoteConsent, NotePrompt } from './dialogue.entity';
import { DialoguesRepository, type Tx } from './dialogues.repository';
import { DialoguesService } from './dialogues.service';
import type { DialogueDto } from './dto/dialogue.dto';
import type {
  ClosingCycleDto,
  ClosingParticipantDto,
  ClosingPreviewDto,
  CloseDialogueDto,
  DialogueOriginListDto,
  DialogueOutcomeDto,
  DialogueExportDto,
  DialogueReturnDto,
  ReturnLinkDto,
} from './dto/dialogue-closing.dto';

/** What people told at the table: these notes become stories. Questions, tips and questions for a case do not. */
const STORY_PROMPTS: readonly NotePrompt[] = [
  'ontkiemd',
  'knel',
  'example',
  'case',
  'open-1',
  'open-2',
  'open-3',
  'open-4',
  'open-5',
  'open-6',
  'open-7',
  'open-8',
  'open-9',
];
const WIDTH: Record<NoteConsent, number> = { none: 0, lab: 1, municipality: 2, public: 3 };
/**
 * Who can read a lab's question and its cycles' plans: a private lab its team (consent `lab` suffices), a members'
 * lab also its observers (as far as the municipality reads), a public lab everyone. Words go there only with consent
 * that wide; stories carry their own audience instead.
 */
const NEEDED: Record<Visibility, number> = { private: 1, members: 2, public: 3 };
export const coversLab = (consent: NoteConsent, visibility: Visibility): boolean =>
  WIDTH[consent] >= NEEDED[visibility];

/** A story's perspective from the groups its teller named (Dutch or English); `other` when none fits. */
const PERSPECTIVE_WORDS: [RegExp, string][] = [
  [/vrijwillig|volunteer/i, 'volunteer'],
  [/gemeente|municipal|ambtena/i, 'municipality'],
  [/professional|hulpverlen|werker|docent|leerkracht|teacher/i, 'professional'],
  [/partner|organisatie|organisation|kerk|church|school/i, 'partner'],
  [/kind|child|leerling|pupil/i, 'child'],
  [/bewoner|buurt|resident|neighbour/i, 'resident'],
];
export const perspectiveOf = (groups: string[]): string =>
  PERSPECTIVE_WORDS.find(([pattern]) => groups.some((g) => pattern.test(g)))?.[1] ?? 'other';

const day = (d: Date): string => new Date(d).toISOString().slice(0, 10);
const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

interface Candidates {
  questions: ClosingPreviewDto['questions'];
  stories: ClosingNoteRow[];
  notQuoted: number;
  learnings: { ingredient: string; noteIds: number[]; exists: boolean }[];
  plan: (ClosingNoteRow & { writable: boolean })[];
}

/** What a table could write into the lab, from its notes: only notes let through (never hidden or merged ones). */
export function candidates(notes: ClosingNoteRow[], visibility: Visibility, learningTitles: string[]): Candidates {
  const shown = notes.filter((n) => n.status === 'shown');
  const questions = shown
    .filter((n) => n.prompt === 'hkw')
    .sort((a, b) => b.dots - a.dots || a.id - b.id)
    .map((n) => ({
      noteId: n.id,
      text: n.text,
      consent: n.consent,
      dots: n.dots,
      dotsByGroup: n.dotsByGroup,
      mayBeLabQuestion: coversLab(n.consent, visibility),
    }));
  const told = shown.filter((n) => STORY_PROMPTS.includes(n.prompt));
  const byIngredient = new Map<string, { ingredient: string; noteIds: number[] }>();
  for (const note of shown.filter((n) => n.prompt === 'example'))
    for (const tag of note.tags) {
      const key = tag.trim().toLowerCase();
      const entry = byIngredient.get(key) ?? { ingredient: tag.trim(), noteIds: [] };
      entry.noteIds.push(note.id);
      byIngredient.set(key, entry);
    }
  return {
    questions,
    stories: told.filter((n) => n.consent !== 'none'),
    notQuoted: told.filter((n) => n.consent === 'none').length,
    learnings: [...byIngredient.values()].map((l) => ({
      ...l,
      exists: learningTitles.some((t) => same(t, l.ingredient)),
    })),
    plan: shown
      .filter((n) => (n.prompt === 'tip' || n.prompt === 'question') && n.takenOn)
      .sort((a, b) => b.votes - a.votes || a.id - b.id)
      .map((n) => ({ ...n, writable: coversLab(n.consent, visibility) })),
  };
}

const isCoordinator = (access: LabAccess): boolean => access.isAdmin || access.role === 'coordinator';

/**
 * Closing a table writes what the facilitator chose into the lab, in the closing's one transaction: the chosen
 * question, stories, draft learnings, the next cycle's plan and attendance, each with a link back
 * (`dialogue_outcomes`) and its history entry; and a summary in words safe for the phones.
 */
@Injectable()
export class DialogueClosingService {
  constructor(
    private readonly dialogues: DialoguesService,
    private readonly dialoguesRepository: DialoguesRepository,
    private readonly repository: DialogueClosingRepository,
    private readonly history: HistoryService,
    private readonly labs: LabsService,
    private readonly observations: ObservationsService,
    private readonly learnings: LearningsService,
    private readonly iterations: IterationsService,
    private readonly participants: ParticipantsService,
  ) {}

  private async cycleOf(iterationId: number | null): Promise<ClosingCycleDto | null> {
    if (iterationId === null) return null;
    const it = await this.iterations.get(iterationId);
    return { id: it.id, number: it.number, experimentId: it.experimentId };
  }

  private async participantsOf(labId: number): Promise<ClosingParticipantDto[]> {
    const { items } = await this.participants.list(labId);
    return items.filter((p) => !p.erased).map((p) => ({ id: p.id, pseudonym: p.pseudonym, groups: p.groups }));
  }

  async preview(access: LabAccess, id: number): Promise<ClosingPreviewDto> {
    const dialogue = await this.dialogues.get(id);
    const [cycle, notes, joiners, participants, titles, lab] = await Promise.all([
      this.cycleOf(dialogue.iterationId),
      this.repository.notes(null, id),
      this.repository.joiners(null, id),
      this.participantsOf(access.labId),
      this.learnings.titlesOfType(access.labId, 'working_ingredient'),
      this.labs.get(access),
    ]);
    const found = candidates(notes, access.visibility, titles);
    return {
      dialogueId: id,
      title: dialogue.title,
      kind: dialogue.kind,
      cycle,
      coordinator: isCoordinator(access),
      labQuestion: lab.question,
      questions: found.questions,
      stories: found.stories.map((n) => ({ noteId: n.id, prompt: n.prompt, text: n.text, audience: n.consent })),
      notQuoted: found.notQuoted,
      learnings: found.learnings.map((l) => ({
        ingredient: l.ingredient,
        examples: l.noteIds.length,
        exists: l.exists,
      })),
      plan: found.plan.map((n) => ({
        noteId: n.id,
        prompt: n.prompt,
        text: n.text,
        votes: n.votes,
        writable: n.writable,
      })),
      joiners: joiners.map((j) => ({
        joinerId: j.id,
        displayName: j.displayName,
        groups: j.groups,
        suggestedParticipantId: participants.find((p) => same(p.pseudonym, j.displayName))?.id ?? null,
      })),
      participants,
    };
  }

  /** The choices that can be refused before anything is written: a field error each. */
  private check(
    access: LabAccess,
    dto: CloseDialogueDto,
    iterationId: number | null,
    participants: ClosingParticipantDto[],
  ): void {
    const errors: FieldError[] = [];
    if (dto.question?.to === 'lab' && !isCoordinator(access))
      errors.push({ field: 'question', message: 'is for a coordinator of the lab to write', code: 'not_available' });
    if (dto.learnings && !isCoordinator(access))
      errors.push({ field: 'learnings', message: 'is for a coordinator of the lab to write', code: 'not_available' });
    if (dto.cycle && iterationId === null)
      errors.push({ field: 'cycle', message: 'needs a cycle: the table is tied to none', code: 'not_available' });
    if (dto.attendance?.length && iterationId === null)
      errors.push({ field: 'attendance', message: 'needs a cycle: the table is tied to none', code: 'not_available' });
    const seen = new Set<number>();
    (dto.attendance ?? []).forEach((match, i) => {
      if (seen.has(match.joinerId))
        errors.push({ field: `attendance.${i}.joinerId`, message: 'names a joiner more than once', code: 'duplicate' });
      seen.add(match.joinerId);
      if (match.participantId !== null && !participants.some((p) => p.id === match.participantId))
        errors.push({
          field: `attendance.${i}.participantId`,
          message: 'is not a participant of this lab',
          code: 'not_available',
        });
    });
    if (errors.length) throw Errors.validation(errors);
  }

  /**
   * Closes the table and writes what was chosen, all in one transaction with the closing: a failure anywhere leaves
   * nothing written and the table open. Closing again answers 409 `dialogue_closed` (the first closing wrote it all).
   */
  async close(access: LabAccess, user: AuthUser, id: number, dto: CloseDialogueDto): Promise<DialogueDto> {
    const found = await this.dialogues.get(id);
    const [cycle, participants, titles] = await Promise.all([
      this.cycleOf(found.iterationId),
      dto.attendance?.length ? this.participantsOf(access.labId) : Promise.resolve([]),
      dto.learnings ? this.learnings.titlesOfType(access.labId, 'working_ingredient') : Promise.resolve([]),
    ]);
    this.check(access, dto, found.iterationId, participants);
    const actor = { labId: access.labId, userId: user.id };
    await this.dialogues.change(id, async (tx, dialogue) => {
      const notes = await this.repository.notes(tx, id);
      const joiners = await this.repository.joiners(tx, id);
      const groupsOf = (joinerId: number) => joiners.find((j) => j.id === joinerId)?.groups ?? [];
      const all = candidates(notes, access.visibility, titles);
      const links: Omit<DialogueOutcome, 'id' | 'createdAt' | 'dialogueRef'>[] = [];
      const link = (entityType: string, entityId: number, noteId: number | null = null) =>
        links.push({ dialogueId: id, labId: access.labId, entityType, entityId, noteId });
      const closedAt = new Date();
      const outcome: DialogueOutcomeDto = {
        closedAt: closedAt.toISOString(),
        question: null,
        questionTo: null,
        stories: 0,
        cycleNumber: cycle?.number ?? null,
        learnings: [],
        nextCycle: null,
        attendance: 0,
        newcomers: 0,
      };

      let chosenNoteId: number | null = null;
      if (dto.question) {
        const question = all.questions.find((q) => q.noteId === dto.question!.noteId);
        if (!question || (dto.question.to === 'lab' && !question.mayBeLabQuestion))
          throw Errors.validation([
            { field: 'question.noteId', message: 'is not a question shown at this table', code: 'not_available' },
          ]);
        chosenNoteId = question.noteId;
        if (dto.question.to === 'lab') {
          await this.labs.setQuestionIn(tx, access, user, question.text);
          link('lab_question', access.labId, question.noteId);
        }
        outcome.questionTo = dto.question.to;
        // A phone sees the question's words only if they were on the projector (let through, may be quoted).
        outcome.question = question.consent !== 'none' ? question.text : null;
      }

      const storyOf = new Map<number, number>();
      if (dto.stories)
        for (const note of all.stories) {
          const storyId = await this.observations.createIn(tx, access.labId, user.id, {
            kind: 'story',
            iterationId: dialogue.iterationId,
            observedOn: day(dialogue.createdAt),
            storyText: note.text,
            perspective: perspectiveOf(groupsOf(note.joinerId)),
            // The phone promised "your name does not come with it": a story of the table, told by no participant.
            participantId: null,
            audience: note.consent as 'lab' | 'municipality' | 'public',
            dimensions: [],
            hypothesisIds: [],
          });
          storyOf.set(note.id, storyId);
          link('observation', storyId, note.id);
        }
      outcome.stories = storyOf.size;

      if (dto.learnings)
        for (const learning of all.learnings.filter((l) => !l.exists)) {
          const evidence = [
            ...(dialogue.iterationId !== null ? [{ kind: 'iteration' as const, refId: dialogue.iterationId }] : []),
            ...learning.noteIds
              .filter((n) => storyOf.has(n))
              .map((n) => ({ kind: 'observation' as const, refId: storyOf.get(n)! })),
          ];
          const examples = learning.noteIds.length;
          const learningId = await this.learnings.createDraftIn(tx, actor, {
            title: learning.ingredient.slice(0, 200),
            body:
              `Genoemd aan tafel "${dialogue.title}" (${day(dialogue.createdAt)}) als werkzaam ingrediënt van ` +
              `${examples} ${examples === 1 ? 'goed voorbeeld' : 'goede voorbeelden'}.`,
            type: 'working_ingredient',
            evidence,
          });
          link('learning', learningId, learning.noteIds[0] ?? null);
          outcome.learnings.push(learning.ingredient);
        }

      const planned = all.plan.filter((n) => n.writable);
      if (dto.cycle && cycle && planned.length) {
        const plan = [`Opgepakt aan tafel "${dialogue.title}" (${day(dialogue.createdAt)}):`]
          .concat(planned.map((n) => `- ${n.text}`))
          .join('\n');
        const next = await this.iterations.createIn(tx, actor, cycle.experimentId, {
          startsOn: day(closedAt),
          plan,
        });
        link('iteration', next.id);
        outcome.nextCycle = { number: next.number, plan: planned.map((n) => n.text) };
      }

      if (dto.attendance?.length && dialogue.iterationId !== null) {
        const attending: number[] = [];
        for (const [i, match] of dto.attendance.entries()) {
          const joiner = joiners.find((j) => j.id === match.joinerId);
          if (!joiner)
            throw Errors.validation([
              { field: `attendance.${i}.joinerId`, message: 'is not a joiner of this table', code: 'not_available' },
            ]);
          attending.push(match.participantId ?? (await this.register(tx, access, user, joiner, link)));
          if (match.participantId === null) outcome.newcomers++;
        }
        const ids = [...new Set(attending)];
        await this.participants.attendIn(tx, access, user, dialogue.iterationId, ids);
        for (const participantId of ids) link('attendance', participantId);
        outcome.attendance = ids.length;
      }

      await this.dialoguesRepository.update(tx, id, { status: 'closed', closedAt, chosenNoteId });
      await this.repository.setOutcome(tx, id, outcome);
      await this.history.record(tx, {
        entityType: 'dialogue',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: { status: 'open', chosenNoteId: dialogue.chosenNoteId },
        after: { status: 'closed', chosenNoteId, outcome },
      });
      await this.repository.addOutcomes(tx, links);
      return this.dialoguesRepository.append(tx, { dialogueId: id, type: 'closed', data: { outcome } });
    });
    return this.dialogues.get(id);
  }

  /** A joiner registered as a participant: pseudonym their display name, their groups, consent to taking part. */
  private async register(
    tx: Tx,
    access: LabAccess,
    user: AuthUser,
    joiner: DialogueJoiner,
    link: (type: string, id: number) => void,
  ): Promise<number> {
    const [participantId] = await this.participants.createMany(tx, access, user, [
      {
        pseudonym: joiner.displayName,
        groups: joiner.groups,
        affiliation: null,
        contact: null,
        invitedByParticipantId: null,
        invitedByIndex: null,
        // Joining the table is taking part; quoting is asked per note, photos and contact are not asked at all.
        consent: { participation: true, quote: false, photo: false, contact: false, textVersion: TAFEL_CONSENT },
      },
    ]);
    link('participant', participantId);
    return participantId;
  }

  async origins(labId: number): Promise<DialogueOriginListDto> {
    const rows = await this.repository.outcomesOfLab(labId);
    return {
      items: rows.map((r) => ({
        dialogueId: r.dialogueId,
        title: r.title,
        entityType: r.entityType,
        entityId: r.entityId,
        question: r.question,
      })),
    };
  }

  /** Makes (or replaces) the phone's personal link: it reads what came of the table, for RETURN_LINK_DAYS. */
  async makeReturnLink(joiner: DialogueJoiner): Promise<ReturnLinkDto> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + RETURN_LINK_DAYS * 86_400_000);
    await this.repository.setReturnLink(joiner.id, sha256(token), expiresAt);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** What a personal link shows; an unknown or expired link is an unknown joiner (404). */
  async returnView(token: string | undefined): Promise<DialogueReturnDto> {
    const found = token ? await this.repository.returnLink(sha256(token)) : null;
    const joiner =
      found && new Date(found.expiresAt).getTime() > Date.now() ? await this.repository.joiner(found.joinerId) : null;
    if (!found || !joiner) throw Errors.notFound('joiner');
    const view = await this.dialogues.joinerView(joiner);
    return {
      dialogueId: view.dialogueId,
      labName: view.labName,
      title: view.title,
      kind: view.kind,
      status: view.status,
      displayName: view.displayName,
      outcome: view.outcome as DialogueOutcomeDto | null,
      expiresAt: new Date(found.expiresAt).toISOString(),
    };
  }
  /** The table for the team: every note with its words, author, marks and state, and the moderation log. */
  async exportOf(id: number): Promise<DialogueExportDto> {
    const dialogue = await this.dialogues.get(id);
    const [notes, moderation, joiners] = await Promise.all([
      this.repository.notes(null, id),
      this.repository.moderation(id),
      this.repository.joiners(null, id),
    ]);
    const closedAt = (dialogue.outcome as DialogueOutcomeDto | null)?.closedAt ?? null;
    return {
      id,
      title: dialogue.title,
      kind: dialogue.kind,
      status: dialogue.status,
      createdAt: dialogue.createdAt,
      closedAt,
      joiners: joiners.length,
      notes: notes.map((n) => ({
        id: n.id,
        prompt: n.prompt,
        // "Not to be quoted" never leaves the facilitator view: the download says the note was there, not its words.
        text: n.consent === 'none' ? null : n.text,
        status: n.status,
        reason: n.reason,
        mergedInto: n.mergedInto,
        parentId: n.parentId,
        cluster: n.clusterLabel,
        dotsByGroup: n.dotsByGroup,
        votes: n.votes,
        tags: n.tags,
        takenOn: n.takenOn,
        consent: n.consent,
        displayName: n.displayName,
        createdAt: n.createdAt.toISOString(),
      })),
      moderation: moderation.map((m) => ({ ...m, at: m.at.toISOString() })),
      outcome: dialogue.outcome as DialogueOutcomeDto | null,
    };
  }

  /** The export's notes as CSV, one row each (the moderation log is in the JSON export); safe against formulas. */
  async exportCsv(id: number): Promise<string> {
    const { notes } = await this.exportOf(id);
    return toCsv(
      EXPORT_COLUMNS,
      notes.map((n) => ({
        ...n,
        dotsByGroup: Object.entries(n.dotsByGroup).map(([group, count]) => `${group || 'geen groep'}: ${count}`),
        takenOn: n.takenOn ? 'ja' : 'nee',
      })),
    );
  }
}

const EXPORT_COLUMNS = [
  'id',
  'prompt',
  'text',
  'status',
  'reason',
  'mergedInto',
  'parentId',
  'cluster',
  'dotsByGroup',
  'votes',
  'tags',
  'takenOn',
  'consent',
  'displayName',
  'createdAt',
];

/** The consent text version recorded for someone registered from a table: joining it was their consent to take part. */
export const TAFEL_CONSENT = 'tafel-meedoen';
