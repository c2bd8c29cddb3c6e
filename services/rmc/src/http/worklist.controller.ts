import { Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ContentClient,
  CurrentUser,
  OrganisationDirectory,
  recordAccess,
  recordAccesses,
  Roles,
  scopeFor,
  type Principal,
} from '@estafette/auth';
import { OrganisationsClient } from '@estafette/organisations-client';
import { pageOf, pageWindow, ServiceCalendar } from '@estafette/service-kit';
import type { Repository } from 'typeorm';
import { fetchSchoolDossier } from '../application/fetch-school-dossier.js';
import { WorkOnTaak } from '../application/work-on-taak.js';
import { REGION_ROUTER, RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';
import type { RegionRouter } from '../domain/region-routing.js';
import { isOpen } from '../domain/taak-lifecycle.js';
import { rmcPartEndedOn } from '@estafette/overdracht';
import { ContactMomentRecord } from '../persistence/contact-moment.entity.js';
import { NotitieRecord } from '../persistence/notitie.entity.js';
import { notitieView } from '../application/notities.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { TaakCorrectieRecord } from '../persistence/taak-correctie.entity.js';
import { AssignDto, CloseDto, ContactMomentDto } from './taak-commands.dto.js';
import { WorklistQuery } from './worklist.query.js';

/** The caller's region (rmc:MC21 -> MC21): every query below has it in its WHERE clause. */
const regionOf = (user: Principal) => scopeFor(user, 'rmc').replace(/^rmc:/, '');

@ApiTags('taken')
@Controller('taken')
export class WorklistController {
  private readonly content: ContentClient;
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly work: WorkOnTaak,
    @InjectRepository(TaakRecord) private readonly taken: Repository<TaakRecord>,
    @InjectRepository(ContactMomentRecord) private readonly moments: Repository<ContactMomentRecord>,
    @InjectRepository(NotitieRecord) private readonly notities: Repository<NotitieRecord>,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
    private readonly directory: OrganisationDirectory,
    private readonly calendar: ServiceCalendar,
    private readonly organisations: OrganisationsClient,
  ) {
    this.content = new ContentClient({ directory, serviceToken: settings.serviceToken });
  }

  /**
   * Tasks as people read them: region and municipality by CBS name, each school by its name from the organisation
   * directory (`schoolName`, `herinschrijving.schoolName`; null when unknown or the directory cannot be asked).
   */
  private async views(tasks: TaakRecord[]) {
    const today = this.calendar.today();
    const names = await this.organisations.names(tasks.flatMap((t) => [t.schoolId, t.reenrolmentSchoolId]));
    return tasks.map((t) => {
      const view = toView(t, today, {
        regionName: this.regions.regionName(t.region) ?? null,
        municipalityName: this.regions.municipalityName(t.municipality) ?? null,
      });
      const herinschrijving = view.herinschrijving && { ...view.herinschrijving, schoolName: names[view.herinschrijving.school] ?? null };
      return { ...view, schoolName: names[t.schoolId] ?? null, herinschrijving };
    });
  }

  private async view(t: TaakRecord) {
    return (await this.views([t]))[0]!;
  }

  @Get()
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({ summary: "The region's worklist, soonest first-contact due date first." })
  async list(@Query() query: WorklistQuery, @CurrentUser() user: Principal) {
    const qb = this.taken.createQueryBuilder('t').where('t.region = :region', { region: regionOf(user) });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    // Today is the Amsterdam date, not the database server's current_date.
    if (query.overdue)
      qb.andWhere("t.first_contact_due_date < :today AND t.first_contact_at IS NULL AND t.status IN ('nieuw','toegewezen')", {
        today: this.calendar.today(),
      });
    if (query.mine) qb.andWhere('t.assigned_to = :me', { me: user.subject });
    if (query.buitenBeeld !== undefined) qb.andWhere('t.buiten_beeld = :bb', { bb: query.buitenBeeld });
    if (query.wiOverdracht !== undefined) qb.andWhere(`t.wi_handover_due_since IS ${query.wiOverdracht ? 'NOT ' : ''}NULL`);
    if (query.terugBovenaan !== undefined) qb.andWhere(`${query.terugBovenaan ? '' : 'NOT '}(${BACK_ON_TOP})`);
    if (query.periodicContactOverdue !== undefined)
      qb.andWhere(`${query.periodicContactOverdue ? '' : 'NOT '}(${PERIODIC_CONTACT_OVERDUE})`);
    const { skip, take } = pageWindow(query);
    const [items, total] = await qb
      // Tasks whose next step came first (longest waiting first), then the soonest first-contact due date.
      .orderBy(`CASE WHEN ${BACK_ON_TOP} THEN t.back_on_top_since END`, 'ASC', 'NULLS LAST')
      .addOrderBy('t.first_contact_due_date', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
    // Each row shows a young person's task: one access row per person shown (docs/privacy.md, Every read is logged).
    await recordAccesses(
      this.taken.manager,
      user,
      items.map((t) => ({ subject: t.pseudonymousReference, resource: `taak/${t.id}`, basis: 'own-organisation', purpose: 'werklijst' })),
    );
    return pageOf(await this.views(items), total, query);
  }

  @Get(':id')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const taak = await this.taken.findOneBy({ id, region: regionOf(user) });
    if (!taak) throw new NotFoundException(`no task ${id} in your region`);
    await recordAccess(this.taken.manager, user, {
      subject: taak.pseudonymousReference,
      resource: `taak/${id}`,
      basis: 'own-organisation',
      purpose: 'vsv-registratie',
    });
    const contactMomenten = await this.moments.find({ where: { taakId: id }, order: { at: 'ASC' } });
    // The school's corrections and withdrawal, oldest first, with what the task did (also from before a move here).
    const correcties = await this.taken.manager.find(TaakCorrectieRecord, { where: { taakId: id }, order: { receivedAt: 'ASC' } });
    const notities = await this.notities.find({ where: { taakId: id, bij: 'contactmoment' }, order: { writtenAt: 'ASC' } });
    return {
      ...(await this.view(taak)),
      contactMomenten: contactMomenten.map(({ id: momentId, kind, channel, outcome, at, recordedBy }) => ({
        id: momentId,
        kind,
        channel,
        outcome,
        at,
        recordedBy,
        notities: notities.filter((n) => n.contactMomentId === momentId).map(notitieView),
      })),
      correcties: correcties.map(({ eventId: _id, taakId: _taak, ...correctie }) => correctie),
    };
  }

  @Get(':id/jongere')
  @Roles('rmc-consulent', 'rmc-coordinator')
  @ApiOperation({
    summary:
      "The young person's name, contact data and school career, fetched from the school's configured origin with the RMC's own token, for the caller (legal basis: the RMC registration duty). Not stored here.",
  })
  async jongere(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    const taak = await this.taken.findOne({
      select: { id: true, schoolId: true, schoolDataref: true, turns23On: true },
      where: { id, region: regionOf(user) },
    });
    if (!taak) throw new NotFoundException(`no task ${id} in your region`);
    // From the 23rd birthday the RMC has no basis to read the young person's data (RMC-wet: 12 to 23).
    if (taak.turns23On && rmcPartEndedOn(taak.turns23On, this.calendar.today()))
      throw new ForbiddenException(`the young person turned 23 on ${taak.turns23On}: the RMC no longer reads their data`);
    if (!taak.schoolDataref) throw new NotFoundException('this task has no school dossier to fetch');
    return fetchSchoolDossier(this.content, this.directory, {
      schoolId: taak.schoolId,
      schoolDataref: taak.schoolDataref,
      reader: user,
      timeoutMs: this.settings.schoolFetchTimeoutMs ?? 5_000,
    });
  }

  @Post(':id/toewijzing')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async assign(@Param('id', ParseUUIDPipe) id: string, @Body() body: AssignDto, @CurrentUser() user: Principal) {
    return this.view(await this.work.assign(regionOf(user), id, body.assignee ?? user.subject));
  }

  @Post(':id/contactmomenten')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async contact(@Param('id', ParseUUIDPipe) id: string, @Body() body: ContactMomentDto, @CurrentUser() user: Principal) {
    return this.view(await this.work.recordContact(regionOf(user), id, body, user.subject));
  }

  @Post(':id/sluiting')
  @Roles('rmc-consulent', 'rmc-coordinator')
  async close(@Param('id', ParseUUIDPipe) id: string, @Body() body: CloseDto, @CurrentUser() user: Principal) {
    return this.view(await this.work.close(regionOf(user), id, body.reason));
  }
}

