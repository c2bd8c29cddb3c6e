import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
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

/**
 * A move to another municipality: the RMC region of the new municipality (the shared region map) is offered the task.
 * Only the municipality, no address: the receiving region reads the young person's data where it lives.
 */
export class VerhuizingDto {
  @ApiProperty({ example: 'GM0344', description: 'CBS code of the new municipality of residence.' })
  @Matches(/^GM[0-9]{4}$/, { message: 'municipality must be a CBS municipality code: GM and 4 digits, e.g. GM0344' })
  municipality!: string;

  @ApiProperty({ description: 'Your named contact person for the receiving region (stays here; read through the dataref).' })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ description: 'Proposed first contact of the young person with both regions (YYYY-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  firstContactProposedOn?: string;
}
