import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUser, Roles, scopeFor, type Principal, type Role } from '@estafette/auth';
import { lastDayInTime } from '@estafette/calendar';
import { DataSource, IsNull, Not, type Repository } from 'typeorm';
import { CONTACT_READERS, readContactPerson } from '../../shared/contact-person.js';
import { OfferOverdracht } from '../application/offer-overdracht.js';
import { UitgaandeOverdrachtRecord } from '../persistence/uitgaande-overdracht.entity.js';
import { UitgaandeOverdrachtQuery, IntrekkingDto } from './uitgaande-overdracht.dto.js';

/**
 * The one answer shape of an offer, on every sender's routes: the receiver as a party, the deadline as on the bus
 * (`responseDueAt`, the instant it expires) and as people read it (`responseDueOn`, the last Amsterdam day in time).
 */
export function uitgaandeOverdrachtView(record: UitgaandeOverdrachtRecord) {
  const { toType, toId, dueAt: _timerDueAt, firedAt: _timerFiredAt, ...rest } = record;
  return { ...rest, responseDueOn: lastDayInTime(record.responseDueAt), to: { organisationType: toType, id: toId } };
}

/**
 * The offers this organisation made: follow them, the escalated ones (`?escalated=true`), withdraw an open
 * one. Scoped to the caller's organisation. `path`: `overdrachten-uit`, or an older alias of it (the RMC's
 * `overdrachten`, for one version: offers made before carry it in their dataref).
 */
export function uitgaandeOverdrachtController(
  organisationType: string,
  roles: [Role, ...Role[]],
  path = 'overdrachten-uit',
): Type<unknown> {
  const organisationOf = (user: Principal) => scopeFor(user, organisationType as never);

  @ApiTags('overdrachten-uit')
  @Controller(path)
  class UitgaandeOverdrachtController {
    constructor(
      private readonly dataSource: DataSource,
      private readonly offers: OfferOverdracht,
      @InjectRepository(UitgaandeOverdrachtRecord) private readonly records: Repository<UitgaandeOverdrachtRecord>,
    ) {}

    @Get()
    @Roles(...roles)
    @ApiOperation({ summary: "Handovers your organisation offered, with the receiver's answer; escalated ones need you." })
    async list(@Query() query: UitgaandeOverdrachtQuery, @CurrentUser() user: Principal) {
      const where = {
        organisationId: organisationOf(user),
        ...(query.status ? { status: query.status } : {}),
        ...(query.escalated === 'true' ? { escalatedAt: Not(IsNull()) } : {}),
      };
      const items = await this.records.find({ where, order: { createdAt: 'ASC' }, take: 500 });
      return { items: items.map(uitgaandeOverdrachtView) };
    }

    @Get(':id')
    @Roles(...roles)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const record = await this.records.findOneBy({ id, organisationId: organisationOf(user) });
      if (!record) throw new NotFoundException(`no overdracht ${id} offered by your organisation`);
      return uitgaandeOverdrachtView(record);
    }

    /** The dataref of overdracht.offered points at the offer: the receiver fetches the sender's contact person here. */
    @Get(':id/contactpersoon')
    @Roles(...CONTACT_READERS)
    contactPerson(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      return this.dataSource.transaction(async (manager) => {
        const record = await manager.findOneBy(UitgaandeOverdrachtRecord, { id });
        if (!record) throw new NotFoundException(`no overdracht-uit/${id}/contactpersoon for your organisation`);
        return readContactPerson(manager, user, {
          own: { organisationType, id: record.organisationId },
          counterparty: { organisationType: record.toType, id: record.toId },
          pseudonymousReference: record.pseudonymousReference,
          contactPerson: record.contactPerson,
          resource: `overdracht-uit/${id}/contactpersoon`,
        });
      });
    }

    @Post(':id/intrekking')
    @Roles(...roles)
    async withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: IntrekkingDto, @CurrentUser() user: Principal) {
      return uitgaandeOverdrachtView(await this.offers.withdraw(organisationOf(user), id, body.reason));
    }
  }
  return UitgaandeOverdrachtController;
}
