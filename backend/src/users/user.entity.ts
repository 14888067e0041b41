import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';

@Entity('users')
export class User extends VersionedEntity {
  /** Null for residents who joined through an invitation with only a display name. */
  @Index('ux_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  @Column({ type: 'varchar', length: 5, default: 'nl' })
  locale: string;
}
