import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';

/**
 * The young person's own referrals at this service, for "Wie helpt mij nu?": which organisation, its status, the
 * contact person it named when it accepted and the first talk it planned. Their token's subject is their
 * pseudonymous reference, so they reach only their own; nothing about the sender's reasons or care information.
 * A service adds it to its own controllers (W&I, zorg).
 */
@ApiTags('jongere')
@ApiBearerAuth()
@Controller('me')
export class MijnVerwijzingenController {
  constructor(@InjectRepository(VerwijzingRecord) private readonly referrals: Repository<VerwijzingRecord>) {}

  @Get('verwijzingen')
  @Roles('jongere')
  @ApiOperation({
    summary:
      "The young person's own: { items: [{ overdrachtId, organisationId, status, contactPerson, firstContactPlannedOn, firstContactDate, receivedAt }] }, newest first.",
  })
  async list(@CurrentUser() user: Principal) {
    const rows = await this.referrals.find({ where: { pseudonymousReference: user.subject }, order: { receivedAt: 'DESC' } });
    return {
      items: rows.map((r) => ({
        overdrachtId: r.overdrachtId,
        organisationId: r.organisationId,
        status: r.status,
        contactPerson: r.contactPerson,
        firstContactPlannedOn: r.firstContactPlannedOn,
        firstContactDate: r.firstContactDate,
        receivedAt: r.receivedAt,
      })),
    };
  }
}
