import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CorrectieOutcome } from '../domain/uitschrijving-correctie.js';

/** A school's correction or withdrawal as the task received it, and what the task did: its history (GET /taken/:id). */
@Entity({ name: 'taak_correctie' })
export class TaakCorrectieRecord {
  /** The event's id: a redelivered event finds its row. */
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ type: 'text' })
  kind!: 'correctie' | 'intrekking';

  /** A code of CORRECTIE_REASONS or INTREKKING_REASONS. */
  @Column({ type: 'text' })
  reason!: string;

  /** Per changed field (named as on the bus) its value before and after; empty for a withdrawal. */
  @Column({ type: 'jsonb' })
  changes!: Record<string, { from: string | null; to: string }>;

  @Column({ type: 'text' })
  outcome!: CorrectieOutcome;

  /** The task's region before and after (different only when the correction moved it). */
  @Column({ name: 'from_region', type: 'text' })
  fromRegion!: string;

  @Column({ name: 'to_region', type: 'text' })
  toRegion!: string;

  /** The school's date of the correction (Europe/Amsterdam). */
  @Column({ name: 'correction_date', type: 'date' })
  correctionDate!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
