import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { BatonProjection } from '../application/baton-projection.js';
import { wieHelptMij, type RmcTaakStand } from '../domain/wie-helpt-mij.js';
import { PlanVanAanpakVersieRecord } from '../persistence/plan-van-aanpak.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';

/**
 * The young person's own question "who helps me now?": who holds the baton, since when, the next step and its date,
 * and every handover, from the RMC's baton events. Their token's subject is their pseudonymous reference, so they
 * reach only their own. The holder's contact person is the holder's data: a receiver gives it at its own `/me` route.
 */
@ApiTags('jongere')
@ApiBearerAuth()
@Controller('me')
export class WieHelptMijController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: BatonProjection,
  ) {}

  @Get('wie-helpt-mij')
  @Roles('jongere')
  @ApiOperation({
    summary:
      "The young person's own: { holder: { organisation, since } | null, ended, next: { kind: plan | eerste-contact-rmc | eerste-gesprek, what?, on } | null, history: [{ kind, at, from?, to? }] }, oldest first; empty when the RMC does not know them.",
  })
  async get(@CurrentUser() user: Principal) {
    const subject = user.subject;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const events = await this.projection.eventsOf(manager, subject);
      const taak = await manager.findOne(TaakRecord, { where: { pseudonymousReference: subject }, order: { createdAt: 'DESC' } });
      let stand: RmcTaakStand | undefined;
      if (taak) {
        const plan = await manager.findOne(PlanVanAanpakVersieRecord, { where: { taakId: taak.id }, order: { version: 'DESC' } });
        stand = {
          region: taak.region,
          firstContactDueDate: taak.firstContactDueDate,
          firstContactAt: taak.firstContactAt,
          ...(plan ? { plan: { nextStep: plan.nextStep, nextStepOn: plan.nextStepOn } } : {}),
        };
      }
      return wieHelptMij(events, stand);
    });
  }
}
