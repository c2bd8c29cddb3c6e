import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The durable answer deadline of one offer; fired at most once (fired_at is set in the firing transaction). */
@Entity({ name: 'overdracht_timer' })
export class OverdrachtTimerRecord {
  @PrimaryColumn({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;
}
