import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One version of a task's plan van aanpak: every change is a new row (who, when), the highest `version` is the
 * current plan. Free text of the RMC's own store: never on the bus.
 */
@Entity({ name: 'plan_van_aanpak_versie' })
@Index(['taakId', 'version'], { unique: true })
export class PlanVanAanpakVersieRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  /** 1, 2, 3... per task. */
  @Column({ type: 'int' })
  version!: number;

  /** What the young person and the consulent work towards. */
  @Column({ type: 'text' })
  goals!: string;

  /** What was agreed with the young person. */
  @Column({ type: 'text' })
  agreements!: string;

  @Column({ name: 'next_step', type: 'text' })
  nextStep!: string;

  /** Amsterdam date of the next step; its timer puts the task back on top of the worklist that day. */
  @Column({ name: 'next_step_on', type: 'date' })
  nextStepOn!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
