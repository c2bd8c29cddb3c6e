import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { createEvent, toestemmingWithdrawn } from '@estafette/contracts';
import { calendarDateOf } from '@estafette/calendar';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import type { Grantor } from '../domain/vocabulary.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { ToestemmingAudit } from './toestemming-audit.js';

/** Options of a withdrawal taken by someone other than the young person (a guardian's decline). */
export interface WithdrawOptions {
  /** Who took the step, for the audit; default the young person (`{ role: by, subject }`). */
  actor?: Pick<Principal, 'role' | 'subject'>;
  /** Checked on the locked row before anything changes: a reason is a 409 (a guardian declines only what waits for them). */
  refuse?: (record: ToestemmingRecord) => string | null;
}

/**
 * Effective at once: the next decision reads the row. The event tells receivers to purge what they kept;
 * nothing already published needs to be taken back.
 */
@Injectable()
export class WithdrawToestemming {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
    private readonly calendar: ServiceCalendar,
    private readonly toestemmingAudit: ToestemmingAudit,
  ) {}

  /** Withdraws consent `id` of `subject` as `by`. 404 when it is not theirs, 409 when withdrawn already or `refuse` says so. */
  async execute(subject: string, id: string, by: Grantor, options: WithdrawOptions = {}): Promise<ToestemmingRecord> {
    return this.dataSource.transaction(async (manager) => {
      // Scoped by subject: someone else's consent is simply not found.
      const record = await manager.findOne(ToestemmingRecord, { where: { id, subject }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundException(`no toestemming ${id}`);
      if (record.withdrawnAt) throw new ConflictException(`toestemming ${id} was already withdrawn`);
      const refused = options.refuse?.(record);
      if (refused) throw new ConflictException(refused);
      record.withdrawnAt = this.calendar.now();
      record.withdrawnBy = by;
      await manager.update(ToestemmingRecord, { id }, { withdrawnAt: record.withdrawnAt, withdrawnBy: by });
      await this.toestemmingAudit.append(manager, {
        toestemmingId: id,
        subject,
        action: 'ingetrokken',
        actor: options.actor ?? { role: by, subject },
      });
      await Outbox.add(
        manager,
        createEvent(toestemmingWithdrawn, {
          source: `urn:nld:${this.settings.organisationId}:estafette-toestemming`,
          subject,
          data: { toestemmingId: id, withdrawnBy: by, withdrawnOn: calendarDateOf(record.withdrawnAt) },
        }),
      );
      return record;
    });
  }
}
