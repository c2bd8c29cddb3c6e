import { BadRequestException, Controller, ForbiddenException, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, IsNull, Not } from 'typeorm';
import { ActingUser, recordAccess, Roles, type Principal } from '@estafette/auth';
import { buildRouter, loadRegionMap, type RegionRouter } from '@estafette/contracts';
import { accessBasis, ConsentClient, ConsentDeniedException, withConsent } from '@estafette/consent-client';
import { ServiceCalendar } from '@estafette/service-kit';
import { DOSSIER_CATEGORIES, dossierPurpose } from '../domain/dossier-purpose.js';
import { receiverMayRead, rmcMayRead, type RmcRefusal } from '../domain/need-to-know.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { VerwijzingGezienRecord } from '../persistence/verwijzing-gezien.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';

export const SCHOOL_CONSENT = Symbol('SCHOOL_CONSENT');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PSEUDONYMOUS_REFERENCE = /^pr_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * An uitschrijving by its id, or by the young person's pseudonymous reference (their latest): a receiver
 * of a warm handover knows only the reference from its referral, not the school's record id.
 */
function dossierKey(idOrReference: string) {
  if (UUID.test(idOrReference)) return { where: { id: idOrReference } };
  if (PSEUDONYMOUS_REFERENCE.test(idOrReference))
    return { where: { pseudonymousReference: idOrReference }, order: { createdAt: 'DESC' as const } };
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: [{ field: 'id', reason: 'id must be an uitschrijving id (uuid) or a pseudonymous reference (pr_...)' }],
  });
}

/**
 * The dataref path: another organisation reads the content behind an uitschrijving event. The consent
 * service decides for the holding school; the read is logged in this store's access log.
 */
