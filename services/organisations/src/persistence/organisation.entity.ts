import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegisteredKind } from '@estafette/organisations-client';

/** A registered organisation (school, care provider, W&I department, the platform itself), keyed by its platform id. */
@Entity({ name: 'organisation' })
@Index(['kind', 'active'])
export class OrganisationRecord {
  /** brin:25XY, agb:12345678, gemeente:GM0363, oin:<20 digits>. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: RegisteredKind;

  /** The bare code the organisation was registered with (25XY). */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A deactivated organisation keeps its name for old records but receives no new overdracht. */
  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
