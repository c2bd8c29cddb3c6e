import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUser, Roles, scopeFor, type Principal, type Role } from '@estafette/auth';
import { lastDayInTime } from '@estafette/calendar';
import { ServiceCalendar } from '@estafette/service-kit';
import { DataSource, IsNull, Not, type Repository } from 'typeorm';
import { CONTACT_READERS, readContactPerson } from '../../shared/contact-person.js';
import { AnswerVerwijzing } from '../application/answer-verwijzing.js';
import { HandOverVerwijzing } from '../application/hand-over-verwijzing.js';
import { OverdrachtOfferDto } from '../../sending/http/uitgaande-overdracht.dto.js';
import { uitgaandeOverdrachtView } from '../../sending/http/uitgaande-overdracht.controller.js';
import { PlaatsingCommands } from '../application/plaatsing-commands.js';
import { FollowUpCheckRecord } from '../persistence/follow-up-check.entity.js';
import { PlaatsingRecord } from '../persistence/plaatsing.entity.js';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';
import type { ReceiverSettings } from '../receiver-settings.js';
import { AcceptDto, FirstContactDto, FollowUpCheckDto, InboxQuery, PlacementDto, RejectDto, UitvalDto } from './verwijzing.dto.js';

/**
 * The one answer shape of a verwijzing: the deadline as on the bus (`responseDueAt`) and as people read it
 * (`responseDueOn`, the last Amsterdam day on which an answer is in time). It says plainly whether the offer
 * can still be accepted: past its deadline (at `now`) it cannot, even before the sender's expiry event has
 * arrived (then the status turns verlopen).
 */
export function verwijzingView<R extends VerwijzingRecord>(referral: R, now: Date) {
  const pastDeadline = referral.status === 'aangeboden' && now.getTime() >= referral.responseDueAt.getTime();
  return {
    ...referral,
    responseDueOn: lastDayInTime(referral.responseDueAt),
    answerable: referral.status === 'aangeboden' && !pastDeadline,
    ...(pastDeadline ? { refusal: 'verlopen: the answer deadline passed, the sender keeps the baton' } : {}),
  };
}

/**
 * The controllers are built per service because @Roles takes its role at class definition: werk-inkomen
 * admits wi-consulent, zorg admits zorg-consulent, and the role matrix of each service says so.
 */
