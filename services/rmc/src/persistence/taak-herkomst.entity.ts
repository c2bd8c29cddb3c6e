import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a task reopened after uitval na plaatsing came from: the history travels with the young person. */
@Entity({ name: 'taak_herkomst' })
export class TaakHerkomstRecord {
  @PrimaryColumn({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ name: 'previous_taak_id', type: 'uuid', nullable: true })
  previousTaakId!: string | null;

  @Column({ name: 'uitval_id', type: 'uuid', unique: true })
  uitvalId!: string;

  @Column({ name: 'plaatsing_id', type: 'uuid' })
  plaatsingId!: string;

  @Column({ name: 'placement_type', type: 'text' })
  placementType!: string;

  @Column({ name: 'dropout_reason', type: 'text' })
  dropoutReason!: string;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy!: string;
}
