import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Lab } from './lab.entity';
import { Organisation } from '../organisations/organisation.entity';

/** An organisation taking part in a lab; joined_on and invited_by draw the lab's growth of partners. */
@Entity('lab_partners')
export class LabPartner {
  @PrimaryColumn({ name: 'lab_id', type: 'integer' })
  labId: number;

  @ManyToOne(() => Lab, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id' })
  labRef?: Lab;

  @PrimaryColumn({ name: 'organisation_id', type: 'integer' })
  organisationId: number;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisationRef?: Organisation;

  @Column({ name: 'joined_at', type: 'datetime' })
  joinedAt: Date;

  @Column({ name: 'invited_by_organisation_id', type: 'integer', nullable: true })
  invitedByOrganisationId: number | null;
}
