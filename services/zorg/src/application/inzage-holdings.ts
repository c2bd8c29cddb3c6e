import type { HoldingsPart } from '@estafette/privacy';
import { ZorginformatieRecord } from '../persistence/zorginformatie.entity.js';

/** Zorg's own inzage part: the care information it recorded about the young person. */
export const careHoldings: HoldingsPart = async (manager, subject, names) => {
  const rows = await manager.find(ZorginformatieRecord, { where: { pseudonymousReference: subject }, order: { recordedAt: 'ASC' } });
  const known = await names(rows.map((r) => r.organisationId));
  return rows.map((r) => ({
    category: 'Zorginformatie',
    organisation: { id: r.organisationId, name: known[r.organisationId] ?? null },
    fields: { Soort: r.kind, Samenvatting: r.summary, Startdatum: r.startDate, 'Vastgelegd op': r.recordedAt.toISOString() },
  }));
};
