import { ConflictException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { createEvent, plaatsingFollowUpChecked, plaatsingPlaced, uitvalNaPlaatsingRegistered } from '@estafette/contracts';
import { startOfDay } from '@estafette/calendar';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { checkPlacement, followUpChecks, nextStatus, type FollowUpCheckType, type PlacementType } from '@estafette/overdracht';
import { FollowUpCheckRecord } from '../persistence/follow-up-check.entity.js';
import { PlaatsingRecord } from '../persistence/plaatsing.entity.js';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { organisationOf, organisationSource } from '../../shared/organisation-source.js';
import { ageAt, ageFactsOf, rmcPartEnded, type AgeFacts } from '../domain/verwijzing-age.js';
import { changeVerwijzing } from './change-verwijzing.js';

export type DropoutReason =
  'baan-verloren' | 'contract-niet-verlengd' | 'gestopt-met-opleiding' | 'uitgeschreven' | 'traject-afgebroken' | 'anders';
export type CheckOutcome = 'nog-geplaatst' | 'afgerond' | 'uitgevallen' | 'niet-bereikbaar';

/** Where a young person of 23 or older goes after a failed placement; a service that is W&I itself keeps them. */
export const ADULT_RETURNS_TO = Symbol('ADULT_RETURNS_TO');
export type AdultReturnsTo = (referral: VerwijzingRecord) => { organisationType: 'werk-inkomen'; id: string };
const municipalitysWerkInkomen: AdultReturnsTo = (referral) => ({
  organisationType: 'werk-inkomen',
  id: `gemeente:${referral.municipality}`,
});

/** Exact from the offer's turns23On; without it the estimate counts from the age at placement, as before turns23On. */
const onPlacement = (referral: VerwijzingRecord, plaatsing: PlaatsingRecord): AgeFacts => ({
  turns23On: referral.turns23On,
  knownAge: plaatsing.ageAtPlacement,
  knownOn: plaatsing.startDate,
});

/** Placement, its follow-up checks and a drop-out: the part of the handover after acceptance. */
@Injectable()
export class PlaatsingCommands {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
    private readonly calendar: ServiceCalendar,
    @Optional() @Inject(ADULT_RETURNS_TO) private readonly adultReturnsTo: AdultReturnsTo = municipalitysWerkInkomen,
  ) {}

  place(organisationId: string, overdrachtId: string, input: { placementType: PlacementType; startDate: string; hoursPerWeek?: number }) {
    return changeVerwijzing(this.dataSource, organisationId, overdrachtId, async (referral, manager) => {
      checkPlacement(input.placementType, input.hoursPerWeek);
      await manager.update(VerwijzingRecord, { overdrachtId }, { status: nextStatus(referral.status, 'place') });
      const ageAtPlacement = ageAt(ageFactsOf(referral), input.startDate);
      const plaatsing: PlaatsingRecord = {
        id: randomUUID(),
        overdrachtId,
        organisationId,
        pseudonymousReference: referral.pseudonymousReference,
        placementType: input.placementType,
        startDate: input.startDate,
        hoursPerWeek: input.hoursPerWeek ?? null,
        ageAtPlacement,
        status: 'lopend',
      };
      await manager.insert(PlaatsingRecord, plaatsing);
      const checks = followUpChecks(input.startDate, this.settings.followUpMonths);
      for (const check of checks) {
        // The timer falls due at the start of the due date (Amsterdam midnight): the check then shows on the worklist.
        await manager.insert(FollowUpCheckRecord, {
          plaatsingId: plaatsing.id,
          organisationId,
          checkType: check.checkType,
          dueDate: check.dueDate,
          dueAt: startOfDay(check.dueDate),
        });
      }
      await Outbox.add(
        manager,
        createEvent(plaatsingPlaced, {
          source: this.source(organisationId),
          subject: referral.pseudonymousReference,
          dataref: `${this.settings.publicUrl}/plaatsingen/${plaatsing.id}`,
          data: {
            plaatsingId: plaatsing.id,
            overdrachtId,
            placedBy: this.us(organisationId),
            placementType: input.placementType,
            startDate: input.startDate,
            ...(input.hoursPerWeek !== undefined ? { hoursPerWeek: input.hoursPerWeek } : {}),
            ageAtPlacement,
            municipalityOfResidence: referral.municipality,
            followUpChecks: checks,
          },
        }),
      );
      return { ...plaatsing, followUpChecks: checks };
    });
  }

  /** Records a follow-up check; "uitgevallen" also registers the uitval, so the young person comes back. */
  check(organisationId: string, plaatsingId: string, checkType: FollowUpCheckType, outcome: CheckOutcome, dropoutReason?: DropoutReason) {
    return this.changePlaatsing(organisationId, plaatsingId, async (plaatsing, referral, manager) => {
      const now = this.calendar.now();
      const checkDate = this.calendar.today();
      await manager.update(
        FollowUpCheckRecord,
        { plaatsingId, checkType },
        { doneAt: now, outcome, firedAt: () => 'coalesce(fired_at, now())' },
      );
      await Outbox.add(
        manager,
        createEvent(plaatsingFollowUpChecked, {
          source: this.source(organisationId),
          subject: plaatsing.pseudonymousReference,
          data: { plaatsingId, checkedBy: this.us(organisationId), checkType, checkDate, outcome },
        }),
      );
      if (outcome === 'uitgevallen') return this.registerUitval(manager, plaatsing, referral, checkDate, dropoutReason ?? 'anders');
      if (outcome === 'afgerond') await manager.update(PlaatsingRecord, { id: plaatsingId }, { status: 'afgerond' });
      return { plaatsingId, status: outcome === 'afgerond' ? 'afgerond' : plaatsing.status };
    });
  }

  uitval(organisationId: string, plaatsingId: string, dropoutDate: string, reason: DropoutReason) {
    return this.changePlaatsing(organisationId, plaatsingId, (plaatsing, referral, manager) =>
      this.registerUitval(manager, plaatsing, referral, dropoutDate, reason),
    );
  }

  private async registerUitval(
    manager: EntityManager,
    plaatsing: PlaatsingRecord,
    referral: VerwijzingRecord,
    dropoutDate: string,
    reason: DropoutReason,
  ) {
    if (plaatsing.status !== 'lopend') throw new ConflictException(`plaatsing ${plaatsing.id} is ${plaatsing.status}`);
    await manager.update(PlaatsingRecord, { id: plaatsing.id }, { status: 'uitgevallen' });
    // Checks still to come are moot: the young person goes back, not through follow-up.
    await manager.update(
      FollowUpCheckRecord,
      { plaatsingId: plaatsing.id, doneAt: IsNull() },
      { doneAt: this.calendar.now(), outcome: 'vervallen-door-uitval' },
    );
    const age = onPlacement(referral, plaatsing);
    const ageAtDropout = ageAt(age, dropoutDate);
    const returnsTo = this.returnsTo(referral, rmcPartEnded(age, dropoutDate));
    const uitvalId = randomUUID();
    await Outbox.add(
      manager,
      createEvent(uitvalNaPlaatsingRegistered, {
        source: this.source(plaatsing.organisationId),
        subject: plaatsing.pseudonymousReference,
        dataref: `${this.settings.publicUrl}/plaatsingen/${plaatsing.id}`,
        data: {
          uitvalId,
          plaatsingId: plaatsing.id,
          reportedBy: this.us(plaatsing.organisationId),
          placementType: plaatsing.placementType,
          dropoutDate,
          reason,
          ageAtDropout,
          ...(referral.turns23On ? { turns23On: referral.turns23On } : {}),
          municipalityOfResidence: referral.municipality,
          returnsTo,
        },
      }),
    );
    return { plaatsingId: plaatsing.id, status: 'uitgevallen', uitvalId, returnsTo };
  }

  /**
   * Before the 23rd birthday (on the dropout date) back to the sender (the RMC that sent the young person); from the
   * birthday itself to Werk & Inkomen, the RMC's part having ended: the municipality of residence's, unless the
   * service says otherwise (W&I keeps them: ADULT_RETURNS_TO). Source: RMC-wet (12 to 23); DOMAIN.md.
   */
  private returnsTo(referral: VerwijzingRecord, rmcPartHasEnded: boolean) {
    if (!rmcPartHasEnded) return organisationOf(referral.fromType, referral.fromId);
    return (this.adultReturnsTo ?? municipalitysWerkInkomen)(referral) as never;
  }

  private changePlaatsing<T>(
    organisationId: string,
    plaatsingId: string,
    change: (p: PlaatsingRecord, r: VerwijzingRecord, m: EntityManager) => Promise<T>,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const plaatsing = await manager.findOne(PlaatsingRecord, {
        where: { id: plaatsingId, organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plaatsing) throw new NotFoundException(`no plaatsing ${plaatsingId} for your organisation`);
      const referral = await manager.findOneByOrFail(VerwijzingRecord, { overdrachtId: plaatsing.overdrachtId, organisationId });
      return change(plaatsing, referral, manager);
    });
  }

  private us = (organisationId: string) => organisationOf(this.settings.organisationType, organisationId);
  private source = (organisationId: string) => organisationSource(organisationId, this.settings.organisationType);
}
