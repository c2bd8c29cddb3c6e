import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, Validate } from 'class-validator';
import { SCHOOL_LEVELS, SCHOOL_TYPES } from './register-uitschrijving.dto.js';
import { ElfproefConstraint, PlausibleDateConstraint } from './validators.js';

/** A new enrolment as a school administration system sends it; the school is the token's organisation. */
export class RegisterInschrijvingDto {
  @ApiProperty({ example: '310077', description: 'Posting the same student number and enrolment date again creates nothing new.' })
  @IsString()
  @Length(1, 32)
  studentNumber!: string;

  @ApiPropertyOptional({ example: '111222333', description: 'Kept in the school store only; with it, the RMC task of a previous school is found.' })
  @IsOptional()
  @Validate(ElfproefConstraint)
  bsn?: string;

  @ApiProperty({ example: '2008-03-14' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'birthDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ minAgeYears: 4, maxAgeYears: 30 }])
  birthDate!: string;

  @ApiProperty({ example: '2025-09-01' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'enrolmentDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ maxDaysAhead: 60, maxYearsBack: 5 }])
  enrolmentDate!: string;

  @ApiProperty({ enum: SCHOOL_TYPES })
  @IsIn(SCHOOL_TYPES)
  schoolType!: (typeof SCHOOL_TYPES)[number];

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: (typeof SCHOOL_LEVELS)[number];

  @ApiProperty({ example: 'GM0363', description: 'CBS code of the municipality of residence.' })
  @Matches(/^GM[0-9]{4}$/, { message: 'municipalityOfResidence must be a CBS municipality code like GM0363' })
  municipalityOfResidence!: string;
}
