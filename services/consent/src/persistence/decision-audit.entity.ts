import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One decision, chained to the one before it by hash. subject, grondslag and permit are generated from the
 * hashed jsonb by the database, so editing them means editing what the hash covers.
 */
@Entity({ name: 'decision_audit' })
export class DecisionAuditRecord {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sequence!: number;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  outcome!: Record<string, unknown>;

  @Column({ type: 'text', insert: false, update: false })
  subject!: string;

  @Column({ type: 'text', insert: false, update: false, nullable: true })
  grondslag!: string | null;

  @Column({ type: 'boolean', insert: false, update: false })
  permit!: boolean;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
