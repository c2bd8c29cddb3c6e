import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { OrganisationsClient } from '@estafette/organisations-client';
import { OverdrachtOfferDto, uitgaandeOverdrachtNamedView } from '@estafette/receiver';
import { OfferNazorgOverdracht } from '../application/offer-nazorg-overdracht.js';

@ApiTags('overdrachten-uit')
@ApiBearerAuth()
@Controller('uitschrijvingen')
export class NazorgOverdrachtController {
  constructor(
    private readonly offers: OfferNazorgOverdracht,
    private readonly organisations: OrganisationsClient,
  ) {}

  @Post(':id/overdrachten')
  @Roles('school-staff')
  @ApiOperation({
    summary:
      'Pro/vso: offer a former student to the municipality (W&I); the school keeps the baton until acceptance. Follow it on /overdrachten-uit.',
  })
  async offer(@Param('id', ParseUUIDPipe) id: string, @Body() body: OverdrachtOfferDto, @CurrentUser() user: Principal) {
    return uitgaandeOverdrachtNamedView(this.organisations, await this.offers.offer(scopeFor(user, 'school'), id, body, user.subject));
  }
}
