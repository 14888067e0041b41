import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Iteration } from '../iterations/iteration.entity';
import { Participant } from './participant.entity';

/** A lab's attendance per iteration, read from the index alone (the charts' reach, newcomers and mixing). */
@Entity('attendance')
@Index('ix_attendance_lab_iteration', ['labId', 'iterationId', 'participantId'])
export class Attendance {
  @PrimaryColumn({ name: 'iteration_id', type: 'integer' })
  iterationId: number;

  @ManyToOne(() => Iteration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'iteration_id' })
  iterationRef?: Iteration;

  @Index('ix_attendance_participant')
  @PrimaryColumn({ name: 'participant_id', type: 'integer' })
  participantId: number;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participantRef?: Participant;

  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;
}
