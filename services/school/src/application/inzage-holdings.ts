import type { HoldingsPart, InzageValue } from '@estafette/privacy';
import type { Contact } from '../domain/contact.js';
import { InschrijvingRecord } from '../persistence/inschrijving.entity.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';

/** The school's inzage part: every uitschrijving and inschrijving about the young person, every field the school keeps. */
export const schoolHoldings: HoldingsPart = async (manager, subject, names) => {
  const uit = await manager.find(UitschrijvingRecord, { where: { pseudonymousReference: subject }, order: { createdAt: 'ASC' } });
  const inn = await manager.find(InschrijvingRecord, { where: { pseudonymousReference: subject }, order: { createdAt: 'ASC' } });
  const known = await names([...uit, ...inn].map((r) => r.schoolId));
  const school = (id: string) => ({ id, name: known[id] ?? null });
  return [
    ...uit.map((r) => ({
      category: 'Uitschrijving van school',
      organisation: school(r.schoolId),
      fields: {
        BSN: r.bsn,
        Leerlingnummer: r.studentNumber,
        Geboortedatum: r.birthDate,
        'Datum uitschrijving': r.deregistrationDate,
        Schoolsoort: r.schoolType,
        Niveau: r.schoolLevel,
        'Hoogste diploma': r.highestDiploma,
        Startkwalificatie: r.hasStartkwalificatie,
        'Reden van uitschrijving': r.reason,
        'Exitgesprek gehouden': r.exitInterviewHeld,
        Woongemeente: r.municipalityOfResidence,
        ...contactFields(r.contact),
        'Stand van de nazorg': r.nazorgStatus,
        'Ingetrokken op': r.withdrawnOn,
        'Reden van intrekking': r.withdrawalReason,
      },
    })),
    ...inn.map((r) => ({
      category: 'Inschrijving op school',
      organisation: school(r.schoolId),
      fields: {
        BSN: r.bsn,
        Leerlingnummer: r.studentNumber,
        Geboortedatum: r.birthDate,
        'Datum inschrijving': r.enrolmentDate,
        Schoolsoort: r.schoolType,
        Niveau: r.schoolLevel,
        Woongemeente: r.municipalityOfResidence,
      },
    })),
  ];
};

/** The contact data as separate plain Dutch fields, so the inzage reads as a document rather than as code. */
function contactFields(contact: Contact | null): Record<string, InzageValue> {
  if (!contact) return { Contactgegevens: null };
  const address = [
    [contact.street, contact.houseNumber].filter(Boolean).join(' '),
    [contact.postcode, contact.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
  return {
    Naam: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    Telefoon: contact.phone ?? null,
    'E-mail': contact.email ?? null,
    Adres: address || null,
  };
}
