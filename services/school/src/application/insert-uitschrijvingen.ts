import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import type { NewUitschrijving } from './uitschrijving-with-event.js';

export interface InsertOutcome {
  id: string;
  created: boolean;
}

/**
 * Inserts one school's deregistrations in the caller's transaction, each new one with its outbox event.
 * A schoolReference that exists (or repeats within the batch) creates nothing and answers the first record's id.
 * Outcomes are in input order.
 */
export async function insertUitschrijvingen(
  manager: EntityManager,
  schoolId: string,
  items: { record: NewUitschrijving; event: CloudEvent }[],
): Promise<InsertOutcome[]> {
  if (items.length === 0) return [];
  const firstOfReference = new Map<string, (typeof items)[number]>();
  for (const item of items) if (!firstOfReference.has(item.record.schoolReference)) firstOfReference.set(item.record.schoolReference, item);
  const candidates = [...firstOfReference.values()];
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(UitschrijvingRecord)
    .values(candidates.map((c) => c.record))
    .orIgnore()
    .returning(['id'])
    // Otherwise TypeORM writes the returned ids back by position, and with skipped rows the positions shift.
    .updateEntity(false)
    .execute();
  const insertedIds = new Set((inserted.raw as { id: string }[]).map((r) => r.id));
  await Outbox.addAll(
    manager,
    candidates.filter((c) => insertedIds.has(c.record.id)).map((c) => c.event),
  );

  const idOfReference = new Map(candidates.filter((c) => insertedIds.has(c.record.id)).map((c) => [c.record.schoolReference, c.record.id]));
  const existingRefs = candidates.filter((c) => !insertedIds.has(c.record.id)).map((c) => c.record.schoolReference);
  if (existingRefs.length > 0) {
    const existing = await manager.find(UitschrijvingRecord, {
      select: { id: true, schoolReference: true },
      where: { schoolId, schoolReference: In(existingRefs) },
    });
    for (const e of existing) idOfReference.set(e.schoolReference, e.id);
  }
  return items.map((item) => {
    const id = idOfReference.get(item.record.schoolReference);
    if (!id) throw new Error(`schoolReference ${item.record.schoolReference} neither inserted nor found`);
    return { id, created: id === item.record.id };
  });
}
