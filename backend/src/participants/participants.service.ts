import { Injectable, OnModuleInit } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { Events } from '../common/events';
import { HistoryService } from '../common/history.service';
import { defined } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
import { IterationsService } from '../iterations/iterations.service';
import { AttendanceDto, SetAttendanceDto } from './dto/attendance.dto';
import {
  ConsentDto,
  CreateParticipantDto,
  ParticipantDto,
  ParticipantListDto,
  SetConsentDto,
  UpdateParticipantDto,
} from './dto/participant.dto';
import { Participant } from './participant.entity';
import {
  AttendanceMark,
  AttendedIterationRow,
  LabAttendanceRow,
  ParticipantHistoryRow,
  ParticipantsRepository,
} from './participants.repository';

export type { AttendanceMark, AttendedIterationRow, LabAttendanceRow, ParticipantHistoryRow };

/** What a consent change means for the record: given now, or (any permission taken back) withdrawn now. */
export function consentChange(
  before: Pick<Participant, 'consentParticipation' | 'consentQuote' | 'consentPhoto' | 'consentContact'> | null,
  next: ConsentDto,
  now = new Date(),
) {
  const was = before
    ? [before.consentParticipation, before.consentQuote, before.consentPhoto, before.consentContact]
    : [false, false, false, false];
  const is = [next.participation, next.quote, next.photo, next.contact];
  return {
    consentParticipation: next.participation,
    consentQuote: next.quote,
    consentPhoto: next.photo,
    consentContact: next.contact,
    consentVersion: next.textVersion,
    ...(is.some((v, i) => v && !was[i]) ? { consentGivenAt: now } : {}),
    ...(was.some((v, i) => v && !is[i]) ? { consentWithdrawnAt: now } : {}),
  };
}

/** A participant as an import adds them: who brought them is one of the lab's, or one earlier in the same list. */
export interface NewParticipant {
  pseudonym: string;
  groups: string[];
  affiliation: string | null;
  contact: string | null;
  invitedByParticipantId: number | null;
  invitedByIndex: number | null;
  consent: ConsentDto;
}

