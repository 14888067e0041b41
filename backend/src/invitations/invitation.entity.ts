import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lab } from '../labs/lab.entity';
import type { LabRole } from '../common/vocabulary';

/**
 * A link a coordinator copies to someone: single lab, single role, single use, expiring. Only the token's hash is
 * kept.
 */
@Entity('invitations')
export class Invitation {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_invitations_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Index('ux_invitations_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: LabRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  /** When set, the link invites to contribute to this evaluation round (and joins the lab as a resident). */
  @Column({ name: 'round_id', type: 'integer', nullable: true })
  roundId: number | null;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'used_by', type: 'integer', nullable: true })
  usedBy: number | null;

  /**
   * An invitation addressed by exact e-mail address (lower case): the account with that address sees it among its own
   * and accepts or declines; the coordinator never learns whether such an account exists.
   */
  @Index('ix_invitations_invitee')
  @Column({ name: 'invitee_email', type: 'varchar', length: 254, nullable: true })
  inviteeEmail: string | null;

  @Column({ name: 'declined_at', type: 'datetime', nullable: true })
  declinedAt: Date | null;

  /** When a coordinator withdrew it: its link then says so, rather than that it expired. */
  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
