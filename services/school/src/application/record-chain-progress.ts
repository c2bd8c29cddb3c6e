import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { vsvMeldingCancelled, vsvMeldingRegistered, type CloudEvent, type VsvMeldingCancelledData, type VsvMeldingRegisteredData } from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { nextNazorgStatus, type NazorgStatus } from '../domain/nazorg-status.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';

/** Feeds the school's nazorg view: what happened to its former students further down the chain. */
@Injectable()
export class RecordChainProgress {
  @HandlesEvent(vsvMeldingRegistered)
  registered(event: CloudEvent<VsvMeldingRegisteredData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, 'vsv-gemeld');
  }

  @HandlesEvent(vsvMeldingCancelled)
  cancelled(event: CloudEvent<VsvMeldingCancelledData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, 'vsv-vervallen');
  }

  private async handle(event: CloudEvent, manager: EntityManager, observed: NazorgStatus): Promise<void> {
    const records = await manager.find(UitschrijvingRecord, {
      where: { pseudonymousReference: event.subject },
      lock: { mode: 'pessimistic_write' },
    });
    for (const record of records) {
      const next = nextNazorgStatus(record.nazorgStatus, observed);
      if (next !== record.nazorgStatus) await manager.update(UitschrijvingRecord, { id: record.id }, { nazorgStatus: next });
    }
  }
}
