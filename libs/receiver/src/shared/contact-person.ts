import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordAccess, type AccessBasis, type Principal, type Role } from '@estafette/auth';

export interface Party {
  organisationType: string;
  id: string;
}

export interface ContactPersonView {
  organisation: Party;
  contactPerson: string | null;
}

/** Staff of every organisation that sends or receives handovers; the check below narrows it to the two parties. */
export const CONTACT_READERS: [Role, ...Role[]] = ['school-staff', 'rmc-consulent', 'rmc-coordinator', 'wi-consulent', 'zorg-consulent'];

/**
 * The named contact person of one side of an overdracht, for the two parties only. A staff member's work
 * contact is not the young person's personal data, so no consent gate *(design)*; but it reveals who works
 * on this young person, so it is scoped to the parties of this handover and every read is logged.
 * Anyone else gets the same 404 as for an unknown id.
 */
export async function readContactPerson(
  manager: EntityManager,
  reader: Principal,
  parties: { own: Party; counterparty: Party; pseudonymousReference: string; contactPerson: string | null; resource: string },
): Promise<ContactPersonView> {
  const is = (p: Party) => reader.organisationType === p.organisationType && reader.organisationId === p.id;
  const basis: AccessBasis | undefined = is(parties.own)
    ? 'own-organisation'
    : is(parties.counterparty)
      ? 'legal-basis:partij-in-overdracht'
      : undefined;
  if (!basis) throw new NotFoundException(`no ${parties.resource} for your organisation`);
  await recordAccess(manager, reader, {
    subject: parties.pseudonymousReference,
    resource: parties.resource,
    basis,
    purpose: 'warme-overdracht',
  });
  return { organisation: parties.own, contactPerson: parties.contactPerson };
}
