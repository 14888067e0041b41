import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';

import { INSTALLATION_ROLES, type InstallationRole } from '../common/vocabulary';

export { INSTALLATION_ROLES, type InstallationRole };

@Entity('users')
@Index('ux_users_oidc_identity', ['oidcIssuer', 'oidcSubject'], { unique: true })
export class User extends VersionedEntity {
  /** Null for residents who joined through an invitation with only a display name. */
  @Index('ux_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Column({ name: 'installation_role', type: 'varchar', length: 10, default: 'member' })
  installationRole: InstallationRole;

  @Column({ type: 'varchar', length: 5, default: 'nl' })
  locale: string;

  /** A deactivated account cannot log in; its sessions end when it is deactivated. */
  @Column({ name: 'deactivated_at', type: 'datetime', nullable: true })
  deactivatedAt: Date | null;

  /** Deleted by its owner: the row stays without name or e-mail, so contributions keep counting, unnamed. */
  @Column({ name: 'deleted_at', type: 'datetime', nullable: true })
  deletedAt: Date | null;

  /** The OpenID Connect identity this account signs in with (issuer and subject), if any. */
  @Column({ name: 'oidc_issuer', type: 'varchar', length: 255, nullable: true })
  oidcIssuer: string | null;

  @Column({ name: 'oidc_subject', type: 'varchar', length: 255, nullable: true })
  oidcSubject: string | null;
}
