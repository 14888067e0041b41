import { DomainError } from '../common/domain-error';
import type { Events } from '../common/events';
import type { HistoryService } from '../common/history.service';
import type { LabCache } from '../common/lab-cache';
import type { AuthUser, LabAccess } from '../common/request-context';
import type { Db, Tx } from '../database/db';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { UsersService } from '../users/users.service';
import type { LabMember } from './lab-member.entity';
import type { Lab } from './lab.entity';
import { LabsRepository, MemberRow } from './labs.repository';
import { LabsService, slugify } from './labs.service';

describe('slugify', () => {
  it('makes readable, ascii slugs from Dutch names', () => {
    expect(slugify('Samen eten in de wijk Den Haag')).toBe('samen-eten-in-de-wijk-den-haag');
    expect(slugify('Café “De Óude Brug”!')).toBe('cafe-de-oude-brug');
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('lab');
    expect(slugify('日本')).toBe('lab');
  });
});

const lab = (overrides: Partial<Lab> = {}): Lab =>
  ({
    id: 3,
    slug: 'samen-eten-den-haag',
    name: 'Samen eten',
    question: 'Hoe kunnen we buren laten aanschuiven?',
    aim: 'Buren kennen elkaar',
    municipality: 'Den Haag',
    neighbourhood: 'Transvaal',
    themes: ['encounter'],
    valueDimensions: ['trust'],
    status: 'running',
    scale: 'street',
    visibility: 'public',
    originLabId: null,
    transferConditions: null,
    cosignedReflection: false,
    version: 4,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
    ...overrides,
  }) as Lab;

const member = (overrides: Partial<MemberRow> = {}): MemberRow => ({
  id: 11,
  userId: 8,
  role: 'resident',
  since: '2026-01-01T00:00:00.000Z',
  displayName: 'Anne',
  installationRole: 'member',
  hasPassword: false,
  elsewhere: 0,
  ...overrides,
});

const coordinator: AuthUser = {
  id: 7,
  email: 'coordinator@example.nl',
  displayName: 'Yusuf',
  installationRole: 'staff',
  isAdmin: false,
  locale: 'nl',
};
const access: LabAccess = { labId: 3, role: 'coordinator', isAdmin: false, visibility: 'public', stamp: '1' };
/** The transaction Db.write hands out: the service only passes it on. */
const tx = { transaction: 'write' } as unknown as Tx;

