import { In } from 'typeorm';
import type { HoldingsPart } from '@estafette/privacy';
import { VerwijzingRecord } from '@estafette/receiver';
import { ZoekperiodeRecord } from '../persistence/zoekperiode.entity.js';

/** W&I's own inzage part: the zoekperiode of each of the young person's verwijzingen. */
export const zoekperiodeHoldings: HoldingsPart = async (manager, subject, names) => {
  const referrals = await manager.find(VerwijzingRecord, { select: { overdrachtId: true }, where: { pseudonymousReference: subject } });
  if (!referrals.length) return [];
  const rows = await manager.find(ZoekperiodeRecord, { where: { overdrachtId: In(referrals.map((r) => r.overdrachtId)) } });
  const known = await names(rows.map((r) => r.organisationId));
  return rows.map((r) => ({
    category: 'Zoekperiode',
    organisation: { id: r.organisationId, name: known[r.organisationId] ?? null },
    fields: { 'Einde zoekperiode': r.endDate, 'Vrijstelling of reden': r.waiver },
  }));
};
