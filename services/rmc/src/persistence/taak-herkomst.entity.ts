import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a task reopened for a returning young person came from: after uitval na plaatsing (uitval, plaatsing)
 * or handed back by another organisation (overdracht). The history travels with the young person.
 */
@Entity({ name: 'taak_herkomst' })
export class TaakHerkomstRecord {
  @PrimaryColumn({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ name: 'previous_taak_id', type: 'uuid', nullable: true })
  previousTaakId!: string | null;

  @Column({ name: 'uitval_id', type: 'uuid', unique: true, nullable: true })
  uitvalId!: string | null;

  @Column({ name: 'plaatsing_id', type: 'uuid', nullable: true })
  plaatsingId!: string | null;

  @Column({ name: 'placement_type', type: 'text', nullable: true })
  placementType!: string | null;

  @Column({ name: 'dropout_reason', type: 'text', nullable: true })
  dropoutReason!: string | null;

  /** The organisation that reported the uitval, or that handed the young person back. */
  @Column({ name: 'reported_by', type: 'text' })
  reportedBy!: string;

  /** The accepted overdracht that brought the young person back (W&I back to the RMC). */
  @Column({ name: 'overdracht_id', type: 'uuid', unique: true, nullable: true })
  overdrachtId!: string | null;

  @Column({ name: 'handover_reason', type: 'text', nullable: true })
  handoverReason!: string | null;
}
