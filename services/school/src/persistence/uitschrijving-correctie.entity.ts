import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CorrectieChanges } from '../domain/uitschrijving-correctie.js';

/** A correction or withdrawal of an uitschrijving by its school: the history the school (and an auditor) reads back. */
@Entity({ name: 'uitschrijving_correctie' })
@Index(['uitschrijvingId', 'requestKey'], { unique: true })
export class UitschrijvingCorrectieRecord {
  /** Also `correctieId` on `uitschrijving.corrected`. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'uitschrijving_id', type: 'uuid' })
  uitschrijvingId!: string;

  @Column({ name: 'school_id', type: 'text' })
  schoolId!: string;

  @Column({ type: 'text' })
  kind!: 'correctie' | 'intrekking';

  /** A code of CORRECTIE_REASONS or INTREKKING_REASONS. */
  @Column({ type: 'text' })
  reason!: string;

  /** The request's content, hashed: the same request again finds this row. */
  @Column({ name: 'request_key', type: 'text' })
  requestKey!: string;

  /** Per changed field its value before and after; empty for a withdrawal. */
  @Column({ type: 'jsonb' })
  changes!: CorrectieChanges;

  @Column({ name: 'correction_date', type: 'date' })
  correctionDate!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
