import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import {
  DATA_CATEGORIES,
  LEVELS,
  PSEUDONYMOUS_REFERENCE,
  PURPOSES,
  type DataCategory,
  type Level,
  type Purpose,
} from '../domain/vocabulary.js';
import { OrganisationDto } from './party.dto.js';

/** "May `from` share `dataCategories` about `subject` with `to` for `purpose`?" Asked by `from`, the holder. */
export class DecisionRequestDto {
  @ApiProperty({ type: OrganisationDto, description: 'The holder of the data; must be the caller.' })
  @ValidateNested()
  @Type(() => OrganisationDto)
  from!: OrganisationDto;

  @ApiProperty({ type: OrganisationDto, description: 'Who would receive it.' })
  @ValidateNested()
  @Type(() => OrganisationDto)
  to!: OrganisationDto;

  @ApiProperty({ example: 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V' })
  @Matches(PSEUDONYMOUS_REFERENCE, { message: 'subject must be a pseudonymous reference (pr_ + 26 Crockford base32 characters)' })
  subject!: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories!: DataCategory[];

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiPropertyOptional({ enum: LEVELS, default: 'inhoud' })
  @IsOptional()
  @IsIn(LEVELS)
  level: Level = 'inhoud';
}
