import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/** set-password: the admin hands it to a new account; sign-in: a way back in for someone without a password. */
export type AccessLinkPurpose = 'set-password' | 'sign-in';

/** A link that signs one account in. Only the token's hash is kept. */
@Entity('access_links')
export class AccessLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_access_links_user')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_access_links_user' })
  userRef?: User;

  @Index('ux_access_links_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: AccessLinkPurpose;

  /** A resident's personal link to keep works until they make a new one; every other link works once. */
  @Column({ type: 'boolean', default: false })
  reusable: boolean;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;
}
