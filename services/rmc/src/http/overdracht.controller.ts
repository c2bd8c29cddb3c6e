import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { DataSource, IsNull, Not, type Repository } from 'typeorm';
import { CONTACT_READERS, readContactPerson } from '@estafette/receiver';
import { OfferOverdracht } from '../application/offer-overdracht.js';
import { OverdrachtRecord } from '../persistence/overdracht.entity.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { OfferDto, OverdrachtQuery, WithdrawDto } from './overdracht.dto.js';

const regionOf = (user: Principal) => scopeFor(user, 'rmc').replace(/^rmc:/, '');

function toView(o: OverdrachtRecord) {
  const { taakId, toType, toId, ...rest } = o;
  return { ...rest, taakId, to: { organisationType: toType, id: toId } };
}

/** Handovers from a task: offer, follow, withdraw. Every query is scoped to the caller's region. */
@ApiTags('overdrachten')
@Controller('taken')
export class TaakOverdrachtController {
  constructor(
    private readonly offers: OfferOverdracht,
    @InjectRepository(OverdrachtRecord) private readonly overdrachten: Repository<OverdrachtRecord>,
    @InjectRepository(TaakHerkomstRecord) private readonly herkomst: Repository<TaakHerkomstRecord>,
    @InjectRepository(TaakRecord) private readonly taken: Repository<TaakRecord>,
  ) {}

  @Post(':id/overdrachten')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: 'Offer a warm handover; the RMC keeps the baton until the receiver accepts.' })
  async offer(@Param('id', ParseUUIDPipe) id: string, @Body() body: OfferDto, @CurrentUser() user: Principal) {
    return toView(await this.offers.offer(regionOf(user), id, { ...body, to: { organisationType: body.to.organisationType, id: body.to.id } }, user.subject));
  }

  @Get(':id/overdrachten')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: "The task's handovers and, for a task reopened after uitval, where it came from." })
  async list(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const region = regionOf(user);
    // Another region's task (or none) is not found, like every other task route; an empty list would differ from it.
    if (!(await this.taken.existsBy({ id, region }))) throw new NotFoundException(`no task ${id} in your region`);
    const items = await this.overdrachten.find({ where: { taakId: id, region }, order: { createdAt: 'ASC' } });
    const herkomst = await this.herkomst
      .createQueryBuilder('h')
      .innerJoin('taak', 't', 't.id = h.taak_id AND t.region = :region', { region })
      .where('h.taak_id = :id', { id })
      .getOne();
    return { items: items.map(toView), herkomst: herkomst ?? null };
  }

  @Post(':id/overdrachten/:overdrachtId/intrekking')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async withdraw(@Param('id', ParseUUIDPipe) id: string, @Param('overdrachtId', ParseUUIDPipe) overdrachtId: string, @Body() body: WithdrawDto, @CurrentUser() user: Principal) {
    return toView(await this.offers.withdraw(regionOf(user), id, overdrachtId, body.reason));
  }
}

/** The region's handovers across tasks; `?escalated=true` is the coordinator's escalation list. */
@ApiTags('overdrachten')
@Controller('overdrachten')
export class OverdrachtenController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OverdrachtRecord) private readonly overdrachten: Repository<OverdrachtRecord>,
  ) {}

  /** The dataref of overdracht.offered points at the offer: the receiver fetches the RMC's named contact person here (scoped, logged). */
  @Get(':id/contactpersoon')
  @Roles(...CONTACT_READERS)
  contactPerson(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const offer = await manager.findOneBy(OverdrachtRecord, { id });
      if (!offer) throw new NotFoundException(`no overdracht/${id}/contactpersoon for your organisation`);
      return readContactPerson(manager, user, {
        own: { organisationType: 'rmc', id: `rmc:${offer.region}` }, counterparty: { organisationType: offer.toType, id: offer.toId },
        pseudonymousReference: offer.pseudonymousReference, contactPerson: offer.contactPerson, resource: `overdracht/${id}/contactpersoon`,
      });
    });
  }

  @Get()
  @Roles('rmc-consulent', 'rmc-coordinator')
  async list(@Query() query: OverdrachtQuery, @CurrentUser() user: Principal) {
    const items = await this.overdrachten.find({
      where: {
        region: regionOf(user),
        ...(query.status ? { status: query.status } : {}),
        ...(query.escalated === 'true' ? { escalatedAt: Not(IsNull()) } : {}),
      },
      order: { responseDueAt: 'ASC' },
      take: 500,
    });
    return { items: items.map(toView) };
  }
}
