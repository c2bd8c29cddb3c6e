import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, Validate } from 'class-validator';
import { schoolLevel, schoolType } from '@estafette/contracts';
import { ElfproefConstraint, MunicipalityOnDateConstraint, PlausibleDateConstraint } from './validators.js';

// The same lists as the events carry: one source, the contract.
export const SCHOOL_TYPES = schoolType.enum;
export const SCHOOL_LEVELS = schoolLevel.enum;

/**
 * Who the student is and where they live, the same for every registration a school sends. A subclass names the
 * date its municipality of residence must exist on (`static residenceDateField`).
 */
export abstract class StudentDto {
  @ApiProperty({ example: '204518' })
  @IsString()
  @Length(1, 32)
  studentNumber!: string;

  @ApiPropertyOptional({
    example: '111222333',
    description: 'Kept in the school store only, never on the bus; with it the same young person is recognised at every school.',
  })
  @IsOptional()
  @Validate(ElfproefConstraint)
  bsn?: string;

  @ApiProperty({ example: '2008-03-14' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'birthDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ minAgeYears: 4, maxAgeYears: 30 }])
  birthDate!: string;

  @ApiProperty({ enum: SCHOOL_TYPES })
  @IsIn(SCHOOL_TYPES)
  schoolType!: (typeof SCHOOL_TYPES)[number];

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: (typeof SCHOOL_LEVELS)[number];

  @ApiProperty({
    example: 'GM0363',
    description:
      'CBS code of the municipality of residence (routes to the RMC region): a municipality on the registration date, or an older code of a municipality that merged since (CBS indeling 2025 with its mergers).',
  })
  @Matches(/^GM[0-9]{4}$/, { message: 'municipalityOfResidence must be a CBS municipality code like GM0363' })
  @Validate(MunicipalityOnDateConstraint)
  municipalityOfResidence!: string;
}
