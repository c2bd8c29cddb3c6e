import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlacementType } from '@estafette/overdracht';

export type PlaatsingStatus = 'lopend' | 'afgerond' | 'uitgevallen';

@Entity({ name: 'plaatsing' })
export class PlaatsingRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'overdracht_id', type: 'uuid' })
  overdrachtId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'pseudonymous_reference', type: 'text' })
  pseudonymousReference!: string;

  @Column({ name: 'placement_type', type: 'text' })
  placementType!: PlacementType;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'hours_per_week', type: 'int', nullable: true })
  hoursPerWeek!: number | null;

  @Column({ name: 'age_at_placement', type: 'int' })
  ageAtPlacement!: number;

  @Column({ type: 'text' })
  status!: PlaatsingStatus;
}
