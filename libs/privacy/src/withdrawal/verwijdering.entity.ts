import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Why something was removed; today only a withdrawn toestemming removes anything outside retention. */
export type RemovalReason = 'toestemming-ingetrokken';

/**
 * One removal of what a service kept about a young person, per category: the purge record the inzage shows
 * ("removed because you withdrew your consent"). Rows are never changed or removed (the database refuses it);
 * they name a category and a count, never the content that was removed.
 */
@Entity({ name: 'verwijdering' })
@Index(['subject', 'at'])
export class VerwijderingRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The young person's pseudonymous reference. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The category removed, e.g. `verwijzing:gegevens-van-verwijzer`: a name from docs/privacy.md, never content. */
  @Column({ type: 'text' })
  what!: string;

  /** How many records of that category were removed or emptied. */
  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'text' })
  reason!: RemovalReason;

  /** The withdrawn toestemming the removed data was obtained under. */
  @Column({ name: 'toestemming_id', type: 'uuid' })
  toestemmingId!: string;
}
