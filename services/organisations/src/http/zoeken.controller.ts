import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, Roles } from '@estafette/auth';
import { ORGANISATION_KINDS, type OrganisationKind } from '@estafette/organisations-client';
import { SearchDirectory } from '../application/search-directory.js';

export class ZoekQuery {
  @ApiPropertyOptional({ description: 'Words of a name or a code, any case; empty: the first by name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

/** Choosing an organisation by name (the portal's organisation picker): any signed-in caller, active organisations only. */
@ApiTags('organisations')
@Controller('zoeken')
export class ZoekenController {
  constructor(private readonly directory: SearchDirectory) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      'Active organisations whose name, code or id holds every word of `q` (accents and case ignored), names starting with `q` first; at most 20, with `total`.',
  })
  search(@Query() query: ZoekQuery) {
    return this.directory.search(query.q ?? '', query.kind);
  }
}
