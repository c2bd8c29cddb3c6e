import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverdrachtStatus } from '@estafette/overdracht';

/**
 * An overdracht this service offered (the RMC from a task, W&I back to the RMC, a pro/vso school to the
 * municipality), followed through the receiver's replies up to the placement and its follow-up checks.
 * `due_at`/`fired_at` are its durable answer deadline: claimed once, under the offer's own row lock.
 */
@Entity({ name: 'uitgaande_overdracht' })
@Index(['organisationId', 'status'])
export class UitgaandeOverdrachtRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The sending organisation (tenant); every query is scoped by it. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** The sender's own record the young person is known by here (an RMC taak, a verwijzing, an uitschrijving). */
  @Column({ name: 'local_ref', type: 'uuid' })
  localRef!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'to_type', type: 'text' })
  toType!: string;

  @Column({ name: 'to_id', type: 'text' })
  toId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'handover_reason', type: 'text' })
  handoverReason!: string;

  /** The sender's named contact person: kept here, never on the bus. */
  @Column({ name: 'contact_person', type: 'text' })
  contactPerson!: string;

  @Column({ name: 'first_contact_proposed_on', type: 'date', nullable: true })
  firstContactProposedOn!: string | null;

  /** The answer deadline, as in the offer on the bus: it decides a late acceptance. */
  @Column({ name: 'response_due_at', type: 'timestamptz' })
  responseDueAt!: Date;

  /** The expiry timer: falls due at the deadline, fires once (`fired_at`). */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  @Column({ type: 'text' })
  status!: OverdrachtStatus;

  @Column({ name: 'answer_reason', type: 'text', nullable: true })
  answerReason!: string | null;

  @Column({ name: 'first_contact_planned_on', type: 'date', nullable: true })
  firstContactPlannedOn!: string | null;

  /** A school's acceptance: the date it plans to enrol the young person (from overdracht.accepted). */
  @Column({ name: 'enrolment_planned_on', type: 'date', nullable: true })
  enrolmentPlannedOn!: string | null;

  /** Set when the offer expired or the first contact was missed: the sender must act. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** The receiver's plaatsing, once reported: the sender keeps following after its own work closed. */
  @Column({ name: 'plaatsing_id', type: 'uuid', nullable: true })
  plaatsingId!: string | null;

  @Column({ name: 'placement_type', type: 'text', nullable: true })
  placementType!: string | null;

  /** The receiver's follow-up schedule and the outcomes reported so far. */
  @Column({ name: 'follow_up_checks', type: 'jsonb', nullable: true })
  followUpChecks!: { checkType: string; dueDate: string; outcome?: string }[] | null;

  @Column({ name: 'offered_by', type: 'text' })
  offeredBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
