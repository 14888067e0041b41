import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Errors } from '../common/domain-error';
import { defined, Records } from '../common/records';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db.service';
import { Attendance } from './attendance.entity';
import { ConsentDto, CreateParticipantDto, ParticipantDto, ParticipantListDto, SetConsentDto, UpdateParticipantDto } from './dto/participant.dto';
import { Participant } from './participant.entity';

/** What a consent change means for the record: given now, or (any permission taken back) withdrawn now. */
export function consentChange(before: Pick<Participant, 'consentParticipation' | 'consentQuote' | 'consentPhoto' | 'consentContact'> | null, next: ConsentDto, now = new Date()) {
  const was = before ? [before.consentParticipation, before.consentQuote, before.consentPhoto, before.consentContact] : [false, false, false, false];
  const is = [next.participation, next.quote, next.photo, next.contact];
  return {
    consentParticipation: next.participation, consentQuote: next.quote, consentPhoto: next.photo, consentContact: next.contact, consentVersion: next.textVersion,
    ...(is.some((v, i) => v && !was[i]) ? { consentGivenAt: now } : {}),
    ...(was.some((v, i) => v && !is[i]) ? { consentWithdrawnAt: now } : {}),
  };
}

@Injectable()
export class ParticipantsService {
  constructor(private readonly db: Db, private readonly records: Records) {}

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
      id: p.id, labId: p.labId, pseudonym: p.pseudonym, groups: p.groups, affiliation: p.affiliation, contact: p.contact, invitedByParticipantId: p.invitedByParticipantId,
      consent: { participation: !!p.consentParticipation, quote: !!p.consentQuote, photo: !!p.consentPhoto, contact: !!p.consentContact, givenAt: iso(p.consentGivenAt), withdrawnAt: iso(p.consentWithdrawnAt), textVersion: p.consentVersion },
      attendedIterations: byId.get(p.id) ?? 0, version: p.version,
    }));
  }

  async list(labId: number): Promise<ParticipantListDto> {
    return { items: await this.toDtos(await this.db.manager.find(Participant, { where: { labId }, order: { pseudonym: 'ASC', id: 'ASC' } })) };
  }

  async get(id: number): Promise<ParticipantDto> {
    return (await this.toDtos([await this.db.manager.findOneByOrFail(Participant, { id })]))[0];
  }

  private async assertInviter(m: EntityManager, labId: number, inviterId: number | null | undefined, selfId?: number): Promise<void> {
    if (!inviterId) return;
    if (inviterId === selfId || !(await m.existsBy(Participant, { id: inviterId, labId }))) {
      throw Errors.validation([{ field: 'invitedByParticipantId', message: 'is not another participant of this lab' }]);
    }
  }

  async create(access: LabAccess, user: AuthUser, dto: CreateParticipantDto): Promise<ParticipantDto> {
    if (dto.contact && !dto.consent.contact) throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
    const saved = await this.db.write(async (m) => {
      await this.assertInviter(m, access.labId, dto.invitedByParticipantId);
      return this.records.create(m, Participant, 'participant', {
        labId: access.labId, pseudonym: dto.pseudonym.trim(), groups: dto.groups ?? [], affiliation: dto.affiliation?.trim() || null, contact: dto.contact?.trim() || null,
        invitedByParticipantId: dto.invitedByParticipantId ?? null, consentGivenAt: null, consentWithdrawnAt: null, erasedAt: null, ...consentChange(null, dto.consent),
      }, { userId: user.id, labId: access.labId });
    });
    return this.get(saved.id);
  }

  async update(access: LabAccess, user: AuthUser, id: number, dto: UpdateParticipantDto): Promise<ParticipantDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (m) => {
      const current = await m.findOneByOrFail(Participant, { id });
      if (changes.contact && !current.consentContact) throw Errors.validation([{ field: 'contact', message: 'may only be stored with contact consent' }]);
      await this.assertInviter(m, access.labId, changes.invitedByParticipantId, id);
      await this.records.update(m, Participant, 'participant', id, version, defined(changes) as Partial<Participant>, { userId: user.id, labId: access.labId });
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
      await this.records.update(m, Participant, 'participant', id, version, changes, { userId: user.id, labId: access.labId });
    });
    return this.get(id);
  }
}
