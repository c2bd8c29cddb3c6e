import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { createEvent, uitschrijvingWithdrawn, type INTREKKING_REASONS } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { UitschrijvingCorrectieRecord } from '../persistence/uitschrijving-correctie.entity.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { lockOwnUitschrijving, outcomeOf, requestKey, type CorrectieOutcome } from './correct-uitschrijving.js';

/**
 * A school withdraws one of its uitschrijvingen (the wrong student, registered twice, never left) with a reason code:
 * the record is marked withdrawn (`withdrawnOn`, `withdrawalReason`; it stays, so the school's history is whole), the
 * withdrawal is kept next to the corrections, and `uitschrijving.withdrawn` goes to the outbox, in one transaction.
 * Idempotent: the same withdrawal again answers the same (`created: false`). Errors: 404 for an id that is not the
 * caller's school's; 409 for a second withdrawal with another reason.
 */
@Injectable()
export class WithdrawUitschrijving {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  async execute(
    schoolId: string,
    uitschrijvingId: string,
    reason: (typeof INTREKKING_REASONS)[number],
    actor: Principal,
  ): Promise<CorrectieOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const record = await lockOwnUitschrijving(manager, schoolId, uitschrijvingId);
      const earlier = await manager.findOneBy(UitschrijvingCorrectieRecord, { uitschrijvingId, kind: 'intrekking' });
      if (earlier) {
        if (earlier.reason === reason) return outcomeOf(earlier, false);
        throw new ConflictException(
          `uitschrijving ${uitschrijvingId} was already withdrawn on ${earlier.correctionDate} (${earlier.reason})`,
        );
      }
      const row: Omit<UitschrijvingCorrectieRecord, 'createdAt'> = {
        id: randomUUID(),
        uitschrijvingId,
        schoolId,
        kind: 'intrekking',
        reason,
        requestKey: requestKey('intrekking', { reason }),
        changes: {},
        correctionDate: this.calendar.today(),
        recordedBy: actor.subject,
      };
      await manager.insert(UitschrijvingCorrectieRecord, row);
      await manager.update(UitschrijvingRecord, { id: record.id }, { withdrawnOn: row.correctionDate, withdrawalReason: reason });
      await Outbox.add(
        manager,
        createEvent(uitschrijvingWithdrawn, {
          source: `urn:nld:${schoolId}:estafette-school`,
          subject: record.pseudonymousReference,
          dataref: `${this.settings.publicUrl}/uitschrijvingen/${record.id}`,
          data: {
            uitschrijvingId,
            school: { organisationType: 'school', id: schoolId },
            withdrawalDate: row.correctionDate,
            reason,
          },
        }),
      );
      return outcomeOf({ ...row, createdAt: new Date() }, true);
    });
  }
}
