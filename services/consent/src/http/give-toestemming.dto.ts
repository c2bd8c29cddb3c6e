import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import {
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  GRANTORS,
  HOW_GIVEN,
  type ConsentPurpose,
  type DataCategory,
  type Grantor,
  type HowGiven,
} from '../domain/vocabulary.js';
import { PartyDto } from './party.dto.js';

const date = (field: string) =>
  IsISO8601({ strict: true, strictSeparator: true }, { message: `${field} must be a real date (YYYY-MM-DD)` });
const GENERIC = 'generic consent is not valid';

/** A consent as the young person gives it: each of which data, by whom, with whom and what for is required; a `birthDate` is refused (400). */
export class GiveToestemmingDto {
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsDefined({ message: `dataCategories is required: name which data (${GENERIC})` })
  @IsArray()
  @ArrayMinSize(1, { message: `dataCategories must name at least one data category (${GENERIC})` })
  @IsIn(DATA_CATEGORIES, { each: true, message: `each of dataCategories must be one of ${DATA_CATEGORIES.join(', ')}` })
  dataCategories!: DataCategory[];

  @ApiProperty({ type: PartyDto })
  @IsDefined({ message: `from is required: name the organisation (type) that shares (${GENERIC})` })
  @ValidateNested()
  @Type(() => PartyDto)
  from!: PartyDto;

  @ApiProperty({ type: PartyDto })
  @IsDefined({ message: `to is required: name the recipient organisation (type) (${GENERIC})` })
  @ValidateNested()
  @Type(() => PartyDto)
  to!: PartyDto;

  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsDefined({ message: `purpose is required: consent is for one purpose (${GENERIC})` })
  @IsIn(CONSENT_PURPOSES, { message: `purpose must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purpose!: ConsentPurpose;

  @ApiProperty({ example: '2026-01-01' })
  @date('validFrom')
  validFrom!: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @date('validUntil')
  validUntil?: string;

  @ApiProperty({ example: 'warme-overdracht-rmc-wi@3', description: 'Identifies the wording; travels on the bus, the text does not.' })
  @Matches(/^[a-z0-9-]{1,64}@[1-9][0-9]{0,5}$/, {
    message: 'wordingVersion must look like <name>@<number>, e.g. warme-overdracht-rmc-wi@3',
  })
  wordingVersion!: string;

  @ApiProperty({ description: 'The exact text shown when consent was given.' })
  @IsString()
  @Length(1, 10_000)
  wordingText!: string;

  @ApiProperty({ enum: HOW_GIVEN })
  @IsIn(HOW_GIVEN)
  howGiven!: HowGiven;

  @ApiPropertyOptional({
    enum: GRANTORS,
    isArray: true,
    description:
      "Only ['jongere']: a parent or guardian co-signs with their own login (403 otherwise). No birth date is asked: the school's record decides whether a guardian must co-sign.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(GRANTORS, { each: true })
  grantedBy?: Grantor[];
}
