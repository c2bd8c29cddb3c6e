import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_ACTIONS = ['geregistreerd', 'gewijzigd', 'gedeactiveerd', 'geactiveerd'] as const;
export type OrganisationAction = (typeof ORGANISATION_ACTIONS)[number];

/** Who registered or changed what, when: one append-only row per change, with the organisation before and after. */
@Entity({ name: 'organisation_audit' })
export class OrganisationAuditRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  action!: OrganisationAction;

  /** The ops user's token subject, or `seed:<file>` for the development seed. */
  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb' })
  after!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
