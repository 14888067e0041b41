import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../database/base.entity';
import { User } from '../users/user.entity';
import type { StakeholderGroup } from '../common/vocabulary';
import { EvaluationRound } from './round.entity';

/** One person's contribution to a round; they may change it until the round closes. */
@Entity('contributions')
@Index('ux_contributions_round_user', ['roundId', 'userId'], { unique: true })
export class Contribution extends VersionedEntity {
  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne(() => EvaluationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  roundRef?: EvaluationRound;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  userRef?: User;

  @Column({ name: 'stakeholder_group', type: 'varchar', length: 20 })
  stakeholderGroup: StakeholderGroup;

  /** Shown by name to other contributors (the coordinator always sees names). */
  @Column({ name: 'show_name', type: 'boolean', default: false })
  showName: boolean;

  /** Answers to the round's prompts, by prompt position. */
  @Column({ type: 'json' })
  answers: { prompt: number; text: string }[];

  @Column({ name: 'nominated_observation_id', type: 'integer', nullable: true })
  nominatedObservationId: number | null;

  @Column({ name: 'nomination_reason', type: 'text', nullable: true })
  nominationReason: string | null;
}
