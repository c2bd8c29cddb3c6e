import { randomUUID } from 'node:crypto';
import { createEvent, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { derivePseudonymousReference } from '@estafette/messaging';
import { ageOn } from '@estafette/calendar';
import { turns23OnFor } from '@estafette/overdracht';
import { hasStartkwalificatie, type Diploma } from '../domain/startkwalificatie.js';
import type { Contact } from '../domain/contact.js';
import type { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';
import type { SchoolSettings } from '../school-settings.js';

/**
 * With a BSN the reference is the same at every school this service hosts, so a new school's
 * inschrijving reaches the RMC task of the old school's uitschrijving; without one it is per school.
 */
export function pseudonymSource(input: { schoolId: string; studentNumber: string; bsn?: string }) {
  return input.bsn
    ? { organisationId: 'bsn', personId: input.bsn }
    : { organisationId: input.schoolId, personId: `leerlingnummer:${input.studentNumber}` };
}

export interface UitschrijvingInput {
  schoolId: string;
  schoolReference: string;
  studentNumber: string;
  bsn?: string;
  birthDate: string;
  deregistrationDate: string;
  schoolType: string;
  schoolLevel?: string;
  highestDiploma: Diploma;
  reason: string;
  exitInterviewHeld: boolean;
  municipalityOfResidence: string;
  contact?: Contact;
}

/** A new deregistration: nothing withdrawn yet (the columns default to null). */
export type NewUitschrijving = Omit<UitschrijvingRecord, 'createdAt' | 'withdrawnOn' | 'withdrawalReason'>;

/**
 * One deregistration as it is stored, and the event that announces it (minimal, pseudonymous): the birth date stays in
 * the store; the event carries the exact age at the deregistration date and the date the young person turns 23.
 */
export function uitschrijvingWithEvent(
  input: UitschrijvingInput,
  settings: SchoolSettings,
): { record: NewUitschrijving; event: CloudEvent } {
  const record: NewUitschrijving = {
    id: randomUUID(),
    schoolId: input.schoolId,
    schoolReference: input.schoolReference,
    studentNumber: input.studentNumber,
    bsn: input.bsn ?? null,
    birthDate: input.birthDate,
    deregistrationDate: input.deregistrationDate,
    schoolType: input.schoolType,
    schoolLevel: input.schoolLevel ?? null,
    highestDiploma: input.highestDiploma,
    reason: input.reason,
    exitInterviewHeld: input.exitInterviewHeld,
    municipalityOfResidence: input.municipalityOfResidence,
    // Copied field by field: only what the DTO names reaches the store.
    contact: input.contact ? pickContact(input.contact) : null,
    pseudonymousReference: derivePseudonymousReference(settings.pseudonymSecret, pseudonymSource(input)),
    hasStartkwalificatie: hasStartkwalificatie(input.highestDiploma),
    nazorgStatus: 'uitgeschreven',
  };
  const event = createEvent(uitschrijvingRegistered, {
    source: `urn:nld:${record.schoolId}:estafette-school`,
    subject: record.pseudonymousReference,
    dataref: `${settings.publicUrl}/uitschrijvingen/${record.id}`,
    data: {
      uitschrijvingId: record.id,
      school: { organisationType: 'school', id: record.schoolId },
      dateOfDeregistration: record.deregistrationDate,
      ageAtDeregistration: ageOn(record.birthDate, record.deregistrationDate),
      turns23On: turns23OnFor(record.birthDate),
      schoolType: record.schoolType as never,
      ...(record.schoolLevel ? { schoolLevel: record.schoolLevel as never } : {}),
      highestDiploma: record.highestDiploma as never,
      hasStartkwalificatie: record.hasStartkwalificatie,
      reason: record.reason as never,
      exitInterviewHeld: record.exitInterviewHeld,
      municipalityOfResidence: record.municipalityOfResidence,
    },
  });
  return { record, event };
}

function pickContact(c: Contact): Contact {
  const { firstName, lastName, phone, email, street, houseNumber, postcode, city } = c;
  const optional = Object.entries({ phone, email, street, houseNumber, postcode, city }).filter(([, v]) => v !== undefined);
  return { firstName, lastName, ...Object.fromEntries(optional) };
}
