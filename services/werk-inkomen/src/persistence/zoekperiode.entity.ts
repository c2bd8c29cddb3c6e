import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Werk & Inkomen's zoekperiode for one verwijzing: its end date, or why it was waived. Local only, never on the bus. */
@Entity({ name: 'zoekperiode' })
export class ZoekperiodeRecord {
  /** The verwijzing's overdrachtId. */
  @PrimaryColumn({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'text', nullable: true })
  waiver!: string | null;
}
