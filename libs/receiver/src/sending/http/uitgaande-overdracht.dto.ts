import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TypeOf } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@estafette/service-kit';
import { ORGANISATION_ID_PATTERN } from '@estafette/auth';
import { WITHDRAW_REASONS, type WithdrawReason } from '@estafette/overdracht';
import { STATUSES } from '../../receiving/http/verwijzing.dto.js';

const PURPOSES = ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg', 'terug-naar-rmc'] as const;
const REASONS = [
  'school-geen-optie',
  'leeftijdsgrens-rmc',
  'ondersteuning-nodig',
  'terug-naar-onderwijs',
  'nazorg-pro-vso',
  'uitval-na-plaatsing',
  'anders',
] as const;

/** What every offer says besides whom it goes to and for what: the RMC's offer extends it too. */
export class OfferFieldsDto {
  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiProperty({ description: "The sender's named contact person (stays with the sender; the receiver fetches it through the dataref)." })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ description: 'Proposed first contact with the young person, sender and receiver together.' })
  @IsOptional()
  @IsCalendarDate()
  firstContactProposedOn?: string;
}

export class ReceiverDto {
  @ApiProperty({ enum: ['rmc', 'werk-inkomen', 'zorg', 'school'] })
  @IsIn(['rmc', 'werk-inkomen', 'zorg', 'school'])
  organisationType!: 'rmc' | 'werk-inkomen' | 'zorg' | 'school';

  @ApiProperty({ example: 'rmc:MC19' })
  @Matches(ORGANISATION_ID_PATTERN)
  id!: string;
}

/** An offer from this service: to whom, why, the named contact person (stays here) and the warm first contact. */
export class OverdrachtOfferDto extends OfferFieldsDto {
  @ApiProperty({ type: ReceiverDto })
  @ValidateNested()
  @TypeOf(() => ReceiverDto)
  to!: ReceiverDto;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: (typeof PURPOSES)[number];
}

export class IntrekkingDto {
  @ApiProperty({ enum: WITHDRAW_REASONS })
  @IsIn(WITHDRAW_REASONS)
  reason!: WithdrawReason;
}

export class UitgaandeOverdrachtQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only escalated handovers (expired offers, missed first contacts).' })
  @IsOptional()
  @IsIn(['true', 'false'])
  escalated?: 'true' | 'false';
}
