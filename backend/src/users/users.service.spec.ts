import type { Events } from '../common/events';
import type { SessionsService } from './sessions.service';
import type { RateLimiter } from '../common/rate-limiter';
import { DomainError } from '../common/domain-error';
import type { HistoryService } from '../common/history.service';
import type { AuthUser } from '../common/request-context';
import type { Db } from '../database/db';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const account = (overrides: Partial<User> = {}): User =>
  ({
    id: 7,
    email: null,
    passwordHash: null,
    displayName: 'Yusuf',
    installationRole: 'member',
    locale: 'nl',
    deactivatedAt: null,
    deletedAt: null,
    oidcIssuer: null,
    oidcSubject: null,
    version: 1,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  }) as User;

const me: AuthUser = {
  id: 7,
  email: null,
  displayName: 'Yusuf',
  installationRole: 'member',
  isAdmin: false,
  locale: 'nl',
};

describe(UsersService.name, () => {
  let repository: jest.Mocked<UsersRepository>;
  let sut: UsersService;
  let events: { emit: jest.Mock };

  beforeEach(() => {
    repository = {
      find: jest.fn(),
      page: jest.fn(),
      deleteLinks: jest.fn().mockResolvedValue(undefined),
      insertLink: jest.fn().mockResolvedValue(undefined),
      anonymise: jest.fn(),
      countActiveAdmins: jest.fn(),
    } as unknown as jest.Mocked<UsersRepository>;
    const db = { write: (work: (m: unknown) => Promise<unknown>) => work({}) } as unknown as Db;
    const history = { record: jest.fn(), forgetValues: jest.fn() } as unknown as HistoryService;
    const auth = { endAllSessions: jest.fn() } as unknown as SessionsService;
    events = { emit: jest.fn().mockResolvedValue(undefined) };
    sut = new UsersService(
      db,
      history,
      auth,
      { hit: jest.fn() } as unknown as RateLimiter,
      repository,
      events as unknown as Events,
    );
  });

  it('lists a page of accounts without their password hashes', async () => {
    repository.page.mockResolvedValue({
      total: 1,
      users: [account({ email: 'a@b.nl', passwordHash: 'argon2-hash', installationRole: 'staff' })],
    });
    const page = await sut.list({ q: 'b.nl', limit: 10 });
    expect(repository.page).toHaveBeenCalledWith({ q: 'b.nl', limit: 10, offset: 0 });
    expect(page).toEqual({
      total: 1,
      items: [expect.objectContaining({ email: 'a@b.nl', hasPassword: true, installationRole: 'staff' })],
    });
    expect(JSON.stringify(page)).not.toContain('argon2-hash');
  });

  it('gives a resident a personal link to keep, replacing the old one', async () => {
    repository.find.mockResolvedValue(account());
    const link = await sut.personalSignInLink(me);
    expect(link).toEqual({ path: expect.stringMatching(/^\/toegang\/.{20,}/), expiresAt: null });
    expect(repository.deleteLinks).toHaveBeenCalledWith({}, 7, { purpose: 'sign-in', reusable: true });
    expect(repository.insertLink).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ userId: 7, purpose: 'sign-in', reusable: true, expiresAt: null }),
    );
  });

  it('gives no personal link to staff or to accounts of the identity provider', async () => {
    for (const overrides of [
      { installationRole: 'staff' as const },
      { oidcSubject: 'abc' },
      { passwordHash: 'hash' },
    ]) {
      repository.find.mockResolvedValue(account(overrides));
      await expect(sut.personalSignInLink(me)).rejects.toBeInstanceOf(DomainError);
    }
    expect(repository.insertLink).not.toHaveBeenCalled();
  });

  it("does not delete the account of a lab's only coordinator: the labs refuse before anything changes", async () => {
    repository.find.mockResolvedValue(account());
    events.emit.mockImplementation((name: string) =>
      name === 'account.deleting'
        ? Promise.reject(
            new DomainError('last_coordinator', 409, 'Conflict', 'You are the only coordinator of Samen eten.'),
          )
        : Promise.resolve(),
    );
    const error = (await sut.deleteMe(me).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('last_coordinator');
    expect(error.message).toContain('Samen eten');
    expect(repository.anonymise).not.toHaveBeenCalled();
  });

  it('deletes an account and then tells the other features, in the same write', async () => {
    repository.find.mockResolvedValue(account());
    await sut.deleteMe(me);
    expect(repository.anonymise).toHaveBeenCalled();
    expect(events.emit.mock.calls.map(([name]) => name)).toEqual(['account.deleting', 'account.deleted']);
    expect(events.emit).toHaveBeenLastCalledWith('account.deleted', { tx: {}, userId: 7 });
  });
});
