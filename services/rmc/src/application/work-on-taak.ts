import { Inject, Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, vsvMeldingBuitenBeeld } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import type { RegionRouter } from '../domain/region-routing.js';
import { ServiceCalendar } from '@estafette/service-kit';
import { UitgaandeOverdrachtRecord } from '@estafette/receiver';
import {
  isBuitenBeeld,
  isOpen,
  transition,
  TaakTransitionError,
  type ConsulentCloseReason,
  type ContactKind,
} from '../domain/taak-lifecycle.js';
import { ContactMomentRecord } from '../persistence/contact-moment.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { REGION_ROUTER } from '../rmc-settings.js';
import { DEFAULT_PERIODIC_CONTACT_MONTHS } from '../domain/periodic-contact.js';
import { EndRegie } from './end-regie.js';
import { addNotitie } from './notities.js';
import { armPeriodicContact } from './periodic-contact.js';
import { rmcSource } from './rmc-source.js';
import { lockTaakInTurn } from './taak-in-turn.js';

/** Commands of RMC staff on one task; always scoped to the caller's region in the query itself. */
@Injectable()
export class WorkOnTaak {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    private readonly endRegie: EndRegie,
  ) {}

  assign(region: string, id: string, assignee: string): Promise<TaakRecord> {
    return this.change(region, id, (taak) => ({
      assignedTo: assignee,
      status: taak.status === 'nieuw' ? transition(taak.status, 'toegewezen') : taak.status,
    }));
  }

  /**
   * The consulent closes a task with a reason from the fixed list. While the RMC holds the baton this ends its regie
   * (`regie.ended`, reason gesloten-door-consulent); a task already handed over only closes the RMC's bookkeeping.
   * 409 while an offer of this task is open: it must be withdrawn first, or the young person could end up with nobody.
   */
  close(region: string, id: string, reason: ConsulentCloseReason): Promise<TaakRecord> {
    return this.change(region, id, async (taak, manager) => {
      const status = transition(taak.status, 'gesloten');
      if (!isOpen(taak.status)) return { status, closeReason: reason };
      if (await manager.existsBy(UitgaandeOverdrachtRecord, { localRef: taak.id, status: 'aangeboden' }))
        throw new ConflictException(`task ${id} has an open overdracht: withdraw it before closing the task`);
      await this.endRegie.end(manager, taak, { reason: 'gesloten-door-consulent', taakCloseReason: reason, closeReason: reason });
      return { status, closeReason: reason };
    });
  }

  /**
   * An attempt or real contact, with an optional note (free text, RMC store only). Any moment takes the task off the
   * top of the worklist (the consulent is on it); real contact re-arms the periodic-contact timer (001:161).
   */
  recordContact(
    region: string,
    id: string,
    { notitie, ...moment }: { kind: ContactKind; channel: string; outcome: string; notitie?: string },
    by: string,
  ): Promise<TaakRecord> {
    return this.change(region, id, async (taak, manager) => {
      const inserted = await manager.insert(ContactMomentRecord, { taakId: id, ...moment, recordedBy: by });
      if (notitie) {
        const contactMomentId = String(inserted.identifiers[0]!.id);
        await addNotitie(manager, taak, { bij: 'contactmoment', contactMomentId }, notitie, by, this.calendar.now());
      }
      if (moment.kind === 'contact') {
        const months = this.regions.settingsOf(taak.region).periodicContactMonths ?? DEFAULT_PERIODIC_CONTACT_MONTHS;
        return {
          firstContactAt: taak.firstContactAt ?? this.calendar.now(),
          failedAttempts: 0,
          buitenBeeld: false,
          status: taak.status === 'in-contact' || taak.status === 'traject' ? taak.status : transition(taak.status, 'in-contact'),
          backOnTopSince: null,
          ...(isOpen(taak.status) ? await armPeriodicContact(manager, id, this.calendar.today(), months) : {}),
        };
      }
      const failedAttempts = moment.outcome === 'niet-bereikt' ? taak.failedAttempts + 1 : taak.failedAttempts;
      const buitenBeeld = isBuitenBeeld(failedAttempts, this.regions.settingsOf(taak.region).failedAttemptsBeforeBuitenBeeld);
      // Announced once, when sight is lost: ops and steering count young people out of sight.
      if (buitenBeeld && !taak.buitenBeeld) {
        await Outbox.add(
          manager,
          createEvent(vsvMeldingBuitenBeeld, {
            source: rmcSource(taak.region),
            subject: taak.pseudonymousReference,
            data: { vsvMeldingId: taak.id, rmcRegion: taak.region, failedAttempts, since: this.calendar.now().toISOString() },
          }),
        );
      }
      return { failedAttempts, buitenBeeld, backOnTopSince: null };
    });
  }

  private change(
    region: string,
    id: string,
    decide: (taak: TaakRecord, manager: EntityManager) => Partial<TaakRecord> | Promise<Partial<TaakRecord>>,
  ): Promise<TaakRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await lockTaakInTurn(manager, { id, region });
      if (!taak) throw new NotFoundException(`no task ${id} in your region`);
      try {
        const changes = await decide(taak, manager);
        await manager.update(TaakRecord, { id }, changes);
        return { ...taak, ...changes } as TaakRecord;
      } catch (error) {
        if (error instanceof TaakTransitionError) throw new ConflictException(error.message);
        throw error;
      }
    });
  }
}
