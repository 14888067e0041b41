import { DataSource } from 'typeorm';
import { hashPassword } from '../../backend/src/users/password';
import type { LabRole } from '../../backend/src/common/vocabulary';
import { LabMember } from '../../backend/src/labs/lab-member.entity';
import { DEFAULT_VALUE_DIMENSIONS, Lab } from '../../backend/src/labs/lab.entity';
import { User } from '../../backend/src/users/user.entity';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;
let counter = 0;

export async function makeUser(ds: DataSource, overrides: Partial<User> = {}): Promise<User> {
  passwordHash ??= hashPassword(PASSWORD);
  counter++;
  return ds.manager.save(
    ds.manager.create(User, {
      email: `user${counter}-${Date.now()}@test.nl`,
      displayName: `Gebruiker ${counter}`,
      passwordHash: await passwordHash,
      installationRole: 'staff',
      locale: 'nl',
      ...overrides,
    }),
  );
}

export async function makeLab(ds: DataSource, overrides: Partial<Lab> = {}): Promise<Lab> {
  counter++;
  return ds.manager.save(
    ds.manager.create(Lab, {
      slug: `lab-${counter}-${Date.now()}`,
      name: `Proeflab ${counter}`,
      question: 'Hoe kunnen we buren met elkaar in contact brengen?',
      aim: 'Een straat waar iedereen elkaar groet.',
      municipality: 'Utrecht',
      neighbourhood: null,
      themes: ['encounter'],
      valueDimensions: [...DEFAULT_VALUE_DIMENSIONS],
      status: 'running',
      scale: 'street',
      visibility: 'members',
      originLabId: null,
      transferConditions: null,
      ...overrides,
    }),
  );
}

export async function addMember(ds: DataSource, lab: Lab, user: User, role: LabRole): Promise<void> {
  await ds.manager.insert(LabMember, { labId: lab.id, userId: user.id, role });
}