const OPEN = "t.status NOT IN ('overgedragen', 'gesloten')";
/** The next step of the plan van aanpak came (its timer fired) and nobody acted on the task since. */
const BACK_ON_TOP = `t.back_on_top_since IS NOT NULL AND ${OPEN}`;
/** The periodic contact's period passed without contact (its timer fired). */
const PERIODIC_CONTACT_OVERDUE = `t.periodic_contact_overdue_since IS NOT NULL AND ${OPEN}`;

/** A task as staff see it, names next to codes; `overdue` against `today` (the Amsterdam date). */
function toView(t: TaakRecord, today: string, names: { regionName: string | null; municipalityName: string | null }) {
  return {
    id: t.id,
    pseudonymousReference: t.pseudonymousReference,
    region: t.region,
    regionName: names.regionName,
    team: t.team,
    status: t.status,
    closeReason: t.closeReason,
    assignedTo: t.assignedTo,
    school: t.schoolId,
    municipality: t.municipality,
    municipalityName: names.municipalityName,
    ageAtRegistration: t.ageAtRegistration,
    registrationDate: t.registrationDate,
    firstContactDueDate: t.firstContactDueDate,
    gracePeriodEndDate: t.gracePeriodEndDate,
    overdue: isOpen(t.status) && !t.firstContactAt && t.firstContactDueDate < today,
    escalatedAt: t.escalatedAt,
    failedAttempts: t.failedAttempts,
    buitenBeeld: t.buitenBeeld,
    wiOverdrachtVoorbereiden: t.wiHandoverDueSince !== null,
    turns23On: t.turns23On,
    // The plan van aanpak's next step and periodic contact (001:161): the flags only while the task is open.
    nextStepOn: t.nextStepOn,
    terugBovenaan: isOpen(t.status) && t.backOnTopSince !== null,
    periodiekContactUiterlijk: t.periodicContactDueDate,
    periodiekContactTeLaat: isOpen(t.status) && t.periodicContactOverdueSince !== null,
    // Who closed the task by enrolling the young person (any school may: that is re-enrolment), and when.
    herinschrijving: t.reenrolmentSchoolId
      ? { school: t.reenrolmentSchoolId, datum: t.reenrolmentDate, inschrijvingId: t.reenrolmentInschrijvingId }
      : null,
  };
}
