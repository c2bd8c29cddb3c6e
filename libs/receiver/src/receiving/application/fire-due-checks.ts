import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimDueTimers, ServiceCalendar } from '@estafette/service-kit';
import { FollowUpCheckRecord } from '../persistence/follow-up-check.entity.js';

/**
 * Puts follow-up checks whose time has come on the worklist, each exactly once: fired_at is set under
 * a row lock, and SKIP LOCKED lets several instances share the work without doubling it.
 */
@Injectable()
export class FireDueChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** `now`: the service's clock unless a test moves time on. */
  run(now = this.calendar.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTimers(manager, FollowUpCheckRecord, now, 't.done_at IS NULL');
      for (const check of due) await manager.update(FollowUpCheckRecord, { id: check.id }, { firedAt: now });
      return due.length;
    });
  }
}
