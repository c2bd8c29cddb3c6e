import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * first-contact-due, the run-up to 23 and the 23rd birthday (every task); next-step-due (the plan van aanpak's next
 * step) and periodic-contact-due (re-armed at every contact) while the consulent works on it.
 */
export type TimerKind = 'first-contact-due' | 'prepare-wi-handover' | 'turns-23' | 'next-step-due' | 'periodic-contact-due';

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
