import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Why a young person is in this organisation's worklist without an offer: an uitval na plaatsing returned them
 * here (`returnsTo`), so this organisation holds the baton from the uitval on. The history travels with them:
 * which plaatsing failed, who reported it, when and why. One row per verwijzing filed from an uitval.
 */
@Entity({ name: 'verwijzing_herkomst' })
export class VerwijzingHerkomstRecord {
  /** The verwijzing this history belongs to (its id is the uitval id: one uitval, one worklist item). */
  @PrimaryColumn({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'uitval_id', type: 'uuid', unique: true })
  uitvalId!: string;

  /** The plaatsing that failed (at the reporting organisation). */
  @Column({ name: 'plaatsing_id', type: 'uuid' })
  plaatsingId!: string;

  @Column({ name: 'placement_type', type: 'text' })
  placementType!: string;

  @Column({ name: 'dropout_date', type: 'date' })
  dropoutDate!: string;

  @Column({ name: 'dropout_reason', type: 'text' })
  dropoutReason!: string;

  @Column({ name: 'reported_by_type', type: 'text' })
  reportedByType!: string;

  @Column({ name: 'reported_by_id', type: 'text' })
  reportedById!: string;

  /** When the plaatsing was this organisation's own: the verwijzing it placed from. */
  @Column({ name: 'previous_overdracht_id', type: 'uuid', nullable: true })
  previousOverdrachtId!: string | null;
}
