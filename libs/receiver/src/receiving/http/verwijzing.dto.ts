import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '@estafette/service-kit';
import { PLACEMENT_TYPES, REJECT_REASONS, type PlacementType, type RejectReason } from '@estafette/overdracht';
import type { FirstContactType, MissedReason } from '../application/answer-verwijzing.js';
import type { CheckOutcome, DropoutReason } from '../application/plaatsing-commands.js';

export const STATUSES = [
  'aangeboden',
  'geaccepteerd',
  'afgewezen',
  'verlopen',
  'ingetrokken',
  'eerste-contact-gehad',
  'eerste-contact-gemist',
  'geplaatst',
  'mislukt',
] as const;

export class InboxQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class AcceptDto {
  @ApiProperty({ description: 'Your named contact person for this young person (kept in this service only).' })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ description: "Planned first contact; the sender's proposal when omitted." })
  @IsOptional()
  @IsCalendarDate()
  firstContactPlannedOn?: string;
}

export class RejectDto {
  @ApiProperty({ enum: REJECT_REASONS })
  @IsIn(REJECT_REASONS)
  reason!: RejectReason;
}

const CONTACT_TYPES: FirstContactType[] = ['driegesprek', 'huisbezoek', 'gesprek-op-locatie', 'telefonisch', 'video'];
const MISSED_REASONS: MissedReason[] = ['niet-verschenen', 'niet-bereikbaar', 'afgezegd-door-jongere', 'afgezegd-door-organisatie'];

export class FirstContactDto {
  @ApiProperty({ description: 'Did the first contact take place?' })
  @IsBoolean()
  held!: boolean;

  @ApiProperty({ description: 'Date held, or the planned date that was missed.' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ enum: CONTACT_TYPES })
  @ValidateIf((o: FirstContactDto) => o.held)
  @IsIn(CONTACT_TYPES)
  contactType?: FirstContactType;

  @ApiPropertyOptional({ enum: MISSED_REASONS })
  @ValidateIf((o: FirstContactDto) => !o.held)
  @IsIn(MISSED_REASONS)
  reason?: MissedReason;
}

export class PlacementDto {
  @ApiProperty({ enum: PLACEMENT_TYPES })
  @IsIn(PLACEMENT_TYPES)
  placementType!: PlacementType;

  @ApiProperty()
  @IsCalendarDate()
  startDate!: string;

  @ApiPropertyOptional({ description: 'Required for betaald-werk: 25 or more counts as work.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  hoursPerWeek?: number;
}

const DROPOUT_REASONS: DropoutReason[] = [
  'baan-verloren',
  'contract-niet-verlengd',
  'gestopt-met-opleiding',
  'uitgeschreven',
  'traject-afgebroken',
  'anders',
];
const OUTCOMES: CheckOutcome[] = ['nog-geplaatst', 'afgerond', 'uitgevallen', 'niet-bereikbaar'];

export class FollowUpCheckDto {
  @ApiProperty({ enum: ['na-2-maanden', 'na-1-jaar'] })
  @IsIn(['na-2-maanden', 'na-1-jaar'])
  checkType!: 'na-2-maanden' | 'na-1-jaar';

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: CheckOutcome;

  @ApiPropertyOptional({ enum: DROPOUT_REASONS, description: 'With outcome uitgevallen.' })
  @ValidateIf((o: FollowUpCheckDto) => o.outcome === 'uitgevallen')
  @IsIn(DROPOUT_REASONS)
  dropoutReason?: DropoutReason;
}

export class UitvalDto {
  @ApiProperty()
  @IsCalendarDate()
  dropoutDate!: string;

  @ApiProperty({ enum: DROPOUT_REASONS })
  @IsIn(DROPOUT_REASONS)
  reason!: DropoutReason;
}
