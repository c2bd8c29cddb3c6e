import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A warm handover to W&I or zorg that the school saw on the bus (overdracht.offered): the only grounds on
 * which it shares a dossier with that receiver (need-to-know), consent permitting. Closed when the offer is
 * withdrawn, expires or is rejected.
 */
@Entity({ name: 'verwijzing_gezien' })
export class VerwijzingGezienRecord {
  @PrimaryColumn({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'to_type', type: 'text' })
  toType!: string;

  @Column({ name: 'to_id', type: 'text' })
  toId!: string;

  /** The uitschrijving the offer names (overdracht.offered `uitschrijvingId`); null for offers that name none. */
  @Column({ name: 'uitschrijving_id', type: 'uuid', nullable: true })
  uitschrijvingId!: string | null;

  @Column({ type: 'boolean' })
  open!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
