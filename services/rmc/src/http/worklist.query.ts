import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@estafette/service-kit';
import type { TaakStatus } from '../domain/taak-lifecycle.js';

export const TAAK_STATUSES: TaakStatus[] = ['nieuw', 'toegewezen', 'in-contact', 'traject', 'overgedragen', 'gesloten'];
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class WorklistQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TAAK_STATUSES })
  @IsOptional()
  @IsIn(TAAK_STATUSES)
  status?: TaakStatus;

  @ApiPropertyOptional({ description: 'Only open tasks whose first-contact due date has passed.' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only tasks assigned to the caller.' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'The outreach list: young people out of sight after failed attempts.' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  buitenBeeld?: boolean;

  @ApiPropertyOptional({ description: 'Turning 23 soon: the handover to Werk & Inkomen must be prepared.' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  wiOverdracht?: boolean;

  @ApiPropertyOptional({ description: "Open tasks whose plan van aanpak's next step came: back on top of the worklist." })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  terugBovenaan?: boolean;

  @ApiPropertyOptional({
    description: "Open tasks whose periodic contact is overdue (no contact within the region's period); `total` counts them.",
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  periodicContactOverdue?: boolean;
}
