import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { CurrentUser, recordAccess, recordAccesses, Roles, scopeFor, type Principal, type Role } from '@estafette/auth';
import { lastDayInTime } from '@estafette/calendar';
import { OrganisationsClient } from '@estafette/organisations-client';
import { fieldError, ServiceCalendar } from '@estafette/service-kit';
import { DataSource, In, IsNull, Not, type Repository } from 'typeorm';
import { CONTACT_READERS, readContactPerson } from '../../shared/contact-person.js';
import { AnswerVerwijzing } from '../application/answer-verwijzing.js';
import { HandOverVerwijzing } from '../application/hand-over-verwijzing.js';
import { OverdrachtOfferDto } from '../../sending/http/uitgaande-overdracht.dto.js';
import { uitgaandeOverdrachtNamedView } from '../../sending/http/uitgaande-overdracht.controller.js';
import { PlaatsingCommands } from '../application/plaatsing-commands.js';
import { FollowUpCheckRecord } from '../persistence/follow-up-check.entity.js';
import { PlaatsingRecord } from '../persistence/plaatsing.entity.js';
import { VerwijzingHerkomstRecord } from '../persistence/verwijzing-herkomst.entity.js';
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

/** A history for items filed from an uitval na plaatsing; null for an offer. */
const herkomstView = (h: VerwijzingHerkomstRecord | undefined | null) => {
  if (!h) return null;
  const { overdrachtId: _item, reportedByType, reportedById, ...rest } = h;
  return { ...rest, reportedBy: { organisationType: reportedByType, id: reportedById } };
};

/** 400 naming the field: a school must say when it enrols the young person; nobody else sends that date. */
function checkEnrolmentDate(settings: ReceiverSettings, body: AcceptDto): void {
  const reason = settings.enrolment
    ? !body.enrolmentPlannedOn && 'enrolmentPlannedOn is required: the date your school plans to enrol the young person (YYYY-MM-DD)'
    : body.enrolmentPlannedOn && 'enrolmentPlannedOn is only for a school that takes a young person back';
  if (reason) throw fieldError('enrolmentPlannedOn', reason);
}

/** Referrals as people read them (verwijzingView at `now`), each with the sender's name next to its id (`fromName`; null when unknown or the directory is down). */
async function verwijzingViews(organisations: OrganisationsClient, referrals: VerwijzingRecord[], now: Date) {
  const names = await organisations.names(referrals.map((r) => r.fromId));
  return referrals.map((r) => ({ ...verwijzingView(r, now), fromName: names[r.fromId] ?? null }));
}

/**
 * The controllers are built per service because @Roles takes its role at class definition: werk-inkomen
 * admits wi-consulent, zorg admits zorg-consulent, and the role matrix of each service says so.
 */
export function receiverControllers(settings: ReceiverSettings): Type<unknown>[] {
  const roles: [Role, ...Role[]] = settings.roles;
  const organisationOf = (user: Principal) => scopeFor(user, settings.organisationType);

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingenController {
    constructor(
      private readonly answer: AnswerVerwijzing,
      private readonly organisations: OrganisationsClient,
      @InjectRepository(VerwijzingRecord) private readonly referrals: Repository<VerwijzingRecord>,
      private readonly calendar: ServiceCalendar,
      @InjectRepository(VerwijzingHerkomstRecord) private readonly herkomst: Repository<VerwijzingHerkomstRecord>,
    ) {}

    private view = <R extends VerwijzingRecord>(referral: R) => verwijzingView(referral, this.calendar.now());

    @Get()
    @Roles(...roles)
    async inbox(@Query() query: InboxQuery, @CurrentUser() user: Principal) {
      const items = await this.referrals.find({
        where: { organisationId: organisationOf(user), ...(query.status ? { status: query.status } : {}) },
        order: { responseDueAt: 'ASC' },
        take: 500,
      });
      // The inbox shows each referred young person: one access row per person shown (docs/privacy.md).
      await recordAccesses(
        this.referrals.manager,
        user,
        items.map((r) => ({
          subject: r.pseudonymousReference,
          resource: `verwijzing/${r.overdrachtId}`,
          basis: 'own-organisation',
          purpose: r.purpose,
        })),
      );
      const histories = await this.herkomst.findBy({ overdrachtId: In(items.map((i) => i.overdrachtId)) });
      const historyOf = new Map(histories.map((h) => [h.overdrachtId, h]));
      const views = await verwijzingViews(this.organisations, items, this.calendar.now());
      return { items: views.map((v) => ({ ...v, herkomst: herkomstView(historyOf.get(v.overdrachtId)) })) };
    }

    @Get(':id')
    @Roles(...roles)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const referral = await this.referrals.findOneBy({ overdrachtId: id, organisationId: organisationOf(user) });
      if (!referral) throw new NotFoundException(`no verwijzing ${id} for your organisation`);
      await recordAccess(this.referrals.manager, user, {
        subject: referral.pseudonymousReference,
        resource: `verwijzing/${id}`,
        basis: 'own-organisation',
        purpose: referral.purpose,
      });
      const [view] = await verwijzingViews(this.organisations, [referral], this.calendar.now());
      return { ...view, herkomst: herkomstView(await this.herkomst.findOneBy({ overdrachtId: id })) };
    }

    @Post(':id/acceptatie')
    @Roles(...roles)
    async accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptDto, @CurrentUser() user: Principal) {
      checkEnrolmentDate(settings, body);
      return this.view(await this.answer.accept(organisationOf(user), id, body));
    }

    @Post(':id/afwijzing')
    @Roles(...roles)
    async reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto, @CurrentUser() user: Principal) {
      return this.view(await this.answer.reject(organisationOf(user), id, body.reason));
    }

    @Post(':id/eerste-contact')
    @Roles(...roles)
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
    @Roles(...roles)
    place(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlacementDto, @CurrentUser() user: Principal) {
      return this.placements.place(organisationOf(user), id, body);
    }
  }

  @ApiTags('verwijzingen')
  @Controller('verwijzingen')
  class VerwijzingOverdrachtController {
    constructor(
      private readonly handOver: HandOverVerwijzing,
      private readonly organisations: OrganisationsClient,
    ) {}

    @Post(':id/overdrachten')
    @Roles(...roles)
    async offer(@Param('id', ParseUUIDPipe) id: string, @Body() body: OverdrachtOfferDto, @CurrentUser() user: Principal) {
      return uitgaandeOverdrachtNamedView(this.organisations, await this.handOver.offer(organisationOf(user), id, body, user.subject));
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
    @Roles(...roles)
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
    @Roles(...roles)
    async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
      const plaatsing = await this.plaatsingen.findOneBy({ id, organisationId: organisationOf(user) });
      if (!plaatsing) throw new NotFoundException(`no plaatsing ${id} for your organisation`);
      await recordAccess(this.plaatsingen.manager, user, {
        subject: plaatsing.pseudonymousReference,
        resource: `plaatsing/${id}`,
        basis: 'own-organisation',
        purpose: 'trajectbegeleiding',
      });
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
    @Roles(...roles)
    check(@Param('id', ParseUUIDPipe) id: string, @Body() body: FollowUpCheckDto, @CurrentUser() user: Principal) {
      return this.placements.check(organisationOf(user), id, body.checkType, body.outcome, body.dropoutReason);
    }

    @Post(':id/uitval')
    @Roles(...roles)
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
