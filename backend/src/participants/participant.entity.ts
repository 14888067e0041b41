import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Lab } from '../labs/lab.entity';
import { VersionedEntity } from '../database/base.entity';

/** A person taking part in a lab (not necessarily a user). Pseudonym, groups, affiliation, contact: personal data. */
@Entity('participants')
export class Participant extends VersionedEntity {
  @Index('ix_participants_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @Column({ type: 'varchar', length: 120 })
  pseudonym: string;

  /** Self-described group memberships, e.g. "65+", "Wittevrouwen", "nieuwkomer". */
  @Column({ type: 'json' })
  groups: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  affiliation: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contact: string | null;

  @Column({ name: 'invited_by_participant_id', type: 'integer', nullable: true })
  invitedByParticipantId: number | null;

  @Column({ name: 'consent_participation', type: 'boolean', default: false })
  consentParticipation: boolean;

  @Column({ name: 'consent_quote', type: 'boolean', default: false })
  consentQuote: boolean;

  @Column({ name: 'consent_photo', type: 'boolean', default: false })
  consentPhoto: boolean;

  @Column({ name: 'consent_contact', type: 'boolean', default: false })
  consentContact: boolean;

  @Column({ name: 'consent_given_at', type: 'datetime', nullable: true })
  consentGivenAt: Date | null;

  @Column({ name: 'consent_withdrawn_at', type: 'datetime', nullable: true })
  consentWithdrawnAt: Date | null;

  @Column({ name: 'consent_version', type: 'varchar', length: 40, nullable: true })
  consentVersion: string | null;

  @Column({ name: 'erased_at', type: 'datetime', nullable: true })
  erasedAt: Date | null;
}
