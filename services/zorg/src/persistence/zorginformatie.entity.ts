import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CareKind } from '../domain/care-information.js';

/** Care information recorded by a care provider about a young person it took over; never leaves this store on the bus. */
@Entity({ name: 'zorginformatie' })
@Index(['overdrachtId'])
export class ZorginformatieRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The care provider holding it (agb:...): the holder the consent service is asked about. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** The verwijzing it belongs to. */
  @Column({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ type: 'text' })
  kind!: CareKind;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
