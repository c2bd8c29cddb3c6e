import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A new enrolment at this school. Personal data (BSN, birth date) stays in this store. */
@Entity({ name: 'inschrijving' })
@Index(['schoolId', 'studentNumber', 'enrolmentDate'], { unique: true })
export class InschrijvingRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'school_id', type: 'text' })
  schoolId!: string;

  @Column({ name: 'student_number', type: 'text' })
  studentNumber!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ type: 'text', nullable: true })
  bsn!: string | null;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ name: 'enrolment_date', type: 'date' })
  enrolmentDate!: string;

  @Column({ name: 'school_type', type: 'text' })
  schoolType!: string;

  @Column({ name: 'school_level', type: 'text', nullable: true })
  schoolLevel!: string | null;

  @Column({ name: 'municipality_of_residence', type: 'text' })
  municipalityOfResidence!: string;

  /** Back to school: the overdracht this school accepted for the young person and this enrolment completes; null otherwise. */
  @Column({ name: 'overdracht_id', type: 'uuid', nullable: true })
  overdrachtId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
