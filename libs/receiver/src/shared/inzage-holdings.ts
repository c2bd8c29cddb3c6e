import type { HoldingsPart } from '@estafette/privacy';
import { PlaatsingRecord } from '../receiving/persistence/plaatsing.entity.js';
import { VerwijzingRecord } from '../receiving/persistence/verwijzing.entity.js';
import { UitgaandeOverdrachtRecord } from '../sending/persistence/uitgaande-overdracht.entity.js';

const day = (d: Date | null) => (d ? d.toISOString() : null);

/** The inzage of a receiving service (W&I, zorg, school): every verwijzing it received about the young person. */
export const verwijzingHoldings: HoldingsPart = async (manager, subject, names) => {
  const rows = await manager.find(VerwijzingRecord, { where: { pseudonymousReference: subject }, order: { receivedAt: 'ASC' } });
  const known = await names(rows.flatMap((r) => [r.organisationId, r.fromId]));
  return rows.map((r) => ({
    category: 'Verwijzing',
    organisation: { id: r.organisationId, name: known[r.organisationId] ?? null },
    fields: {
      'Verwezen door': known[r.fromId] ? `${known[r.fromId]} (${r.fromId})` : r.fromId,
      Doel: r.purpose,
      'Reden van de overdracht': r.handoverReason,
      'Ontvangen op': day(r.receivedAt),
      Status: r.status,
      'Reden van afwijzing': r.rejectReason,
      Contactpersoon: r.contactPerson,
      'Eerste gesprek gepland op': r.firstContactPlannedOn,
      'Eerste gesprek gehouden op': r.firstContactDate,
      'Leeftijd bij verwijzing': r.ageAtOffer,
    },
  }));
};

/** Every plaatsing (work, training or care) for the young person. */
export const plaatsingHoldings: HoldingsPart = async (manager, subject, names) => {
  const rows = await manager.find(PlaatsingRecord, { where: { pseudonymousReference: subject } });
  const known = await names(rows.map((r) => r.organisationId));
  return rows.map((r) => ({
    category: 'Plaatsing',
    organisation: { id: r.organisationId, name: known[r.organisationId] ?? null },
    fields: {
      'Soort plaatsing': r.placementType,
      Startdatum: r.startDate,
      'Uren per week': r.hoursPerWeek,
      'Leeftijd bij plaatsing': r.ageAtPlacement,
      Status: r.status,
    },
  }));
};

/** Every overdracht this service offered about the young person (the sending side: RMC, W&I, zorg, school). */
export const uitgaandeOverdrachtHoldings: HoldingsPart = async (manager, subject, names) => {
  const rows = await manager.find(UitgaandeOverdrachtRecord, { where: { pseudonymousReference: subject }, order: { createdAt: 'ASC' } });
  const known = await names(rows.flatMap((r) => [r.organisationId, r.toId]));
  return rows.map((r) => ({
    category: 'Overdracht aan een andere organisatie',
    organisation: { id: r.organisationId, name: known[r.organisationId] ?? null },
    fields: {
      'Overgedragen aan': known[r.toId] ? `${known[r.toId]} (${r.toId})` : r.toId,
      Doel: r.purpose,
      'Reden van de overdracht': r.handoverReason,
      Contactpersoon: r.contactPerson,
      Status: r.status,
      'Aangeboden op': day(r.createdAt),
    },
  }));
};
