import type { HoldingsPart } from '@estafette/privacy';
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
        Contactgegevens: r.contact ? JSON.stringify(r.contact) : null,
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
