import { In, type EntityManager } from 'typeorm';
import type { OverdrachtStatus } from '@estafette/overdracht';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';

/** Accepted and not yet placed (receiverHolds without geplaatst): the receiver holds the baton and owes the young person a next step. */
const HOLDING: OverdrachtStatus[] = ['geaccepteerd', 'eerste-contact-gehad', 'eerste-contact-gemist'];

/**
 * The verwijzing through which this organisation holds the baton for this young person (accepted, not yet placed),
 * the latest if there are several; null when it holds none. A school uses it to name, on an inschrijving, the
 * overdracht the enrolment completes.
 */
export function heldVerwijzing(
  manager: EntityManager,
  organisationId: string,
  pseudonymousReference: string,
): Promise<VerwijzingRecord | null> {
  return manager.findOne(VerwijzingRecord, {
    where: { organisationId, pseudonymousReference, status: In(HOLDING) },
    order: { receivedAt: 'DESC' },
  });
}
