import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TimerKind = 'first-contact-due' | 'prepare-wi-handover' | 'turns-23';

/** A durable timer: stored with the task, fired at most once (fired_at is set in the firing transaction). */
@Entity({ name: 'timer' })
export class TimerRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ type: 'text' })
  kind!: TimerKind;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;
}
