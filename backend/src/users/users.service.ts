import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import type { AuthUser } from '../common/request-context';
import { Db } from '../database/db.service';
import { LabMember } from '../labs/lab-member.entity';
import { Lab } from '../labs/lab.entity';
import type { MeDto } from '../auth/dto/auth.dto';
import { hashPassword } from '../auth/password';
import { CreateUserDto, UpdateMeDto, UserDto } from './dto/user.dto';
import { User } from './user.entity';

const toDto = (u: User): UserDto => ({ id: u.id, email: u.email, displayName: u.displayName, isAdmin: !!u.isAdmin, createdAt: new Date(u.createdAt).toISOString() });

@Injectable()
export class UsersService {
  constructor(private readonly db: Db) {}

  async me(user: AuthUser): Promise<MeDto> {
    const rows = await this.db.manager
      .createQueryBuilder(LabMember, 'm')
      .innerJoin(Lab, 'l', 'l.id = m.lab_id')
      .select(['m.lab_id AS lab_id', 'm.role AS role', 'l.name AS name', 'l.slug AS slug'])
      .where('m.user_id = :id', { id: user.id })
      .orderBy('l.name')
      .getRawMany<Record<string, unknown>>();
    return {
      ...user,
      memberships: rows.map((r) => ({ labId: Number(r['lab_id']), labName: r['name'] as string, labSlug: r['slug'] as string, role: r['role'] as never })),
    };
  }

  async list(limit = 50, offset = 0): Promise<{ items: UserDto[]; total: number }> {
    const [rows, total] = await this.db.manager.findAndCount(User, { order: { id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toDto), total };
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.db.write(async (m) => {
      if (await m.exists(User, { where: { email } })) throw Errors.validation([{ field: 'email', message: 'is already in use' }]);
      const user = await m.save(m.create(User, { email, displayName: dto.displayName.trim(), passwordHash, isAdmin: !!dto.isAdmin, locale: 'nl' }));
      return toDto(user);
    });
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<MeDto> {
    await this.db.write((m) => m.update(User, { id: user.id }, { ...(dto.locale ? { locale: dto.locale } : {}), ...(dto.displayName ? { displayName: dto.displayName.trim() } : {}) }));
    const fresh = await this.db.manager.findOneByOrFail(User, { id: user.id });
    return this.me({ ...user, locale: fresh.locale, displayName: fresh.displayName });
  }
}
