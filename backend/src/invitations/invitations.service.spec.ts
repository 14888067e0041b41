import type { LabsService } from '../labs/labs.service';
import { Errors } from '../common/domain-error';
import type { HistoryService } from '../common/history.service';
import type { RateLimiter } from '../common/rate-limiter';
import type { AuthUser, LabAccess } from '../common/request-context';
import { sha256 } from '../common/tokens';
import type { Db } from '../database/db';
import type { EvaluationsService } from '../evaluations/evaluations.service';
import type { SessionsService } from '../users/sessions.service';
import type { UsersService } from '../users/users.service';
import type { Invitation } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService, maskEmail } from './invitations.service';

const coordinator: AuthUser = {
  id: 3,
  email: 'coordinator@gemeente.nl',
  displayName: 'Coördinator',
  installationRole: 'staff',
  isAdmin: false,
  locale: 'nl',
};
const lab: LabAccess = { labId: 11, role: 'coordinator', isAdmin: false } as LabAccess;
const DAY = 86_400_000;
type Account = Awaited<ReturnType<UsersService['createAccount']>>;
type Session = Awaited<ReturnType<SessionsService['createSession']>>;
type Me = Awaited<ReturnType<UsersService['me']>>;

const invitation = (overrides: Partial<Invitation> = {}): Invitation =>
  ({
    id: 40,
    labId: 11,
    tokenHash: 'hash',
    role: 'resident',
    note: null,
    roundId: null,
    createdBy: 3,
    expiresAt: new Date(Date.now() + DAY),
    usedAt: null,
    usedBy: null,
    inviteeEmail: null,
    declinedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  }) as Invitation;

