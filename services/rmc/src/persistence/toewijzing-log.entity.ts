import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One reassignment of one task by a coordinator (bulk toewijzing): who had it, who has it now, who moved it and when.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). The rows of one request share `transactionId`: the
 * reassignments of one request were made together or not at all.
 */
@Entity({ name: 'toewijzing_log' })
@Index(['taakId', 'at'])
export class ToewijzingLogRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  /** The consulent the task had (user id); null when it had none. */
  @Column({ name: 'from_assignee', type: 'text', nullable: true })
  fromAssignee!: string | null;

  @Column({ name: 'to_assignee', type: 'text' })
  toAssignee!: string;

  /** The coordinator who reassigned (user id). */
  @Column({ name: 'assigned_by', type: 'text' })
  assignedBy!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** PostgreSQL's transaction id (txid_current()), set by the database. */
  @Column({ name: 'transaction_id', type: 'bigint', insert: false, update: false })
  transactionId!: string;
}
