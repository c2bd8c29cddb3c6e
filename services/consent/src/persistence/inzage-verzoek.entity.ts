import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One inzage a privacy officer made for a young person on a verified request. Append-only (the database refuses changes). */
@Entity({ name: 'inzage_verzoek' })
export class InzageVerzoekRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The young person's pseudonymous reference. */
  @Index()
  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The privacy officer: token subject, role and organisation. */
  @Column({ name: 'officer_subject', type: 'text' })
  officerSubject!: string;

  @Column({ name: 'officer_organisation_id', type: 'text', nullable: true })
  officerOrganisationId!: string | null;

  /** How the requester's identity was verified (e.g. "ID-bewijs gezien aan de balie"). */
  @Column({ name: 'verification_note', type: 'text' })
  verificationNote!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Which services answered and which did not: service -> `beschikbaar` | `niet-beschikbaar`. No content. */
  @Column({ name: 'section_status', type: 'jsonb' })
  sectionStatus!: Record<string, string>;
}
