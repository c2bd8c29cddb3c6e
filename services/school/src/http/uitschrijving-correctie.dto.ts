import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches, Validate } from 'class-validator';
import { CORRECTIE_REASONS, INTREKKING_REASONS } from '@estafette/contracts';
import { DIPLOMAS } from './register-uitschrijving.dto.js';
import { SCHOOL_TYPES } from './student.dto.js';
import { MunicipalityOnDateConstraint, PlausibleDateConstraint } from './validators.js';

/**
 * A correction of an uitschrijving: a reason and at least one of the four values (checked by the use case, which also
 * checks the municipality against the deregistration date as it stands after the correction). The same rules as a new
 * uitschrijving for each value.
 */
export class CorrectUitschrijvingDto {
  /** The municipality of residence must exist on the deregistration date (the corrected one when given). */
  static readonly residenceDateField = 'deregistrationDate';

  @ApiProperty({ enum: CORRECTIE_REASONS })
  @IsIn(CORRECTIE_REASONS)
  reason!: (typeof CORRECTIE_REASONS)[number];

  @ApiPropertyOptional({ example: '2025-07-11' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'deregistrationDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ maxDaysAhead: 60, maxYearsBack: 5 }])
  deregistrationDate?: string;

  @ApiPropertyOptional({ enum: SCHOOL_TYPES })
  @IsOptional()
  @IsIn(SCHOOL_TYPES)
  schoolType?: (typeof SCHOOL_TYPES)[number];

  @ApiPropertyOptional({ enum: DIPLOMAS, description: 'Decides the startkwalificatie again.' })
  @IsOptional()
  @IsIn(DIPLOMAS)
  highestDiploma?: (typeof DIPLOMAS)[number];

  @ApiPropertyOptional({ example: 'GM0599', description: 'CBS code of the municipality of residence on the deregistration date.' })
  @IsOptional()
  @Matches(/^GM[0-9]{4}$/, { message: 'municipalityOfResidence must be a CBS municipality code like GM0363' })
  @Validate(MunicipalityOnDateConstraint)
  municipalityOfResidence?: string;
}

/** A withdrawal of an uitschrijving (the wrong student, registered twice, never left). */
export class WithdrawUitschrijvingDto {
  @ApiProperty({ enum: INTREKKING_REASONS })
  @IsIn(INTREKKING_REASONS)
  reason!: (typeof INTREKKING_REASONS)[number];
}
