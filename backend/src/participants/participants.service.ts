import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Errors } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, managerQuery } from '../database/db';
import { HistoryService } from '../common/history.service';
import { Attendance } from './attendance.entity';
import {
  ConsentDto,
  CreateParticipantDto,
  ParticipantDto,
  ParticipantListDto,
  SetConsentDto,
  UpdateParticipantDto,
} from './dto/participant.dto';
import { Participant } from './participant.entity';
import { HistoryEntry } from '../common/history.entity';
import { Lab } from '../labs/lab.entity';
import { Observation } from '../observations/observation.entity';

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

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly db: Db,
    private readonly records: Records,
    private readonly history: HistoryService,
  ) {}

  private async toDtos(rows: Participant[]): Promise<ParticipantDto[]> {
    if (!rows.length) return [];
    const counts = await this.db.manager
      .createQueryBuilder(Attendance, 'a')
      .select('a.participant_id', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('a.participant_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .groupBy('a.participant_id')
      .getRawMany<{ id: number; n: string | number }>();
    const byId = new Map(counts.map((c) => [Number(c.id), Number(c.n)]));
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
      version: p.version,
    }));
  }

  async list(labId: number): Promise<ParticipantListDto> {
    return {
      items: await this.toDtos(
        await this.db.manager.find(Participant, { where: { labId }, order: { pseudonym: 'ASC', id: 'ASC' } }),
      ),
    };
  }

  async get(id: number): Promise<ParticipantDto> {
    return (await this.toDtos([await this.db.manager.findOneByOrFail(Participant, { id })]))[0];
  }

  private async assertInviter(
    m: EntityManager,
    labId: number,
    inviterId: number | null | undefined,
    selfId?: number,
  ): Promise<void> {
    if (!inviterId) return;
    if (inviterId === selfId || !(await m.existsBy(Participant, { id: inviterId, labId }))) {
      throw Errors.validation([{ field: 'invitedByParticipantId', message: 'is not another participant of this lab' }]);
    }
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateParticipantDto): Promise<ParticipantDto> {
    if (dto.contact && !dto.consent.contact)
      throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
    const saved = await this.db.write(async (m) => {
      await this.assertInviter(m, access.labId, dto.invitedByParticipantId);
      return this.records.create(
        m,
        Participant,
        'participant',
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
    await this.db.write(async (m) => {
      const current = await m.findOneByOrFail(Participant, { id });
      if (changes.contact && !current.consentContact)
        throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
      await this.assertInviter(m, access.labId, changes.invitedByParticipantId, id);
      await this.records.update(m, Participant, 'participant', id, version, defined(changes) as Partial<Participant>, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(id);
  }

  /** Everything the system holds about one participant, machine-readable (AVG/GDPR art. 15 and 20). */
  async exportPersonalData(id: number): Promise<Record<string, unknown>> {
    const participant = (await this.toDtos([await this.db.manager.findOneByOrFail(Participant, { id })]))[0];
    const [attendance, stories, history] = await Promise.all([
      this.db.query(
        'SELECT a.iteration_id, i.number, i.starts_on, e.title AS experiment FROM attendance a JOIN iterations i ON i.id = a.iteration_id JOIN experiments e ON e.id = i.experiment_id WHERE a.participant_id = $1 ORDER BY i.starts_on',
        [id],
      ),
      this.db.query(
        "SELECT id, observed_on, story_text, perspective, audience, dimensions FROM observations WHERE participant_id = $1 AND kind = 'story' ORDER BY observed_on",
        [id],
      ),
      this.db.query(
        "SELECT action, changes, created_at FROM history WHERE entity_type = 'participant' AND entity_id = $1 ORDER BY id",
        [id],
      ),
    ]);
    // What the history still holds of their observations, deleted ones too: the system holds it, so the person is told.
    const observationHistory = (
      await this.history.mentioningParticipant((sql, params) => this.db.query(sql, params), participant.labId, id)
    ).map((h) => ({
      observationId: h.entityId,
      action: h.action,
      changes: h.changes,
      created_at: h.createdAt,
    }));
    const lab = await this.db.manager.findOneByOrFail(Lab, { id: participant.labId });
    return {
      format: 'living-lab-personal-data/1',
      exportedAt: new Date().toISOString(),
      lab: { id: lab.id, name: lab.name, municipality: lab.municipality },
      participant,
      attendance,
      stories,
      invited: (await this.db.query('SELECT id FROM participants WHERE invited_by_participant_id = $1', [id])).length,
      history: history.map((h) => ({
        ...h,
        changes: typeof h['changes'] === 'string' ? JSON.parse(h['changes'] as string) : h['changes'],
      })),
      observationHistory,
    };
  }

  /**
   * Erases a participant on request: pseudonym, affiliation, contact and consent details go, their
   * stories are removed, and the history keeps no
   * personal values. Attendance and self-described groups stay, unnamed, so reach and mixing stay correct.
   */
  async erase(access: LabAccess, user: AuthUser, id: number): Promise<ParticipantDto> {
    await this.db.write(async (m) => {
      const current = await m.findOneByOrFail(Participant, { id });
      if (current.erasedAt) return;
      await m.update(
        Participant,
        { id },
        {
          pseudonym: `Gewist #${id}`,
          affiliation: null,
          contact: null,
          consentQuote: false,
          consentPhoto: false,
          consentContact: false,
          consentWithdrawnAt: new Date(),
          erasedAt: new Date(),
          version: current.version + 1,
        },
      );
      const storyIds = (
        await m.find(Observation, { where: { participantId: id, kind: 'story' }, select: { id: true } })
      ).map((o) => o.id);
      // Their stories are their words: removed, not kept as husks.
      if (storyIds.length) await m.delete(Observation, { id: In(storyIds) });
      if (storyIds.length)
        await m
          .createQueryBuilder()
          .update(HistoryEntry)
          .set({ changes: {} as never })
          .where("entity_type = 'observation' AND entity_id IN (:...storyIds)", { storyIds })
          .execute();
      // Also the entries of what was attributed to them earlier and since deleted or given to someone else.
      const mentioning = await this.history.mentioningParticipant(
        (sql, params) => managerQuery(m, sql, params),
        access.labId,
        id,
      );
      const entryIds = mentioning.map((h) => h.id);
      if (entryIds.length)
        await m
          .createQueryBuilder()
          .update(HistoryEntry)
          .set({ changes: {} as never })
          .where('id IN (:...entryIds)', { entryIds })
          .execute();
      // The history of this participant and of their stories may hold their words: keep the events, drop the values.
      await m
        .createQueryBuilder()
        .update(HistoryEntry)
        .set({ changes: {} as never })
        .where("entity_type = 'participant' AND entity_id = :id", { id })
        .execute();
      await m.insert(HistoryEntry, {
        entityType: 'participant',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        action: 'update',
        changes: { erased: { from: null, to: true } } as never,
      });
    });
    return this.get(id);
  }

  /** Records consent given or withdrawn; a withdrawal takes effect at once (stories are withheld on the next read). */
  async setConsent(access: LabAccess, user: AuthUser, id: number, dto: SetConsentDto): Promise<ParticipantDto> {
    const { version, ...consent } = dto;
    await this.db.write(async (m) => {
      const current = await m.findOneByOrFail(Participant, { id });
      const changes: Partial<Participant> = consentChange(current, consent);
      // Without contact consent the contact details go.
      if (!consent.contact) changes.contact = null;
      await this.records.update(m, Participant, 'participant', id, version, changes, {
        userId: user.id,
        labId: access.labId,
      });
    });
    return this.get(id);
  }
}
