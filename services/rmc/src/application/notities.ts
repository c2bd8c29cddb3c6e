import type { EntityManager } from 'typeorm';
import type { NotitieBij } from '../domain/notitie.js';
import { NotitieRecord } from '../persistence/notitie.entity.js';
import type { TaakRecord } from '../persistence/taak.entity.js';

/** Where a note goes: a contact moment of the task, or the plan van aanpak (its version at the time). */
export type NotitieTarget =
  { bij: Extract<NotitieBij, 'contactmoment'>; contactMomentId: string } | { bij: Extract<NotitieBij, 'plan'>; planVersion: number };

/**
 * Stores one note in the caller's transaction, under the task's pseudonymous reference (for the young person's inzage).
 * Nothing goes to the outbox: notes are free text and stay in the RMC's store. The length limit is the DTO's (400).
 */
export async function addNotitie(
  manager: EntityManager,
  taak: Pick<TaakRecord, 'id' | 'pseudonymousReference'>,
  target: NotitieTarget,
  tekst: string,
  by: string,
  at: Date,
): Promise<NotitieRecord> {
  const notitie = manager.create(NotitieRecord, {
    taakId: taak.id,
    pseudonymousReference: taak.pseudonymousReference,
    bij: target.bij,
    contactMomentId: target.bij === 'contactmoment' ? target.contactMomentId : null,
    planVersion: target.bij === 'plan' ? target.planVersion : null,
    tekst,
    writtenBy: by,
    writtenAt: at,
  });
  await manager.insert(NotitieRecord, notitie);
  return notitie;
}

/** A note as staff read it. */
export const notitieView = (n: NotitieRecord) => ({
  id: n.id,
  bij: n.bij,
  contactMomentId: n.contactMomentId,
  planVersion: n.planVersion,
  tekst: n.tekst,
  writtenBy: n.writtenBy,
  writtenAt: n.writtenAt,
});
