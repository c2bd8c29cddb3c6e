import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every overdracht, plaatsing and uitval event seen, as it came off the bus: the baton is computed from these. */
@Entity({ name: 'baton_event' })
export class BatonEventRecord {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  @Index()
  pseudonymousReference!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz' })
  time!: Date;

  @Column({ type: 'jsonb' })
  data!: unknown;
}

/** The current holder per young person, recomputed from all their events after each one (a cache, not a source). */
@Entity({ name: 'baton_holder' })
export class BatonHolderRecord {
  @PrimaryColumn({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'holder_type', type: 'text', nullable: true })
  holderType!: string | null;

  @Column({ name: 'holder_id', type: 'text', nullable: true })
  holderId!: string | null;

  /** RMC regions that took part, so a coordinator sees only their own region's young people. */
  @Column({ type: 'text', array: true })
  regions!: string[];

  @Column({ type: 'int' })
  conflicts!: number;

  /** Someone must hold the baton; false after an end of responsibility (then holder is null). */
  @Column({ name: 'in_scope', type: 'boolean', default: false })
  inScope!: boolean;

  @Column({ name: 'ended_reason', type: 'text', nullable: true })
  endedReason!: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ name: 'turns_23_on', type: 'date', nullable: true })
  turns23On!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
