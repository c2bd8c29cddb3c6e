import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FollowUpCheckType } from '@estafette/overdracht';

/**
 * A follow-up check of a placement, and its durable timer: `fired_at` is set once, in the transaction
 * that puts the check on the worklist; `done_at` when the consulent recorded the outcome.
 */
@Entity({ name: 'follow_up_check' })
export class FollowUpCheckRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'plaatsing_id', type: 'uuid' })
  plaatsingId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'check_type', type: 'text' })
  checkType!: FollowUpCheckType;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}
