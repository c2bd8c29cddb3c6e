import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverdrachtStatus } from '@estafette/overdracht';

/** A handover the RMC offered from one of its tasks, followed until placement and beyond. */
@Entity({ name: 'overdracht' })
@Index(['region', 'status'])
export class OverdrachtRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ name: 'to_type', type: 'text' })
  toType!: string;

  @Column({ name: 'to_id', type: 'text' })
  toId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'handover_reason', type: 'text' })
  handoverReason!: string;

  /** The sender's named contact person: kept here, fetched by the receiver through the dataref. */
  @Column({ name: 'contact_person', type: 'text' })
  contactPerson!: string;

  @Column({ name: 'first_contact_proposed_on', type: 'date', nullable: true })
  firstContactProposedOn!: string | null;

  @Column({ name: 'response_due_at', type: 'timestamptz' })
  responseDueAt!: Date;

  @Column({ type: 'text' })
  status!: OverdrachtStatus;

  @Column({ name: 'answer_reason', type: 'text', nullable: true })
  answerReason!: string | null;

  @Column({ name: 'first_contact_planned_on', type: 'date', nullable: true })
  firstContactPlannedOn!: string | null;

  /** Set when the offer expired or the first contact was missed: on the coordinator's escalation list. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'plaatsing_id', type: 'uuid', nullable: true })
  plaatsingId!: string | null;

  @Column({ name: 'placement_type', type: 'text', nullable: true })
  placementType!: string | null;

  /** The receiver's follow-up schedule, so the RMC keeps following after its trajectory closed. */
  @Column({ name: 'follow_up_checks', type: 'jsonb', nullable: true })
  followUpChecks!: { checkType: string; dueDate: string; outcome?: string }[] | null;

  @Column({ name: 'offered_by', type: 'text' })
  offeredBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