@ApiTags('uitschrijvingen')
@ApiBearerAuth()
@Controller('uitschrijvingen')
export class DossierController {
  private readonly regions: RegionRouter;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCHOOL_CONSENT) private readonly consent: ConsentClient,
    @Inject(SCHOOL_SETTINGS) settings: SchoolSettings,
    private readonly calendar: ServiceCalendar,
  ) {
    this.regions = buildRouter(settings.regionMap ?? loadRegionMap());
  }

  @Get(':id/dossier')
  // 'service': another organisation's service reading for its verified user (ActingUser), with its own token.
  @Roles('rmc-consulent', 'rmc-coordinator', 'wi-consulent', 'zorg-consulent', 'service')
  @ApiOperation({
    summary:
      'Name, birth date, contact data and school career behind an uitschrijving, when the consent service permits (RMC: legal duty, and only for its own region, an open vsv-melding, under 23; W&I/zorg: only for a referral addressed to them, and consent). 403 with the reason when refused, and then nothing is loaded; allowed and refused reads are in the access log. A service token reads for the user named in x-estafette-acting-user. :id is the uitschrijving id, or the pseudonymous reference (for W&I/zorg the uitschrijving their referral names; otherwise the latest uitschrijving of that young person).',
  })
  async dossier(@Param('id') idOrReference: string, @ActingUser() reader: Principal) {
    const lookup = (await this.referredRecord(idOrReference, reader)) ?? dossierKey(idOrReference);
    const purpose = dossierPurpose(reader.organisationType);
    if (!purpose) throw new ForbiddenException('no purpose for which this organisation may read a school dossier');
    // Only what it takes to decide: which school holds it, about whom, and the facts need-to-know rests on.
    const key = await this.dataSource.manager.findOne(UitschrijvingRecord, {
      select: { id: true, schoolId: true, pseudonymousReference: true, municipalityOfResidence: true, birthDate: true, nazorgStatus: true },
      ...lookup,
    });
    if (!key) throw new NotFoundException();
    const resource = `uitschrijving/${key.id}/dossier`;
    const refused = async (reason: string) =>
      recordAccess(this.dataSource.manager, reader, { subject: key.pseudonymousReference, resource, basis: `refused:${reason}`, purpose });
    if (reader.organisationType === 'rmc') {
      const today = this.calendar.today();
      const need = rmcMayRead({
        readerRegion: (reader.organisationId ?? '').replace(/^rmc:/, ''),
        // Where the young person lives today: an old code routes through its merger, like the RMC routed it.
        residenceRegion: this.regions.route(key.municipalityOfResidence, today)?.code,
        nazorgStatus: key.nazorgStatus,
        birthDate: key.birthDate,
        today,
      });
      if (!need.allowed) {
        await refused(need.reason);
        throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: RMC_REFUSALS[need.reason], reason: need.reason });
      }
    }
    if (reader.organisationType === 'werk-inkomen' || reader.organisationType === 'zorg') {
      // The referral must name this uitschrijving; only offers that name none fall back to the reference.
      const toReader = { toId: reader.organisationId ?? '', open: true };
      const referred = await this.dataSource.manager.exists(VerwijzingGezienRecord, {
        where: [
          { ...toReader, uitschrijvingId: key.id },
          { ...toReader, uitschrijvingId: IsNull(), pseudonymousReference: key.pseudonymousReference },
        ],
      });
      const need = receiverMayRead(referred);
      if (!need.allowed) {
        await refused(need.reason);
        throw new ForbiddenException({
          statusCode: 403,
          error: 'Forbidden',
          message: 'this young person was not referred to your organisation',
          reason: need.reason,
        });
      }
    }
    try {
      return await this.dataSource.transaction((manager) =>
        withConsent({
          consent: this.consent,
          reader,
          holder: { organisationType: 'school', id: key.schoolId },
          subject: key.pseudonymousReference,
          dataCategories: DOSSIER_CATEGORIES,
          purpose,
          resource,
          manager,
          load: async (decision) =>
            toDossier(await manager.findOneByOrFail(UitschrijvingRecord, { id: key.id }), accessBasis(decision.decidedBy)),
        }),
      );
    } catch (error) {
      // The denial is logged too (outside the read's transaction, which rolled back): who tried, and why not.
      if (error instanceof ConsentDeniedException) await refused(error.decision.reason ?? 'consent-denied');
      throw error;
    }
  }

  /**
   * W&I and zorg know the young person by reference only: the reference resolves to the uitschrijving their open
   * referral names (overdracht.offered `uitschrijvingId`), never to the latest record of any school, which another
   * school could have planted. Undefined when the caller asks by id, is no receiver, or no open referral names one.
   */
  private async referredRecord(idOrReference: string, reader: Principal) {
    if (!PSEUDONYMOUS_REFERENCE.test(idOrReference)) return undefined;
    if (reader.organisationType !== 'werk-inkomen' && reader.organisationType !== 'zorg') return undefined;
    const referral = await this.dataSource.manager.findOne(VerwijzingGezienRecord, {
      where: { pseudonymousReference: idOrReference, toId: reader.organisationId ?? '', open: true, uitschrijvingId: Not(IsNull()) },
      order: { createdAt: 'DESC' },
    });
    return referral?.uitschrijvingId ? { where: { id: referral.uitschrijvingId } } : undefined;
  }
}

/** What an RMC consulent reads when need-to-know refuses (the reason code goes along). */
const RMC_REFUSALS: Record<RmcRefusal, string> = {
  'andere-regio': 'this young person does not live in your RMC region',
  'geen-open-vsv-melding': 'there is no open vsv-melding for this uitschrijving',
  '23-of-ouder': 'this young person is 23 or older: no longer an RMC task',
};

function toDossier(r: UitschrijvingRecord, basis: string) {
  return {
    uitschrijvingId: r.id,
    school: r.schoolId,
    name: r.contact ? { firstName: r.contact.firstName, lastName: r.contact.lastName } : null,
    birthDate: r.birthDate,
    contact: r.contact
      ? {
          phone: r.contact.phone ?? null,
          email: r.contact.email ?? null,
          street: r.contact.street ?? null,
          houseNumber: r.contact.houseNumber ?? null,
          postcode: r.contact.postcode ?? null,
          city: r.contact.city ?? null,
        }
      : null,
    municipalityOfResidence: r.municipalityOfResidence,
    schoolCareer: {
      studentNumber: r.studentNumber,
      schoolType: r.schoolType,
      schoolLevel: r.schoolLevel,
      highestDiploma: r.highestDiploma,
      hasStartkwalificatie: r.hasStartkwalificatie,
      deregistrationDate: r.deregistrationDate,
      reason: r.reason,
      exitInterviewHeld: r.exitInterviewHeld,
    },
    basis,
  };
}
