import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { OfferFieldsDto } from '@estafette/receiver';
import { ORGANISATION_ID_PATTERN } from '@estafette/auth';

const PURPOSES = ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg'] as const;
const LEGAL_BASES = ['toestemming', 'wettelijke-verplichting', 'publieke-taak'] as const;

export class ReceiverDto {
  @ApiProperty({ enum: ['werk-inkomen', 'zorg', 'school'] })
  @IsIn(['werk-inkomen', 'zorg', 'school'])
  organisationType!: 'werk-inkomen' | 'zorg' | 'school';

  @ApiProperty({ example: 'gemeente:GM0344' })
  @Matches(ORGANISATION_ID_PATTERN)
  id!: string;
}

/** The shared offer fields (reason, contact person, first contact), plus the RMC's receivers, purposes and legal basis. */
export class OfferDto extends OfferFieldsDto {
  @ApiProperty({ type: ReceiverDto })
  @ValidateNested()
  @Type(() => ReceiverDto)
  to!: ReceiverDto;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: (typeof PURPOSES)[number];

  @ApiPropertyOptional({ enum: LEGAL_BASES, default: 'publieke-taak' })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: (typeof LEGAL_BASES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  toestemmingId?: string;
}
