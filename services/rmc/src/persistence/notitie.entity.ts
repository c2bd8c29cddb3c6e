import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotitieBij } from '../domain/notitie.js';

/**
 * A note (free text) on a contact moment or on the plan van aanpak. All notes are in this one table with the young
 * person's pseudonymous reference, so their inzage can list them; they never go on the bus.
 */
@Entity({ name: 'notitie' })
export class NotitieRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  @Index()
  taakId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  @Index()
  pseudonymousReference!: string;

  @Column({ type: 'text' })
  bij!: NotitieBij;

  /** The contact moment the note is on (bij = contactmoment). */
  @Column({ name: 'contact_moment_id', type: 'uuid', nullable: true })
  contactMomentId!: string | null;

  /** The plan version current when the note was written (bij = plan). */
  @Column({ name: 'plan_version', type: 'int', nullable: true })
  planVersion!: number | null;

  @Column({ type: 'text' })
  tekst!: string;

  @Column({ name: 'written_by', type: 'text' })
  writtenBy!: string;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;
}