describe(InvitationsService.name, () => {
  const tx = { transaction: true };
  let repository: jest.Mocked<InvitationsRepository>;
  let history: jest.Mocked<Pick<HistoryService, 'record'>>;
  let evaluations: jest.Mocked<Pick<EvaluationsService, 'assertOpen' | 'title'>>;
  let users: jest.Mocked<Pick<UsersService, 'me' | 'pendingInvitations' | 'createAccount'>>;
  let labs: jest.Mocked<Pick<LabsService, 'addMember'>>;
  let sessions: jest.Mocked<Pick<SessionsService, 'createSession'>>;
  let sut: InvitationsService;

  beforeEach(() => {
    repository = {
      insert: jest
        .fn()
        .mockImplementation((_tx, values: Partial<Invitation>) => Promise.resolve({ id: 40, ...values })),
      list: jest.fn().mockResolvedValue([]),
      get: jest.fn(),
      find: jest.fn(),
      byTokenHash: jest.fn(),
      revoke: jest.fn().mockResolvedValue(undefined),
      decline: jest.fn().mockResolvedValue(undefined),
      claim: jest.fn().mockResolvedValue(true),
      lab: jest.fn().mockResolvedValue({ id: 11, name: 'Proeflab', question: 'Hoe?', municipality: 'Utrecht' }),
      isMember: jest.fn().mockResolvedValue(false),
      emailTaken: jest.fn().mockResolvedValue(false),
      account: jest.fn(),
    } as unknown as jest.Mocked<InvitationsRepository>;
    labs = { addMember: jest.fn().mockResolvedValue(undefined) };
    history = { record: jest.fn().mockResolvedValue(undefined) };
    evaluations = { assertOpen: jest.fn().mockResolvedValue(undefined), title: jest.fn() };
    users = {
      me: jest.fn(),
      pendingInvitations: jest.fn().mockResolvedValue({ items: [] }),
      createAccount: jest.fn(),
    };
    sessions = { createSession: jest.fn() };
    const db = { write: (work: (m: unknown) => Promise<unknown>) => work(tx) } as unknown as Db;
    sut = new InvitationsService(
      db,
      repository,
      history as unknown as HistoryService,
      sessions as unknown as SessionsService,
      users as unknown as UsersService,
      evaluations as unknown as EvaluationsService,
      labs as unknown as LabsService,
      { hit: jest.fn().mockResolvedValue(undefined) } as unknown as RateLimiter,
    );
  });

  it('masks an invitee e-mail address to its first letters and domain', () => {
    expect(maskEmail('sanne@gemeente.nl')).toBe('sa…@gemeente.nl');
    expect(maskEmail('jo@x.nl')).toBe('j…@x.nl');
  });

  it('keeps only the hash of a new link, records it in the history and gives the token once', async () => {
    const created = await sut.create(lab, coordinator, { role: 'partner', note: '  voor Sanne ', expiresInDays: 3 });
    expect(created).toEqual({
      id: 40,
      token: expect.any(String),
      path: `/uitnodiging/${created.token}`,
      role: 'partner',
      expiresAt: expect.any(String),
    });
    expect(repository.insert).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ labId: 11, tokenHash: sha256(created.token), note: 'voor Sanne', roundId: null }),
    );
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(3 * DAY - 60_000);
    expect(history.record).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ entityType: 'invitation', entityId: 40, before: null, userId: 3 }),
    );
  });

  it('invites a resident to an open round, and to a closed one not at all', async () => {
    const created = await sut.inviteToRound(lab, coordinator, 8, { note: 'Buurman' });
    expect(evaluations.assertOpen).toHaveBeenCalledWith(8);
    expect(created.role).toBe('resident');
    expect(repository.insert).toHaveBeenCalledWith(tx, expect.objectContaining({ role: 'resident', roundId: 8 }));

    repository.insert.mockClear();
    evaluations.assertOpen.mockRejectedValue(Errors.conflict('round_closed', 'This round is closed.'));
    await expect(sut.inviteToRound(lab, coordinator, 8, {})).rejects.toMatchObject({ code: 'round_closed' });
    expect(repository.insert).not.toHaveBeenCalled();
  });

  it("lists the lab's invitations with their state, an invitee's address masked", async () => {
    const now = Date.now();
    repository.list.mockResolvedValue([
      {
        id: 1,
        role: 'resident',
        note: null,
        createdAt: new Date(now - 2 * DAY),
        expiresAt: new Date(now + DAY),
        usedAt: new Date(now - DAY),
        declinedAt: null,
        revokedAt: null,
        inviteeEmail: null,
        usedByName: 'Anne',
        roundId: null,
        roundTitle: null,
      },
      {
        id: 2,
        role: 'partner',
        note: null,
        createdAt: new Date(now - 2 * DAY),
        expiresAt: new Date(now + DAY),
        usedAt: null,
        declinedAt: new Date(now - DAY),
        revokedAt: null,
        inviteeEmail: 'sanne@gemeente.nl',
        usedByName: null,
        roundId: null,
        roundTitle: null,
      },
      {
        id: 3,
        role: 'observer',
        note: 'oud',
        createdAt: new Date(now - 2 * DAY),
        expiresAt: new Date(now - 1000),
        usedAt: null,
        declinedAt: null,
        revokedAt: null,
        inviteeEmail: null,
        usedByName: null,
        roundId: null,
        roundTitle: null,
      },
      {
        id: 4,
        role: 'resident',
        note: null,
        createdAt: new Date(now),
        expiresAt: new Date(now + DAY),
        usedAt: null,
        declinedAt: null,
        revokedAt: null,
        inviteeEmail: null,
        usedByName: null,
        roundId: null,
        roundTitle: null,
      },
    ]);
    const { items } = await sut.list(11);
    expect(repository.list).toHaveBeenCalledWith(11);
    expect(items.map((i) => i.state)).toEqual(['used', 'declined', 'expired', 'open']);
    expect(items[0]).toMatchObject({ usedByName: 'Anne', usedAt: new Date(now - DAY).toISOString() });
    expect(items[1].inviteeEmail).toBe('sa…@gemeente.nl');
  });

  it('refuses to revoke a used invitation and leaves an expired one as it is', async () => {
    repository.get.mockResolvedValue(invitation({ usedAt: new Date() }));
    await expect(sut.revoke(lab, coordinator, 40)).rejects.toMatchObject({ code: 'invitation_used' });
    repository.get.mockResolvedValue(invitation({ expiresAt: new Date(Date.now() - 1000) }));
    await sut.revoke(lab, coordinator, 40);
    expect(repository.revoke).not.toHaveBeenCalled();
    expect(history.record).not.toHaveBeenCalled();
  });

  it('shows what a round invitation link invites to', async () => {
    repository.byTokenHash.mockResolvedValue(invitation({ roundId: 8 }));
    evaluations.title.mockResolvedValue({ id: 8, title: 'Voorjaar', deadline: '2026-12-12', contributorRoles: [] });
    const preview = await sut.preview('token', '127.0.0.1');
    expect(repository.byTokenHash).toHaveBeenCalledWith(sha256('token'));
    expect(preview).toMatchObject({
      labId: 11,
      labName: 'Proeflab',
      roundId: 8,
      roundTitle: 'Voorjaar',
      roundDeadline: '2026-12-12',
      needsLogin: false,
    });
  });

  it('says why a link cannot be used: used, expired, or addressed to an e-mail address', async () => {
    repository.byTokenHash.mockResolvedValue(invitation({ usedAt: new Date() }));
    await expect(sut.preview('token', 'ip')).rejects.toMatchObject({ status: 410, code: 'invitation_used' });
    repository.byTokenHash.mockResolvedValue(invitation({ expiresAt: new Date(Date.now() - 1) }));
    await expect(sut.preview('token', 'ip')).rejects.toMatchObject({ status: 410, code: 'invitation_expired' });
    repository.byTokenHash.mockResolvedValue(invitation({ inviteeEmail: 'a@b.nl' }));
    await expect(sut.preview('token', 'ip')).rejects.toMatchObject({ status: 404 });
  });

  it('makes a visitor an account, claims the link, joins the lab and logs them in', async () => {
    repository.byTokenHash.mockResolvedValue(invitation());
    users.createAccount.mockResolvedValue({
      id: 70,
      email: null,
      displayName: 'Fatima',
      installationRole: 'member',
      locale: 'nl',
    } as Account);
    repository.account.mockResolvedValue({
      id: 70,
      email: null,
      displayName: 'Fatima',
      installationRole: 'member',
      locale: 'nl',
    });
    sessions.createSession.mockResolvedValue({ token: 's', csrfToken: 'c' } as Session);
    users.me.mockResolvedValue({ id: 70 } as Me);
    const result = await sut.accept('token', { displayName: ' Fatima ' }, null, 'ip');
    expect(users.createAccount).toHaveBeenCalledWith(tx, {
      email: null,
      passwordHash: null,
      displayName: 'Fatima',
    });
    expect(repository.claim).toHaveBeenCalledWith(tx, 40, 70);
    expect(labs.addMember).toHaveBeenCalledWith(tx, { labId: 11, userId: 70, role: 'resident' });
    expect(history.record).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({
        entityType: 'lab_member',
        entityId: 70,
        after: { role: 'resident', viaInvitation: 40 },
      }),
    );
    expect(result).toEqual({ labId: 11, roundId: null, user: { id: 70 }, session: { token: 's', csrfToken: 'c' } });
  });

  it('lets only one of two visitors use a link: the second finds it claimed', async () => {
    repository.byTokenHash.mockResolvedValue(invitation());
    users.createAccount.mockResolvedValue({ id: 71, displayName: 'B', installationRole: 'member' } as Account);
    repository.claim.mockResolvedValue(false);
    await expect(sut.accept('token', { displayName: 'B' }, null, 'ip')).rejects.toMatchObject({
      status: 410,
      code: 'invitation_used',
    });
    expect(labs.addMember).not.toHaveBeenCalled();
  });

  it('asks a team member for an e-mail address and password, and a member of the lab to stay one', async () => {
    repository.byTokenHash.mockResolvedValue(invitation({ role: 'partner' }));
    await expect(sut.accept('token', { displayName: 'P' }, null, 'ip')).rejects.toMatchObject({ status: 400 });
    repository.isMember.mockResolvedValue(true);
    await expect(sut.accept('token', { displayName: 'P' }, coordinator, 'ip')).rejects.toMatchObject({
      code: 'already_member',
    });
    expect(repository.claim).not.toHaveBeenCalled();
  });

  it("declines an invitation addressed to the caller's address, and treats anyone else's as not there", async () => {
    const mine = invitation({ inviteeEmail: coordinator.email });
    repository.find.mockResolvedValue(mine);
    await sut.answer(coordinator, 40, false);
    expect(repository.decline).toHaveBeenCalledWith(tx, 40, expect.any(Date));
    expect(labs.addMember).not.toHaveBeenCalled();
    expect(users.pendingInvitations).toHaveBeenCalledWith(coordinator);

    repository.find.mockResolvedValue(invitation({ inviteeEmail: 'someone@else.nl' }));
    await expect(sut.answer(coordinator, 40, true)).rejects.toMatchObject({ status: 404 });
    expect(repository.claim).not.toHaveBeenCalled();
  });
});
