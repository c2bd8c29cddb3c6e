import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NazorgStatus } from '../domain/nazorg-status.js';
import type { Contact } from '../domain/contact.js';

/** A deregistration as the school reported it. Personal data (BSN, birth date) stays in this store. */
@Entity({ name: 'uitschrijving' })
@Index(['schoolId', 'schoolReference'], { unique: true })
export class UitschrijvingRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** brin:<code>; every query is scoped by it. */
  @Column({ name: 'school_id', type: 'text' })
  schoolId!: string;

  /** The school's own reference for this deregistration: posting it again creates nothing new. */
  @Column({ name: 'school_reference', type: 'text' })
  schoolReference!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  @Index()
  pseudonymousReference!: string;

  @Column({ type: 'text', nullable: true })
  bsn!: string | null;

  @Column({ name: 'student_number', type: 'text' })
  studentNumber!: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ name: 'deregistration_date', type: 'date' })
  deregistrationDate!: string;

  @Column({ name: 'school_type', type: 'text' })
  schoolType!: string;

  @Column({ name: 'school_level', type: 'text', nullable: true })
  schoolLevel!: string | null;

  @Column({ name: 'highest_diploma', type: 'text' })
  highestDiploma!: string;

  @Column({ name: 'has_startkwalificatie', type: 'boolean' })
  hasStartkwalificatie!: boolean;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'exit_interview_held', type: 'boolean' })
  exitInterviewHeld!: boolean;

  @Column({ name: 'municipality_of_residence', type: 'text' })
  municipalityOfResidence!: string;

  /** Name and contact data, when the school system sent them; read by others only through the dossier route. */
  @Column({ type: 'jsonb', nullable: true })
  contact!: Contact | null;

  @Column({ name: 'nazorg_status', type: 'text' })
  nazorgStatus!: NazorgStatus;

  /** The school's Amsterdam date of its withdrawal (wrong student); null while the uitschrijving stands. */
  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn!: string | null;

  /** One of INTREKKING_REASONS (@estafette/contracts). */
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