@Injectable()
export class ParticipantsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly events: Events,
    private readonly repo: ParticipantsRepository,
    private readonly iterations: IterationsService,
  ) {}

  /** Attendance is ours: iterations show how many attended each one through us, without importing us. */
  onModuleInit(): void {
    this.iterations.countAttendeesWith({ attendeeCounts: (ids) => this.repo.attendeeCounts(ids) });
  }

  private async toDtos(rows: Participant[]): Promise<ParticipantDto[]> {
    if (!rows.length) return [];
    const byId = await this.repo.attendedCounts(rows.map((r) => r.id));
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return rows.map((p) => ({
      id: p.id,
      labId: p.labId,
      pseudonym: p.pseudonym,
      groups: p.groups,
      affiliation: p.affiliation,
      contact: p.contact,
      invitedByParticipantId: p.invitedByParticipantId,
      consent: {
        participation: !!p.consentParticipation,
        quote: !!p.consentQuote,
        photo: !!p.consentPhoto,
        contact: !!p.consentContact,
        givenAt: iso(p.consentGivenAt),
        withdrawnAt: iso(p.consentWithdrawnAt),
        textVersion: p.consentVersion,
      },
      attendedIterations: byId.get(p.id) ?? 0,
      erased: p.erasedAt !== null && p.erasedAt !== undefined,
      version: p.version,
    }));
  }

  async list(labId: number): Promise<ParticipantListDto> {
    return { items: await this.toDtos(await this.repo.list(labId)) };
  }

  async get(id: number): Promise<ParticipantDto> {
    return (await this.toDtos([await this.repo.find(id)]))[0];
  }

  private async assertInviter(
    tx: Tx,
    labId: number,
    inviterId: number | null | undefined,
    selfId?: number,
  ): Promise<void> {
    if (!inviterId) return;
    if (inviterId === selfId || !(await this.repo.existsInLab(tx, inviterId, labId))) {
      throw Errors.validation([{ field: 'invitedByParticipantId', message: 'is not another participant of this lab' }]);
    }
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateParticipantDto): Promise<ParticipantDto> {
    if (dto.contact && !dto.consent.contact)
      throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
    const saved = await this.db.write(async (tx) => {
      await this.assertInviter(tx, access.labId, dto.invitedByParticipantId);
      return this.repo.create(
        tx,
        {
          labId: access.labId,
          pseudonym: dto.pseudonym.trim(),
          groups: dto.groups ?? [],
          affiliation: dto.affiliation?.trim() || null,
          contact: dto.contact?.trim() || null,
          invitedByParticipantId: dto.invitedByParticipantId ?? null,
          consentGivenAt: null,
          consentWithdrawnAt: null,
          erasedAt: null,
          ...consentChange(null, dto.consent),
        },
        { userId: user.id, labId: access.labId },
      );
    });
    return this.get(saved.id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateParticipantDto): Promise<ParticipantDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (tx) => {
      const current = await this.repo.findIn(tx, id);
      if (changes.contact && !current.consentContact)
        throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
      await this.assertInviter(tx, access.labId, changes.invitedByParticipantId, id);
      await this.repo.update(tx, id, version, defined(changes) as Partial<Participant>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(id);
  }

  /**
   * Adds participants as an import does, inside the caller's write: each one created like `create` (their own history
   * entry), in the file's order, so that `invitedByIndex` names one added earlier in the same list.
   */
  async createMany(tx: Tx, access: LabAccess, user: AuthUser, list: NewParticipant[]): Promise<number[]> {
    const ids: number[] = [];
    for (const p of list) {
      const saved = await this.repo.create(
        tx,
        {
          labId: access.labId,
          pseudonym: p.pseudonym,
          groups: p.groups,
          affiliation: p.affiliation,
          contact: p.contact,
          invitedByParticipantId: p.invitedByIndex !== null ? ids[p.invitedByIndex] : p.invitedByParticipantId,
          consentGivenAt: null,
          consentWithdrawnAt: null,
          erasedAt: null,
          ...consentChange(null, p.consent),
        },
        { userId: user.id, labId: access.labId },
      );
      ids.push(saved.id);
    }
    return ids;
  }

  // What their personal-data export holds of the participants feature (see exports/personal-data.service.ts).

  attendedIterations(id: number): Promise<AttendedIterationRow[]> {
    return this.repo.attendedIterations(id);
  }

  historyOf(id: number): Promise<ParticipantHistoryRow[]> {
    return this.repo.history(id);
  }

  countInvitedBy(id: number): Promise<number> {
    return this.repo.countInvitedBy(id);
  }

  /**
   * Erases a participant on request: pseudonym, affiliation, contact and consent details go, their
   * stories are removed, and the history keeps no
   * personal values. Attendance and self-described groups stay, unnamed, so reach and mixing stay correct.
   */
  async erase(access: LabAccess, user: AuthUser, id: number): Promise<ParticipantDto> {
    await this.db.write(async (tx) => {
      const current = await this.repo.findIn(tx, id);
      if (current.erasedAt) return;
      await this.repo.overwrite(tx, id, {
        pseudonym: `Gewist #${id}`,
        affiliation: null,
        contact: null,
        consentQuote: false,
        consentPhoto: false,
        consentContact: false,
        consentWithdrawnAt: new Date(),
        erasedAt: new Date(),
        version: current.version + 1,
      });
      // Their stories and every history entry that named them (observations) go in this same transaction.
      await this.events.emit('participant.erased', { tx, labId: access.labId, participantId: id });
      // The history of this participant may hold their words: keep the events, drop the values.
      await this.history.forgetValues(tx, 'participant', id);
      await this.history.record(tx, {
        entityType: 'participant',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: { erased: null },
        after: { erased: true },
      });
    });
    return this.get(id);
  }

  /** Records consent given or withdrawn; a withdrawal takes effect at once (stories are withheld on the next read). */
  async setConsent(access: LabAccess, user: AuthUser, id: number, dto: SetConsentDto): Promise<ParticipantDto> {
    const { version, ...consent } = dto;
    await this.db.write(async (tx) => {
      const current = await this.repo.findIn(tx, id);
      const changes: Partial<Participant> = consentChange(current, consent);
      // Without contact consent the contact details go.
      if (!consent.contact) changes.contact = null;
      await this.repo.update(tx, id, version, changes, { userId: user.id, labId: access.labId });
    });
    return this.get(id);
  }

  // Attendance

  async attendance(iterationId: number): Promise<AttendanceDto> {
    return { participantIds: await this.repo.attendees(iterationId) };
  }

  async setAttendance(
    access: LabAccess,
    user: AuthUser,
    iterationId: number,
    dto: SetAttendanceDto,
  ): Promise<AttendanceDto> {
    const ids = [...new Set(dto.participantIds)];
    await this.db.write(async (tx) => {
      if (ids.length) {
        const found = await this.repo.idsInLab(tx, ids, access.labId);
        const missing = ids.filter((id) => !found.includes(id));
        if (missing.length)
          throw Errors.validation([
            { field: 'participantIds', message: `not participants of this lab: ${missing.join(', ')}` },
          ]);
      }
      const before = (await this.repo.attendeesIn(tx, iterationId)).sort((a, b) => a - b);
      await this.repo.replaceAttendance(
        tx,
        iterationId,
        ids.map((participantId) => ({ iterationId, participantId, labId: access.labId })),
      );
      const after = [...ids].sort((a, b) => a - b);
      await this.history.record(tx, {
        entityType: 'attendance',
        entityId: iterationId,
        labId: access.labId,
        userId: user.id,
        before: { participantIds: before },
        after: { participantIds: after },
      });
    });
    return this.attendance(iterationId);
  }

  /**
   * Adds participants to an iteration's attendance inside the caller's write (a dialogue's closing), leaving who was
   * recorded as they are; one history entry with who attended before and after, as `setAttendance` records.
   */
  async attendIn(tx: Tx, access: LabAccess, user: AuthUser, iterationId: number, ids: number[]): Promise<void> {
    const before = (await this.repo.attendeesIn(tx, iterationId)).sort((a, b) => a - b);
    await this.repo.addAttendance(
      tx,
      [...new Set(ids)].map((participantId) => ({ iterationId, participantId, labId: access.labId })),
    );
    const after = [...new Set([...before, ...ids])].sort((a, b) => a - b);
    await this.history.record(tx, {
      entityType: 'attendance',
      entityId: iterationId,
      labId: access.labId,
      userId: user.id,
      before: { participantIds: before },
      after: { participantIds: after },
    });
  }

  /** Adds attendance without touching what is recorded (an import), inside the caller's write. */
  addAttendance(tx: Tx, marks: AttendanceMark[]): Promise<void> {
    return this.repo.addAttendance(tx, marks);
  }

  /** The lab's attendance with pseudonyms, for its export (personal data: the caller checks who may see it). */
  labAttendance(labId: number): Promise<LabAttendanceRow[]> {
    return this.repo.labAttendance(labId);
  }
}
