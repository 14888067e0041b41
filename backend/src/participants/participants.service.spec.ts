import type { Events } from '../common/events';
import type { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import type { Db, Tx } from '../database/db';
import type { AttendeeCounts } from '../iterations/attendee-counts';
import type { IterationsService } from '../iterations/iterations.service';
import type { Participant } from './participant.entity';
import { ParticipantsRepository } from './participants.repository';
import { consentChange, ParticipantsService } from './participants.service';

describe('consentChange', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const none = { consentParticipation: false, consentQuote: false, consentPhoto: false, consentContact: false };
  const all = { participation: true, quote: true, photo: true, contact: true, textVersion: 'v2' };

  it('stamps when consent is first given', () => {
    expect(consentChange(null, { ...all, photo: false }, now)).toMatchObject({
      consentQuote: true,
      consentPhoto: false,
      consentGivenAt: now,
      consentVersion: 'v2',
    });
    expect(consentChange(null, { ...all, photo: false }, now)).not.toHaveProperty('consentWithdrawnAt');
  });

  it('stamps a withdrawal when any permission is taken back', () => {
    const change = consentChange(
      { ...none, consentParticipation: true, consentQuote: true },
      { ...all, quote: false, photo: false, contact: false },
      now,
    );
    expect(change).toMatchObject({ consentQuote: false, consentWithdrawnAt: now });
    expect(change).not.toHaveProperty('consentGivenAt');
  });

  it('changes no timestamp when nothing changes', () => {
    const change = consentChange(
      { ...none, consentQuote: true },
      { participation: false, quote: true, photo: false, contact: false, textVersion: 'v1' },
      now,
    );
    expect(change).not.toHaveProperty('consentGivenAt');
    expect(change).not.toHaveProperty('consentWithdrawnAt');
  });
});

describe(ParticipantsService.name, () => {
  const tx = { tx: true } as unknown as Tx;
  const access = { labId: 3 } as LabAccess;
  const user = { id: 9 } as AuthUser;
  let repository: jest.Mocked<ParticipantsRepository>;
  let history: { record: jest.Mock; forgetValues: jest.Mock };
  let events: { emit: jest.Mock };
  let iterations: { countAttendeesWith: jest.Mock };
  let sut: ParticipantsService;
  const participant = (overrides: Partial<Participant> = {}): Participant =>
    ({
      id: 5,
      labId: 3,
      pseudonym: 'Anne',
      groups: ['65+'],
      affiliation: null,
      contact: null,
      invitedByParticipantId: null,
      consentParticipation: true,
      consentQuote: true,
      consentPhoto: false,
      consentContact: false,
      consentGivenAt: null,
      consentWithdrawnAt: null,
      consentVersion: 'v1',
      erasedAt: null,
      version: 2,
      ...overrides,
    }) as Participant;

  beforeEach(() => {
    repository = {
      find: jest.fn().mockResolvedValue(participant()),
      findIn: jest.fn().mockResolvedValue(participant()),
      attendedCounts: jest.fn().mockResolvedValue(new Map([[5, 4]])),
      attendeeCounts: jest.fn().mockResolvedValue(new Map()),
      overwrite: jest.fn().mockResolvedValue(undefined),
      idsInLab: jest.fn(),
      attendeesIn: jest.fn().mockResolvedValue([8, 2]),
      attendees: jest.fn().mockResolvedValue([2, 5]),
      replaceAttendance: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<ParticipantsRepository>;
    history = { record: jest.fn().mockResolvedValue(undefined), forgetValues: jest.fn().mockResolvedValue(undefined) };
    events = { emit: jest.fn().mockResolvedValue(undefined) };
    iterations = { countAttendeesWith: jest.fn() };
    const db = { write: (work: (t: Tx) => Promise<unknown>) => work(tx) } as unknown as Db;
    sut = new ParticipantsService(
      db,
      history as unknown as HistoryService,
      events as unknown as Events,
      repository,
      iterations as unknown as IterationsService,
    );
  });

  it('tells iterations where their attendee counts come from', async () => {
    sut.onModuleInit();
    const [source] = iterations.countAttendeesWith.mock.calls[0] as [AttendeeCounts];
    await source.attendeeCounts([1, 2]);
    expect(repository.attendeeCounts).toHaveBeenCalledWith([1, 2]);
  });

  it('erases in one write: the record overwritten, others told, history kept without values', async () => {
    const erased = await sut.erase(access, user, 5);
    expect(repository.overwrite).toHaveBeenCalledWith(
      tx,
      5,
      expect.objectContaining({ pseudonym: 'Gewist #5', contact: null, consentQuote: false, version: 3 }),
    );
    expect(events.emit).toHaveBeenCalledWith('participant.erased', { tx, labId: 3, participantId: 5 });
    expect(history.forgetValues).toHaveBeenCalledWith(tx, 'participant', 5);
    expect(history.record).toHaveBeenCalledWith(tx, {
      entityType: 'participant',
      entityId: 5,
      labId: 3,
      userId: 9,
      before: { erased: null },
      after: { erased: true },
    });
    // The erased entry comes after the values are dropped, so it is the one entry that stays as written.
    expect(history.forgetValues.mock.invocationCallOrder[0]).toBeLessThan(history.record.mock.invocationCallOrder[0]);
    expect(erased).toMatchObject({ id: 5, attendedIterations: 4 });
  });

  it('erases a participant once: asked again, it changes nothing', async () => {
    repository.findIn.mockResolvedValue(participant({ erasedAt: new Date() }));
    await sut.erase(access, user, 5);
    expect(repository.overwrite).not.toHaveBeenCalled();
    expect(events.emit).not.toHaveBeenCalled();
    expect(history.record).not.toHaveBeenCalled();
  });

  it('refuses attendance of people who are not participants of the lab, and writes nothing', async () => {
    repository.idsInLab.mockResolvedValue([2]);
    await expect(sut.setAttendance(access, user, 11, { participantIds: [2, 7, 7] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(repository.replaceAttendance).not.toHaveBeenCalled();
  });

  it('replaces who attended and records the list before and after, in order', async () => {
    repository.idsInLab.mockResolvedValue([5, 2]);
    const answer = await sut.setAttendance(access, user, 11, { participantIds: [5, 2, 5] });
    expect(repository.replaceAttendance).toHaveBeenCalledWith(tx, 11, [
      { iterationId: 11, participantId: 5, labId: 3 },
      { iterationId: 11, participantId: 2, labId: 3 },
    ]);
    expect(history.record).toHaveBeenCalledWith(tx, {
      entityType: 'attendance',
      entityId: 11,
      labId: 3,
      userId: 9,
      before: { participantIds: [2, 8] },
      after: { participantIds: [2, 5] },
    });
    expect(answer).toEqual({ participantIds: [2, 5] });
  });
});
