import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ORGANISATION_ID_PATTERN } from '@estafette/auth';
import { STATUSES_FOR_QUERY, WITHDRAW_REASONS, type WithdrawReason } from './overdracht-values.js';

const PURPOSES = ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg'] as const;
const REASONS = ['school-geen-optie', 'leeftijdsgrens-rmc', 'ondersteuning-nodig', 'terug-naar-onderwijs', 'nazorg-pro-vso', 'uitval-na-plaatsing', 'anders'] as const;
const LEGAL_BASES = ['toestemming', 'wettelijke-verplichting', 'publieke-taak'] as const;

export class ReceiverDto {
  @ApiProperty({ enum: ['werk-inkomen', 'zorg', 'school'] })
  @IsIn(['werk-inkomen', 'zorg', 'school'])
  organisationType!: 'werk-inkomen' | 'zorg' | 'school';

  @ApiProperty({ example: 'gemeente:GM0344' })
  @Matches(ORGANISATION_ID_PATTERN)
  id!: string;
}

export class OfferDto {
  @ApiProperty({ type: ReceiverDto })
  @ValidateNested()
  @Type(() => ReceiverDto)
  to!: ReceiverDto;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: (typeof PURPOSES)[number];

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiProperty({ description: "The RMC's named contact person (stays in the RMC; the receiver fetches it through the dataref)." })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ description: 'Proposed first contact with the young person, sender and receiver together.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  firstContactProposedOn?: string;

  @ApiPropertyOptional({ enum: LEGAL_BASES, default: 'publieke-taak' })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: (typeof LEGAL_BASES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  toestemmingId?: string;
}

export class WithdrawDto {
  @ApiProperty({ enum: WITHDRAW_REASONS })
  @IsIn(WITHDRAW_REASONS)
  reason!: WithdrawReason;
}

export class OverdrachtQuery {
  @ApiPropertyOptional({ enum: STATUSES_FOR_QUERY })
  @IsOptional()
  @IsIn(STATUSES_FOR_QUERY)
  status?: (typeof STATUSES_FOR_QUERY)[number];

  @ApiPropertyOptional({ description: 'Only escalated handovers (expired offers, missed first contacts).' })
  @IsOptional()
  @IsIn(['true', 'false'])
  escalated?: 'true' | 'false';
}
