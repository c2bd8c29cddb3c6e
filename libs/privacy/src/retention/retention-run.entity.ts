import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of the retention job: when, how many rows each category removed or pseudonymised (never what), and the
 * version of the policy it applied. Append-only: the database refuses to change or remove a line.
 */
@Entity({ name: 'retention_run' })
@Index(['runDate'])
export class RetentionRunRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The Amsterdam calendar date the run was for (the service clock's today): one run a day. */
  @Column({ name: 'run_date', type: 'date' })
  runDate!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  /** Rows removed or pseudonymised per category of the policy; every category present, 0 included. */
  @Column({ type: 'jsonb' })
  counts!: Record<string, number>;

  /** policyVersion() of the table the run applied. */
  @Column({ type: 'text' })
  policy!: string;
}
