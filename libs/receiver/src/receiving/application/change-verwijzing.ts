import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { OverdrachtTransitionError, PlacementRuleError } from '@estafette/overdracht';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';

/**
 * Loads one referral of the caller's organisation under a row lock and runs the change in the same
 * transaction as its outbox event. Another organisation's referral is simply "not found".
 */
export function changeVerwijzing<T>(
  dataSource: DataSource,
  organisationId: string,
  overdrachtId: string,
  change: (referral: VerwijzingRecord, manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const referral = await manager.findOne(VerwijzingRecord, {
      where: { overdrachtId, organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!referral) throw new NotFoundException(`no verwijzing ${overdrachtId} for your organisation`);
    try {
      return await change(referral, manager);
    } catch (error) {
      if (error instanceof OverdrachtTransitionError) throw new ConflictException(error.message);
      if (error instanceof PlacementRuleError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  });
}
