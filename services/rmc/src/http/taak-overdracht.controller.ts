import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import type { Repository } from 'typeorm';
import { OrganisationsClient } from '@estafette/organisations-client';
import { IntrekkingDto, uitgaandeOverdrachtViews, UitgaandeOverdrachtRecord } from '@estafette/receiver';
import { HandOverTaak } from '../application/hand-over-taak.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { OfferDto, VerhuizingDto } from './taak-overdracht.dto.js';

const regionOf = (user: Principal) => scopeFor(user, 'rmc').replace(/^rmc:/, '');
/** The offers of a task as the shared sender shows them (with the receiver's name), plus the task they come from. */
const taakViews = async (organisations: OrganisationsClient, records: UitgaandeOverdrachtRecord[]) =>
  (await uitgaandeOverdrachtViews(organisations, records)).map((view) => ({ ...view, taakId: view.localRef }));

/**
 * Handovers from a task: offer, follow, withdraw. Every query is scoped to the caller's region. The region's
 * offers across tasks, and the escalations, are the shared sender routes (`GET /overdrachten-uit`).
 */
@ApiTags('overdrachten')
@Controller('taken')
export class TaakOverdrachtController {
  constructor(
    private readonly handOver: HandOverTaak,
    private readonly organisations: OrganisationsClient,
    @InjectRepository(UitgaandeOverdrachtRecord) private readonly overdrachten: Repository<UitgaandeOverdrachtRecord>,
    @InjectRepository(TaakHerkomstRecord) private readonly herkomst: Repository<TaakHerkomstRecord>,
    @InjectRepository(TaakRecord) private readonly taken: Repository<TaakRecord>,
  ) {}

  @Post(':id/overdrachten')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: 'Offer a warm handover; the RMC keeps the baton until the receiver accepts.' })
  async offer(@Param('id', ParseUUIDPipe) id: string, @Body() body: OfferDto, @CurrentUser() user: Principal) {
    const to = { organisationType: body.to.organisationType, id: body.to.id };
    const [view] = await taakViews(this.organisations, [await this.handOver.offer(regionOf(user), id, { ...body, to }, user.subject)]);
    return view;
  }

  @Post(':id/verhuizing')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({
    summary:
      'The young person moved to a municipality of another RMC region: offer the task to that region (warm: it accepts or rejects; your region keeps the baton and the task until then). 400 naming municipality when it is in no region or in yours.',
  })
  async move(@Param('id', ParseUUIDPipe) id: string, @Body() body: VerhuizingDto, @CurrentUser() user: Principal) {
    const [view] = await taakViews(this.organisations, [await this.handOver.move(regionOf(user), id, body, user.subject)]);
    return view;
  }

  @Get(':id/overdrachten')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({
    summary: "The task's handovers and, for a task reopened after uitval, where it came from. 404 for another region's task.",
  })
  async list(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const region = regionOf(user);
    // Like every /taken/:id route: another region's task is simply not found (an empty list would confirm it exists).
    if (!(await this.taken.existsBy({ id, region }))) throw new NotFoundException(`no task ${id} in your region`);
    const items = await this.overdrachten.find({ where: { localRef: id, organisationId: `rmc:${region}` }, order: { createdAt: 'ASC' } });
    const herkomst = await this.herkomst
      .createQueryBuilder('h')
      .innerJoin('taak', 't', 't.id = h.taak_id AND t.region = :region', { region })
      .where('h.taak_id = :id', { id })
      .getOne();
    return { items: await taakViews(this.organisations, items), herkomst: herkomst ?? null };
  }

  /** The same as `POST /overdrachten-uit/:id/intrekking`, narrowed to the task. */
  @Post(':id/overdrachten/:overdrachtId/intrekking')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('overdrachtId', ParseUUIDPipe) overdrachtId: string,
    @Body() body: IntrekkingDto,
    @CurrentUser() user: Principal,
  ) {
    const [view] = await taakViews(this.organisations, [await this.handOver.withdraw(regionOf(user), id, overdrachtId, body.reason)]);
    return view;
  }
}
