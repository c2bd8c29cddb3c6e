import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Validate, ValidateNested } from 'class-validator';
import { ContactDto } from './contact.dto.js';
import { StudentDto } from './student.dto.js';
import { PlausibleDateConstraint } from './validators.js';

export const DIPLOMAS = ['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo', 'wo'] as const;
export const REASONS = [
  'diploma-behaald',
  'overstap-onderwijs',
  'werk',
  'zonder-vervolg',
  'verhuizing',
  'emigratie',
  'vrijstelling',
  'verwijdering',
  'anders',
] as const;

/** One deregistration as a school administration system sends it; the school is the token's organisation. */
export class RegisterUitschrijvingDto extends StudentDto {
  /** The municipality of residence must exist on the deregistration date. */
  static readonly residenceDateField = 'deregistrationDate';

  @ApiProperty({ example: 'UIT-2025-00042', description: "The school's own reference; sending it again creates nothing new." })
  @IsString()
  @Length(1, 64)
  schoolReference!: string;

  @ApiProperty({ example: '2025-07-18' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'deregistrationDate must be a real date (YYYY-MM-DD)' })
  @Validate(PlausibleDateConstraint, [{ maxDaysAhead: 60, maxYearsBack: 5 }])
  deregistrationDate!: string;

  @ApiProperty({ enum: DIPLOMAS })
  @IsIn(DIPLOMAS)
  highestDiploma!: (typeof DIPLOMAS)[number];

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];

  @ApiProperty()
  @IsBoolean()
  exitInterviewHeld!: boolean;

  @ApiPropertyOptional({
    type: ContactDto,
    description: 'Name and contact data: stored at the school only, shared through the dossier route when the consent service permits.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}
