import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, regieEnded, type RegieEndedData } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import type { CloseReason } from '../domain/taak-lifecycle.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { BatonProjection } from './baton-projection.js';
import { rmcSource } from './rmc-source.js';

/** What ends the RMC's regie over one task: the reason everyone sees, and the task's own close reason. */
export interface RegieEnd {
  reason: RegieEndedData['reason'];
  taakCloseReason: CloseReason;
  closeReason?: RegieEndedData['closeReason'];
  /** Calendar date; today (Amsterdam) when not given. */
  endedOn?: string;
  inschrijvingId?: string;
}

/**
 * Ends the RMC's responsibility for a task it holds: the task closes with its reason, `regie.ended` goes to the outbox
 * and into the baton projection, all in the caller's transaction. Only for an open task (the RMC holds the baton); the
 * caller checks that. One way for every end (consulent, 23rd birthday, back to school after the grace period).
 */
@Injectable()
export class EndRegie {
  constructor(
    private readonly projection: BatonProjection,
    private readonly calendar: ServiceCalendar,
  ) {}

  async end(manager: EntityManager, taak: TaakRecord, end: RegieEnd): Promise<void> {
    await manager.update(TaakRecord, { id: taak.id }, { status: 'gesloten', closeReason: end.taakCloseReason });
    const event = createEvent(regieEnded, {
      source: rmcSource(taak.region),
      subject: taak.pseudonymousReference,
      data: {
        endedBy: { organisationType: 'rmc', id: `rmc:${taak.region}` },
        reason: end.reason,
        endedOn: end.endedOn ?? this.calendar.today(),
        vsvMeldingId: taak.id,
        ...(end.closeReason ? { closeReason: end.closeReason } : {}),
        ...(end.inschrijvingId ? { inschrijvingId: end.inschrijvingId } : {}),
      },
    });
    await Outbox.add(manager, event);
    await this.projection.record(event, manager, [taak.region]);
  }
}