export function receiverControllers(settings: ReceiverSettings): Type<unknown>[] {
  const role: Role = settings.role;
  const organisationOf = (user: Principal) => scopeFor(user, settings.organisationType);

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingenController {
    constructor(
      private readonly answer: AnswerVerwijzing,
      @InjectRepository(VerwijzingRecord) private readonly referrals: Repository<VerwijzingRecord>,
      private readonly calendar: ServiceCalendar,
    ) {}

    private view = <R extends VerwijzingRecord>(referral: R) => verwijzingView(referral, this.calendar.now());

    @Get()
    @Roles(role)
    async inbox(@Query() query: InboxQuery, @CurrentUser() user: Principal) {
      const items = await this.referrals.find({
        where: { organisationId: organisationOf(user), ...(query.status ? { status: query.status } : {}) },
        order: { responseDueAt: 'ASC' },
        take: 500,
      });
      return { items: items.map(this.view) };
    }

    @Get(':id')
    @Roles(role)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const referral = await this.referrals.findOneBy({ overdrachtId: id, organisationId: organisationOf(user) });
      if (!referral) throw new NotFoundException(`no verwijzing ${id} for your organisation`);
      return this.view(referral);
    }

    @Post(':id/acceptatie')
    @Roles(role)
    async accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptDto, @CurrentUser() user: Principal) {
      return this.view(await this.answer.accept(organisationOf(user), id, body.contactPerson, body.firstContactPlannedOn));
    }

    @Post(':id/afwijzing')
    @Roles(role)
    async reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto, @CurrentUser() user: Principal) {
      return this.view(await this.answer.reject(organisationOf(user), id, body.reason));
    }

    @Post(':id/eerste-contact')
    @Roles(role)
    async firstContact(@Param('id', ParseUUIDPipe) id: string, @Body() body: FirstContactDto, @CurrentUser() user: Principal) {
      const outcome = body.held
        ? { held: true as const, date: body.date, contactType: body.contactType! }
        : { held: false as const, date: body.date, reason: body.reason! };
      return this.view(await this.answer.firstContact(organisationOf(user), id, outcome));
    }
  }

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingContactController {
    constructor(private readonly dataSource: DataSource) {}

    /** The dataref of overdracht.accepted points here: the sender learns whom to call, the young person's name stays off the bus. */
    @Get(':id/contactpersoon')
    @Roles(...CONTACT_READERS)
    contactPerson(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      return this.dataSource.transaction(async (manager) => {
        const referral = await manager.findOneBy(VerwijzingRecord, { overdrachtId: id });
        if (!referral) throw new NotFoundException(`no verwijzing/${id}/contactpersoon for your organisation`);
        return readContactPerson(manager, user, {
          own: { organisationType: settings.organisationType, id: referral.organisationId },
          counterparty: { organisationType: referral.fromType, id: referral.fromId },
          pseudonymousReference: referral.pseudonymousReference,
          contactPerson: referral.contactPerson,
          resource: `verwijzing/${id}/contactpersoon`,
        });
      });
    }
  }

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingPlaatsingController {
    constructor(private readonly placements: PlaatsingCommands) {}

    @Post(':id/plaatsing')
    @Roles(role)
    place(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlacementDto, @CurrentUser() user: Principal) {
      return this.placements.place(organisationOf(user), id, body);
    }
  }

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingOverdrachtController {
    constructor(private readonly handOver: HandOverVerwijzing) {}

    @Post(':id/overdrachten')
    @Roles(role)
    async offer(@Param('id', ParseUUIDPipe) id: string, @Body() body: OverdrachtOfferDto, @CurrentUser() user: Principal) {
      return uitgaandeOverdrachtView(await this.handOver.offer(organisationOf(user), id, body, user.subject));
    }
  }

  @ApiTags('plaatsingen')
  @Controller('plaatsingen')
  class PlaatsingenController {
    constructor(
      private readonly placements: PlaatsingCommands,
      @InjectRepository(PlaatsingRecord) private readonly plaatsingen: Repository<PlaatsingRecord>,
      @InjectRepository(FollowUpCheckRecord) private readonly checks: Repository<FollowUpCheckRecord>,
    ) {}

    @Get('follow-up-checks')
    @Roles(role)
    async dueChecks(@CurrentUser() user: Principal) {
      // Due = the durable timer fired and nobody recorded the outcome yet.
      const items = await this.checks.find({
        where: { organisationId: organisationOf(user), firedAt: Not(IsNull()), doneAt: IsNull() },
        order: { dueAt: 'ASC' },
        take: 500,
      });
      return { items: items.map(({ plaatsingId, checkType, dueDate }) => ({ plaatsingId, checkType, dueDate })) };
    }

    @Get(':id')
    @Roles(role)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const plaatsing = await this.plaatsingen.findOneBy({ id, organisationId: organisationOf(user) });
      if (!plaatsing) throw new NotFoundException(`no plaatsing ${id} for your organisation`);
      const checks = await this.checks.find({
        where: { plaatsingId: id, organisationId: plaatsing.organisationId },
        order: { dueAt: 'ASC' },
      });
      return {
        ...plaatsing,
        followUpChecks: checks.map(({ checkType, dueDate, firedAt, doneAt, outcome }) => ({
          checkType,
          dueDate,
          due: !!firedAt,
          doneAt,
          outcome,
        })),
      };
    }

    @Post(':id/follow-up-checks')
    @Roles(role)
    check(@Param('id', ParseUUIDPipe) id: string, @Body() body: FollowUpCheckDto, @CurrentUser() user: Principal) {
      return this.placements.check(organisationOf(user), id, body.checkType, body.outcome, body.dropoutReason);
    }

    @Post(':id/uitval')
    @Roles(role)
    uitval(@Param('id', ParseUUIDPipe) id: string, @Body() body: UitvalDto, @CurrentUser() user: Principal) {
      return this.placements.uitval(organisationOf(user), id, body.dropoutDate, body.reason);
    }
  }

  return [
    VerwijzingenController,
    VerwijzingContactController,
    ...(settings.placements === false ? [] : [VerwijzingPlaatsingController, PlaatsingenController]),
    ...(settings.sends ? [VerwijzingOverdrachtController] : []),
  ];
}
