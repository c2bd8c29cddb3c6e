import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toestemmingWithdrawn, type CloudEvent, type ToestemmingWithdrawnData } from '@estafette/contracts';
import { HandlesEvent, ServiceCalendar } from '@estafette/service-kit';
import { withdrawalMigrations } from './migrations.js';
import { purgeWithdrawn, type WithdrawalPurge } from './purge.js';
import { VerwijderingRecord } from './verwijdering.entity.js';

export const WITHDRAWAL_PURGES = Symbol('WITHDRAWAL_PURGES');

/** The service's consumer of toestemming.withdrawn: runs its purges and writes the purge record. */
@Injectable()
export class PurgeOnWithdrawal {
  constructor(
    @Inject(WITHDRAWAL_PURGES) private readonly purges: readonly WithdrawalPurge[],
    private readonly calendar: ServiceCalendar,
  ) {}

  @HandlesEvent(toestemmingWithdrawn)
  async withdrawn(event: CloudEvent<ToestemmingWithdrawnData>, manager: EntityManager): Promise<void> {
    await purgeWithdrawn(
      manager,
      { subject: event.subject, toestemmingId: event.data.toestemmingId, at: this.calendar.now() },
      this.purges,
    );
  }
}

/**
 * What a service adds to take part in withdrawal purges: the purge record's table (with its retention trigger) and the
 * consumer, given the service's own purges (one per category it keeps under a toestemming). Spread into the service's
 * module; the service's retention plan adds `verwijderingRetentionStatements`.
 */
export function withdrawalParts(purges: readonly WithdrawalPurge[]): {
  entities: [typeof VerwijderingRecord];
  migrations: typeof withdrawalMigrations;
  providers: Provider[];
} {
  return {
    entities: [VerwijderingRecord],
    migrations: withdrawalMigrations,
    providers: [{ provide: WITHDRAWAL_PURGES, useValue: purges }, PurgeOnWithdrawal],
  };
}
