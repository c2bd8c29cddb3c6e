import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OverdrachtStatus } from '@estafette/overdracht';

/**
 * A referral (the receiver's copy of an overdracht offered to one of its organisations). Holds the
 * signal from the bus plus what only this organisation knows: its contact person, its answers.
 */
@Entity({ name: 'verwijzing' })
@Index(['organisationId', 'status'])
export class VerwijzingRecord {
  /** The overdrachtId on the bus. */
  @PrimaryColumn({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  /** The receiving organisation (tenant); every query is scoped by it. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'from_type', type: 'text' })
  fromType!: string;

  @Column({ name: 'from_id', type: 'text' })
  fromId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'handover_reason', type: 'text' })
  handoverReason!: string;

  @Column({ name: 'response_due_at', type: 'timestamptz' })
  responseDueAt!: Date;

  @Column({ name: 'age_at_offer', type: 'int' })
  ageAtOffer!: number;

  /**
   * The date the young person turns 23 (YYYY-MM-DD), from the offer: ages and the end of the RMC's part follow
   * exactly from it. Null when the offer carried none (older producers; an uitval of another organisation).
   */
  @Column({ name: 'turns_23_on', type: 'date', nullable: true })
  turns23On!: string | null;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ name: 'first_contact_proposed_on', type: 'date', nullable: true })
  firstContactProposedOn!: string | null;

  /** The toestemming the offer rested on (legalBasis toestemming); null on a legal basis. Withdrawing it purges. */
  @Column({ name: 'toestemming_id', type: 'uuid', nullable: true })
  toestemmingId!: string | null;

  /** The sender's record, fetched consent-gated when the consulent opens the referral. */
  @Column({ name: 'sender_dataref', type: 'text', nullable: true })
  senderDataref!: string | null;

  @Column({ type: 'text' })
  status!: OverdrachtStatus;

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason!: string | null;

  /** The receiver's named contact person: stays in this store, never on the bus. */
  @Column({ name: 'contact_person', type: 'text', nullable: true })
  contactPerson!: string | null;

  @Column({ name: 'first_contact_planned_on', type: 'date', nullable: true })
  firstContactPlannedOn!: string | null;

  @Column({ name: 'first_contact_date', type: 'date', nullable: true })
  firstContactDate!: string | null;

  /** A school's acceptance: the date it plans to enrol the young person (YYYY-MM-DD). Null at other receivers. */
  @Column({ name: 'enrolment_planned_on', type: 'date', nullable: true })
  enrolmentPlannedOn!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
