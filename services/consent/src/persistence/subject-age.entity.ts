import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the schools' records say about a young person's age: the latest birth date that fits every age a school
 * reported (uitschrijving, inschrijving). Filled from the bus only; the young person cannot set it.
 */
@Entity({ name: 'subject_age' })
export class SubjectAgeRecord {
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ name: 'latest_birth_date', type: 'date' })
  latestBirthDate!: string;

  /** The event that last changed it (CloudEvent id), to trace a reading back to the school. */
  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
