import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Enrolments by pseudonym. Kafka orders events per topic, not across them: a new school's inschrijving
 * can arrive before the old school's uitschrijving, and must still prevent the melding.
 */
@Entity({ name: 'inschrijving_seen' })
export class InschrijvingSeenRecord {
  @PrimaryColumn({ name: 'inschrijving_id', type: 'uuid' })
  inschrijvingId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'date_of_enrolment', type: 'date' })
  dateOfEnrolment!: string;
}
