import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Validate } from 'class-validator';
import { StudentDto } from './student.dto.js';
import { PlausibleDateConstraint } from './validators.js';

/**
 * A new enrolment as a school administration system sends it; the school is the token's organisation.
 * Posting the same student number and enrolment date again creates nothing new.
 */
export class RegisterInschrijvingDto extends StudentDto {
  /** The municipality of residence must exist on the enrolment date. */
  static readonly residenceDateField = 'enrolmentDate';

  @ApiProperty({ example: '2025-09-01' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'enrolmentDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ maxDaysAhead: 60, maxYearsBack: 5 }])
  enrolmentDate!: string;
}