describe(LabsService.name, () => {
  let repository: jest.Mocked<LabsRepository>;
  let events: { emit: jest.Mock };
  let history: { record: jest.Mock };
  let organisations: { exists: jest.Mock };
  let sut: LabsService;

  beforeEach(() => {
    repository = {
      page: jest.fn(),
      get: jest.fn().mockResolvedValue(lab()),
      find: jest.fn().mockResolvedValue(null),
      counts: jest.fn().mockResolvedValue({ experiments: 2, iterations: 5, members: 3 }),
      partners: jest.fn().mockResolvedValue([]),
      update: jest.fn(),
      isPartner: jest.fn().mockResolvedValue(false),
      insertPartner: jest.fn(),
      members: jest.fn(),
      findMember: jest.fn(),
      setMemberRole: jest.fn(),
      countOtherCoordinators: jest.fn(),
      labsCoordinatedAlone: jest.fn().mockResolvedValue([]),
      labIdsOfMember: jest.fn().mockResolvedValue([]),
      removeMemberships: jest.fn().mockResolvedValue(undefined),
    } as unknown as jest.Mocked<LabsRepository>;
    events = { emit: jest.fn().mockResolvedValue(undefined) };
    history = { record: jest.fn().mockResolvedValue(undefined) };
    organisations = { exists: jest.fn().mockResolvedValue(true) };
    const db = { write: (work: (t: Tx) => Promise<unknown>) => work(tx) } as unknown as Db;
    sut = new LabsService(
      db,
      history as unknown as HistoryService,
      { get: jest.fn() } as unknown as LabCache,
      {} as UsersService,
      organisations as unknown as OrganisationsService,
      events as unknown as Events,
      repository,
    );
  });

  it("refuses to lose a lab's only coordinator when their account is to be deleted", async () => {
    repository.labsCoordinatedAlone.mockResolvedValue(['Samen eten']);
    const error = (await sut.keepACoordinator({ tx, userId: 7 }).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('last_coordinator');
    expect(error.message).toContain('Samen eten');
    repository.labsCoordinatedAlone.mockResolvedValue([]);
    await expect(sut.keepACoordinator({ tx, userId: 7 })).resolves.toBeUndefined();
  });

  it("takes a deleted account off every team, each departure in that lab's history without a name", async () => {
    repository.labIdsOfMember.mockResolvedValue([3, 4]);
    await sut.removeDeletedAccount({ tx, userId: 7 });
    expect(repository.removeMemberships).toHaveBeenCalledWith(tx, 7);
    expect(history.record.mock.calls.map(([, entry]) => entry)).toEqual([
      { entityType: 'lab_member', entityId: 7, labId: 3, userId: null, before: { role: 'member' }, after: null },
      { entityType: 'lab_member', entityId: 7, labId: 4, userId: null, before: { role: 'member' }, after: null },
    ]);
  });

  it('asks for the visible labs of a visitor as nobody, and of an administrator as all', async () => {
    repository.page.mockResolvedValue({ total: 0, rows: [] });
    await sut.list(null, { q: 'eten', mine: 'true' });
    expect(repository.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ userId: -1, all: false, q: 'eten', mine: true, limit: 50, offset: 0 }),
    );
    await sut.list({ ...coordinator, isAdmin: true }, { limit: 10, offset: 20 });
    expect(repository.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ userId: 7, all: true, mine: false, limit: 10, offset: 20 }),
    );
  });

  it("tells the features above, in the lab's write, when its name, place or visibility changes", async () => {
    repository.update.mockResolvedValue({ before: lab(), after: lab({ visibility: 'private', version: 5 }) });
    await sut.update(access, coordinator, { version: 4, visibility: 'private' });
    expect(repository.update).toHaveBeenCalledWith(tx, 3, 4, { visibility: 'private' });
    expect(events.emit).toHaveBeenCalledWith('lab.changed', { tx, labId: 3 });
    expect(history.record).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ entityType: 'lab', entityId: 3, userId: 7 }),
    );
  });

  it('tells nobody when only what the library does not show changes', async () => {
    repository.update.mockResolvedValue({ before: lab(), after: lab({ status: 'scaling', version: 5 }) });
    const overview = await sut.update(access, coordinator, { version: 4, status: 'scaling' });
    expect(events.emit).not.toHaveBeenCalled();
    expect(overview).toEqual(
      expect.objectContaining({ id: 3, myRole: 'coordinator', experimentCount: 2, iterationCount: 5, memberCount: 3 }),
    );
  });

  it('adds no partner that is not a known organisation', async () => {
    organisations.exists.mockResolvedValue(false);
    const error = (await sut.addPartner(access, coordinator, { organisationId: 99 }).catch((e: unknown) => e)) as
      DomainError | undefined;
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.code).toBe('validation_failed');
    expect(organisations.exists).toHaveBeenCalledWith(tx, 99);
    expect(repository.insertPartner).not.toHaveBeenCalled();
    expect(history.record).not.toHaveBeenCalled();
  });

  it('keeps the last coordinator: no one demotes them', async () => {
    repository.findMember.mockResolvedValue({ id: 11, labId: 3, userId: 7, role: 'coordinator' } as LabMember);
    repository.countOtherCoordinators.mockResolvedValue(0);
    const error = (await sut
      .changeMemberRole(access, coordinator, 11, { role: 'partner' })
      .catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('last_coordinator');
    expect(repository.countOtherCoordinators).toHaveBeenCalledWith(tx, 3, 7);
    expect(repository.setMemberRole).not.toHaveBeenCalled();
  });

  it('offers a sign-in link only for residents and observers without a password who are in no other lab', async () => {
    repository.members.mockResolvedValue([
      member(),
      member({ id: 12, userId: 9, hasPassword: true }),
      member({ id: 13, userId: 10, elsewhere: 1 }),
      member({ id: 14, userId: 12, role: 'partner' }),
      member({ id: 15, userId: 7, role: 'coordinator' }),
    ]);
    const { items } = await sut.members(access, coordinator);
    expect(items.map((m) => [m.id, m.canGetSignInLink, m.isYou])).toEqual([
      [11, true, false],
      [12, false, false],
      [13, false, false],
      [14, false, false],
      [15, false, true],
    ]);
    expect(JSON.stringify(items)).not.toContain('userId');
  });
});
