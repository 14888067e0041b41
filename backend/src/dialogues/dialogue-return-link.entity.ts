import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DialogueJoiner } from './dialogue.entity';

/** How long a phone's personal link to what came of a table works, from when the phone made it. */
export const RETURN_LINK_DAYS = 90;

/**
 * A phone's personal link back to a table (`/tafel/terug#<token>`): it only reads what came of the table, it never
 * posts. Only the hash of its token is kept; one link per joiner (making it again replaces it).
 */
@Entity('dialogue_return_links')
export class DialogueReturnLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ux_dialogue_return_links_joiner', { unique: true })
  @Column({ name: 'joiner_id', type: 'integer' })
  joinerId: number;

  @ManyToOne(() => DialogueJoiner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joiner_id' })
  joinerRef?: DialogueJoiner;

  @Index('ux_dialogue_return_links_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
