import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ORGANISATION_KINDS, REGISTERED_KINDS, type OrganisationKind, type RegisteredKind } from '@estafette/organisations-client';
import { PageQuery } from '@estafette/service-kit';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A name a person reads: visible characters, no control characters (a line break would break every list). */
const NAME = /^[^\p{Cc}]*\S[^\p{Cc}]*$/u;

export class OrganisationNameDto {
  @ApiProperty({ example: 'Demo College', description: 'The name people read next to the code; 1 to 200 characters.' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  @Matches(NAME, { message: 'name must be visible text without control characters' })
  name!: string;
}

export class RegisterOrganisationDto extends OrganisationNameDto {
  @ApiProperty({ enum: REGISTERED_KINDS, description: 'Municipalities and RMC regions are built in (CBS), not registered.' })
  @IsIn(REGISTERED_KINDS)
  kind!: RegisteredKind;

  @ApiProperty({
    example: '25XY',
    description:
      'school: BRIN (25XY); zorg: AGB (8 digits); werk-inkomen: CBS municipality code (GM0363) or OIN (20 digits); platform: OIN.',
  })
  @IsString()
  @Length(1, 40)
  code!: string;
}

export class OrganisationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, code or id, any case.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class LookupQuery {
  @ApiProperty({ example: 'brin:25XY,gemeente:GM0363', description: 'Organisation ids, comma-separated; at most 100.' })
  @IsString()
  @Length(1, 5_000)
  @Matches(/^[^,]+(,[^,]+){0,99}$/, { message: 'ids must be 1 to 100 organisation ids, comma-separated' })
  ids!: string;
}
