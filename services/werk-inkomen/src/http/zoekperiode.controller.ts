import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { verwijzingView } from '@estafette/receiver';
import { IsCalendarDate, ServiceCalendar } from '@estafette/service-kit';
import { StartZoekperiode } from '../application/start-zoekperiode.js';
import { ZOEKPERIODE_WAIVER_REASONS, type ZoekperiodeWaiverReason } from '../domain/zoekperiode.js';

export class ZoekperiodeDto {
  @ApiProperty({ description: 'Date of the benefit application; the zoekperiode runs 4 weeks from it.' })
  @IsCalendarDate()
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
  constructor(
    private readonly zoekperiode: StartZoekperiode,
    private readonly calendar: ServiceCalendar,
  ) {}

  @Post(':id/zoekperiode')
  @Roles('wi-consulent')
  async start(@Param('id', ParseUUIDPipe) id: string, @Body() body: ZoekperiodeDto, @CurrentUser() user: Principal) {
    const referral = await this.zoekperiode.start(scopeFor(user, 'werk-inkomen'), id, body.appliedOn, body.waiverReason);
    return verwijzingView(referral, this.calendar.now());
  }
}
