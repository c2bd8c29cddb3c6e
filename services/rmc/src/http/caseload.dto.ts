import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { PageQuery } from '@estafette/service-kit';

const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** At most this many tasks per bulk toewijzing: one transaction stays short, and a page of the caseload fits. */
export const MAX_TAKEN_PER_TOEWIJZING = 200;

export class CaseloadQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'ops only: one RMC region (MCxx); all regions when omitted. A coordinator always reads their own.' })
  @IsOptional()
  @Matches(/^MC\d{2}$/, { message: 'region must be an RMC region code such as MC21' })
  region?: string;
}

export class CaseloadTakenQuery extends CaseloadQuery {
  @ApiPropertyOptional({ description: "Only this consulent's open tasks (their user id, as in assignedTo)." })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  assignedTo?: string;

  @ApiPropertyOptional({ description: 'Only the open tasks nobody has.' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  unassigned?: boolean;
}

export class BulkToewijzingDto {
  @ApiProperty({ description: `The tasks to reassign: 1 to ${MAX_TAKEN_PER_TOEWIJZING} ids, each once.`, type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'taakIds must name at least 1 task' })
  @ArrayMaxSize(MAX_TAKEN_PER_TOEWIJZING, { message: `taakIds may name at most ${MAX_TAKEN_PER_TOEWIJZING} tasks` })
  @ArrayUnique({ message: 'taakIds must not name a task twice' })
  @IsUUID('all', { each: true, message: 'each of taakIds must be a UUID' })
  // Ids are compared with the database's lower-case ones: an upper-case copy of an id names the same task.
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value,
  )
  taakIds!: string[];

  @ApiProperty({ description: 'User id of the consulent who gets the tasks.' })
  @IsString()
  @Length(1, 128)
  assignee!: string;
}
