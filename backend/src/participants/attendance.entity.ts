import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Iteration } from '../iterations/iteration.entity';
import { Participant } from './participant.entity';

@Entity('attendance')
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

  @Index('ix_attendance_lab')
  @Column({ name: 'lab_id', type: 'integer' })
  labId: number;
}
