import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';

/** One event waiting for (or done with) publication; written in the same transaction as the state change. */
@Entity({ name: 'outbox' })
export class OutboxRecord {
  /** Commit order is publish order; bigint comes back from pg as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position!: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  /** Unprefixed topic name; the relay adds the deployment prefix. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  event!: CloudEvent;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** The OutboxHold that keeps this row from the relay; null once released (or never held). */
  @Column({ name: 'held_by', type: 'text', nullable: true })
  heldBy!: string | null;
}
