import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Grantor, HowGiven } from '../domain/vocabulary.js';

/** One consent as given, with the exact wording shown. A withdrawal only marks it; the retention job deletes it seven years after it closed (bewaartermijn toestemming). */
@Entity({ name: 'toestemming' })
export class ToestemmingRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The decision hot path reads a young person's consents by this index only. */
  @Index()
  @Column({ type: 'text' })
  subject!: string;

  /** From the school's records (subject_age), never from the request; null while unknown (a guardian must co-sign). */
  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ name: 'data_categories', type: 'text', array: true })
  dataCategories!: string[];

  @Column({ name: 'from_type', type: 'text' })
  fromType!: string;

  @Column({ name: 'from_id', type: 'text', nullable: true })
  fromId!: string | null;

  @Column({ name: 'to_type', type: 'text' })
  toType!: string;

  @Column({ name: 'to_id', type: 'text', nullable: true })
  toId!: string | null;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'wording_version', type: 'text' })
  wordingVersion!: string;

  @Column({ name: 'wording_text', type: 'text' })
  wordingText!: string;

  @Column({ name: 'how_given', type: 'text' })
  howGiven!: HowGiven;

  @Column({ name: 'granted_by', type: 'text', array: true })
  grantedBy!: Grantor[];

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt!: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: Grantor | null;

  /** The parent's or guardian's token subject, once they co-signed. */
  @Column({ name: 'co_signed_by', type: 'text', nullable: true })
  coSignedBy!: string | null;

  @Column({ name: 'co_signed_at', type: 'timestamptz', nullable: true })
  coSignedAt!: Date | null;
}
