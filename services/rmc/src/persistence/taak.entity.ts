import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CloseReason, TaakStatus } from '../domain/taak-lifecycle.js';
import type { Team } from '../domain/vsv-decision.js';

/** One vsv-melding and the RMC task that follows it up. Holds signals and references, no identity. */
@Entity({ name: 'taak' })
@Index(['region', 'status', 'firstContactDueDate'])
export class TaakRecord {
  /** Also the vsv-melding id on the bus. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  @Index()
  pseudonymousReference!: string;

  /** RMC region code (MC21); every worklist query is scoped by it. */
  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text' })
  team!: Team;

  @Column({ name: 'uitschrijving_id', type: 'uuid', unique: true })
  uitschrijvingId!: string;

  @Column({ name: 'school_id', type: 'text' })
  schoolId!: string;

  /** Where the young person's identity and contact data live (the school), fetched consent-gated. */
  @Column({ name: 'school_dataref', type: 'text', nullable: true })
  schoolDataref!: string | null;

  @Column({ name: 'municipality', type: 'text' })
  municipality!: string;

  @Column({ name: 'age_at_registration', type: 'int' })
  ageAtRegistration!: number;

  @Column({ name: 'registration_date', type: 'date' })
  registrationDate!: string;

  @Column({ name: 'grace_period_end_date', type: 'date' })
  gracePeriodEndDate!: string;

  @Column({ name: 'first_contact_due_date', type: 'date' })
  firstContactDueDate!: string;

  /** The date the young person turns 23: the RMC's part ends then (calendar date; null on tasks from before it was kept). */
  @Column({ name: 'turns_23_on', type: 'date', nullable: true })
  turns23On!: string | null;

  @Column({ type: 'text' })
  status!: TaakStatus;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: CloseReason | null;

  @Column({ name: 'assigned_to', type: 'text', nullable: true })
  assignedTo!: string | null;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'buiten_beeld', type: 'boolean', default: false })
  buitenBeeld!: boolean;

  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true })
  firstContactAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** Set by the timer before the 23rd birthday: the handover to Werk & Inkomen must be prepared now. */
  @Column({ name: 'wi_handover_due_since', type: 'timestamptz', nullable: true })
  wiHandoverDueSince!: Date | null;

  /** The plan van aanpak's next step (Amsterdam date); null without a plan. */
  @Column({ name: 'next_step_on', type: 'date', nullable: true })
  nextStepOn!: string | null;

  /** Set when the next step's date came: the task is back on top of the worklist until a contact moment or a new plan. */
  @Column({ name: 'back_on_top_since', type: 'timestamptz', nullable: true })
  backOnTopSince!: Date | null;

  /** The last day the next periodic contact is in time (Amsterdam date); null before the first contact. */
  @Column({ name: 'periodic_contact_due_date', type: 'date', nullable: true })
  periodicContactDueDate!: string | null;

  /** Set when the periodic contact's period passed without contact; cleared by the next contact. */
  @Column({ name: 'periodic_contact_overdue_since', type: 'timestamptz', nullable: true })
  periodicContactOverdueSince!: Date | null;

  /** The school whose enrolment closed this task (re-enrolment), e.g. brin:31QQ; null otherwise. */
  @Column({ name: 'reenrolment_school_id', type: 'text', nullable: true })
  reenrolmentSchoolId!: string | null;

  /** The date of that enrolment. */
  @Column({ name: 'reenrolment_date', type: 'date', nullable: true })
  reenrolmentDate!: string | null;

  /** That school's inschrijving id: the school can look it up in its own access log. */
  @Column({ name: 'reenrolment_inschrijving_id', type: 'uuid', nullable: true })
  reenrolmentInschrijvingId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
