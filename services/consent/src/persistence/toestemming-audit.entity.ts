import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TOESTEMMING_ACTIONS = ['gegeven', 'medeondertekend', 'ingetrokken'] as const;
export type ToestemmingAction = (typeof TOESTEMMING_ACTIONS)[number];

/** Who did what to a consent, when: one append-only row per step (given, co-signed by a guardian, withdrawn). */
@Entity({ name: 'toestemming_audit' })
export class ToestemmingAuditRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ name: 'toestemming_id', type: 'uuid' })
  toestemmingId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  action!: ToestemmingAction;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** The actor's token subject: the young person's pseudonymous reference, or the guardian's user id. */
  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Position in the toestemming-audit chain (1, 2, ...); with the hashes below, see chain-tables.ts. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  /** HMAC-SHA-256 with the chain's key (plain SHA-256 for rows from before the keyed scheme). */
  @Column({ type: 'text' })
  hash!: string;
}
