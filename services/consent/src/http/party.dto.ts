import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ORGANISATION_ID, ORGANISATION_TYPES, type OrganisationType } from '../domain/vocabulary.js';

const ID_MESSAGE = 'id must be an organisation id: oin:<20 digits>, brin:<4>, rmc:MC<2>, gemeente:GM<4> or agb:<8 digits>';

/** An organisation, or without id every organisation of that type. */
export class PartyDto {
  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  organisationType!: OrganisationType;

  @ApiPropertyOptional({ example: 'rmc:MC21' })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: ID_MESSAGE })
  id?: string;
}

/** A specific organisation: decisions are always about one sender and one receiver. */
export class OrganisationDto {
  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  organisationType!: OrganisationType;

  @ApiProperty({ example: 'oin:00000001002564440000' })
  @Matches(ORGANISATION_ID, { message: ID_MESSAGE })
  id!: string;
}
