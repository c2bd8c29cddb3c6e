import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactKind } from '../domain/taak-lifecycle.js';

@Entity({ name: 'contact_moment' })
export class ContactMomentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'taak_id', type: 'uuid' })
  taakId!: string;

  @Column({ type: 'text' })
  kind!: ContactKind;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
