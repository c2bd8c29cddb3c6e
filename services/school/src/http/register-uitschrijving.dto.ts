import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, Validate } from 'class-validator';
import { ElfproefConstraint, PlausibleDateConstraint } from './validators.js';

export const SCHOOL_TYPES = ['vo', 'mbo', 'pro', 'vso', 'entree', 'vavo'] as const;
export const SCHOOL_LEVELS = [
  'vmbo-bb', 'vmbo-kb', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4',
  'pro', 'vso-arbeidsmarkt', 'vso-dagbesteding', 'vso-vervolgonderwijs',
] as const;
export const DIPLOMAS = ['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo', 'wo'] as const;
export const REASONS = [
  'diploma-behaald', 'overstap-onderwijs', 'werk', 'zonder-vervolg', 'verhuizing', 'emigratie', 'vrijstelling', 'verwijdering', 'anders',
] as const;

/** One deregistration as a school administration system sends it; the school is the token's organisation. */
export class RegisterUitschrijvingDto {
  @ApiProperty({ example: 'UIT-2025-00042', description: "The school's own reference; sending it again creates nothing new." })
  @IsString()
  @Length(1, 64)
  schoolReference!: string;

  @ApiProperty({ example: '204518' })
  @IsString()
  @Length(1, 32)
  studentNumber!: string;

  @ApiPropertyOptional({ example: '111222333', description: 'Kept in the school store only; never on the bus.' })
  @IsOptional()
  @Validate(ElfproefConstraint)
  bsn?: string;

  @ApiProperty({ example: '2008-03-14' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'birthDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ minAgeYears: 4, maxAgeYears: 30 }])
  birthDate!: string;

  @ApiProperty({ example: '2025-07-18' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'deregistrationDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ maxDaysAhead: 60, maxYearsBack: 5 }])
  deregistrationDate!: string;

  @ApiProperty({ enum: SCHOOL_TYPES })
  @IsIn(SCHOOL_TYPES)
  schoolType!: (typeof SCHOOL_TYPES)[number];

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: (typeof SCHOOL_LEVELS)[number];

  @ApiProperty({ enum: DIPLOMAS })
  @IsIn(DIPLOMAS)
  highestDiploma!: (typeof DIPLOMAS)[number];

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiProperty()
  @IsBoolean()
  exitInterviewHeld!: boolean;

  @ApiProperty({ example: 'GM0363', description: 'CBS code of the municipality of residence (routes to the RMC region).' })
  @Matches(/^GM[0-9]{4}$/, { message: 'municipalityOfResidence must be a CBS municipality code like GM0363' })
  municipalityOfResidence!: string;
}
