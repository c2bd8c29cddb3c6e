import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { StartZoekperiode } from '../application/start-zoekperiode.js';
import { ZOEKPERIODE_WAIVER_REASONS, type ZoekperiodeWaiverReason } from '../domain/zoekperiode.js';

export class ZoekperiodeDto {
  @ApiProperty({ description: 'Date of the benefit application; the zoekperiode runs 4 weeks from it.' })
  @IsISO8601({ strict: true })
  appliedOn!: string;

  @ApiPropertyOptional({ enum: ZOEKPERIODE_WAIVER_REASONS, description: 'Why the zoekperiode does not apply to this young person.' })
  @IsOptional()
  @IsIn(ZOEKPERIODE_WAIVER_REASONS)
  waiverReason?: ZoekperiodeWaiverReason;
}

/** `POST /verwijzingen/:id/zoekperiode`: Werk & Inkomen only. */
@ApiTags('zoekperiode')
@Controller('verwijzingen')
export class ZoekperiodeController {
  constructor(private readonly zoekperiode: StartZoekperiode) {}

  @Post(':id/zoekperiode')
  @Roles('wi-consulent')
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: ZoekperiodeDto, @CurrentUser() user: Principal) {
    return this.zoekperiode.start(scopeFor(user, 'werk-inkomen'), id, body.appliedOn, body.waiverReason);
  }
}
