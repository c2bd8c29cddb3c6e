import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A consent request (toestemmingsverzoek): an organisation that needs consent asks the young person for it, in
 * context. The text shown is stored as shown; an approval makes a consent with that text.
 */
@Entity({ name: 'toestemmingsverzoek' })
export class ToestemmingsverzoekRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The young person's pseudonymous reference. */
  @Column({ type: 'text' })
  @Index()
  subject!: string;

  @Column({ name: 'requester_type', type: 'text' })
  requesterType!: string;

  @Index()
  @Column({ name: 'requester_id', type: 'text' })
  requesterId!: string;

  /** Who at the requester asked (their login). */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'data_categories', type: 'text', array: true })
  dataCategories!: string[];

  @Column({ name: 'holder_type', type: 'text' })
  holderType!: string;

  @Column({ name: 'holder_id', type: 'text' })
  holderId!: string;

  @Column({ type: 'text' })
  purpose!: string;

  /** Why, in the requester's own words. */
  @Column({ type: 'text' })
  reason!: string;

  /** How long: the last day (Amsterdam) the consent would count. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  /** The exact text the young person reads. */
  @Column({ name: 'wording_text', type: 'text' })
  wordingText!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** The consent an approval made. */
  @Column({ name: 'toestemming_id', type: 'uuid', nullable: true })
  toestemmingId!: string | null;
}
