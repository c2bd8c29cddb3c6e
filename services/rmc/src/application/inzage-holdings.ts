import { In } from 'typeorm';
import type { HoldingsPart } from '@estafette/privacy';
import { ContactMomentRecord } from '../persistence/contact-moment.entity.js';
import { NotitieRecord } from '../persistence/notitie.entity.js';
import { PlanVanAanpakVersieRecord } from '../persistence/plan-van-aanpak.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';

/** The RMC's inzage part: its tasks (vsv registration) with their contact moments, plan van aanpak versions and notes. */
export const rmcHoldings: HoldingsPart = async (manager, subject, names) => {
  const taken = await manager.find(TaakRecord, { where: { pseudonymousReference: subject }, order: { createdAt: 'ASC' } });
  const ids = taken.map((t) => t.id);
  const [moments, plans, notes] = ids.length
    ? await Promise.all([
        manager.find(ContactMomentRecord, { where: { taakId: In(ids) }, order: { at: 'ASC' } }),
        manager.find(PlanVanAanpakVersieRecord, { where: { taakId: In(ids) }, order: { version: 'ASC' } }),
        manager.find(NotitieRecord, { where: { taakId: In(ids) }, order: { writtenAt: 'ASC' } }),
      ])
    : [[], [], []];
  const known = await names(taken.flatMap((t) => [`rmc:${t.region}`, t.schoolId]));
  const rmc = (t: TaakRecord) => ({ id: `rmc:${t.region}`, name: known[`rmc:${t.region}`] ?? null });
  const taakOf = new Map(taken.map((t) => [t.id, t]));
  return [
    ...taken.map((t) => ({
      category: 'Registratie bij het RMC (taak)',
      organisation: rmc(t),
      fields: {
        School: known[t.schoolId] ? `${known[t.schoolId]} (${t.schoolId})` : t.schoolId,
        Woongemeente: t.municipality,
        'Leeftijd bij registratie': t.ageAtRegistration,
        Registratiedatum: t.registrationDate,
        'Eerste contact uiterlijk': t.firstContactDueDate,
        'Eerste contact op': t.firstContactAt ? t.firstContactAt.toISOString() : null,
        Status: t.status,
        'Reden van afsluiten': t.closeReason,
        'Buiten beeld': t.buitenBeeld,
        'Wordt 23 op': t.turns23On,
      },
    })),
    ...moments.map((m) => ({
      category: 'Contactmoment',
      organisation: rmc(taakOf.get(m.taakId)!),
      fields: { Wanneer: m.at.toISOString(), Soort: m.kind, Kanaal: m.channel, Uitkomst: m.outcome },
    })),
    ...plans.map((p) => ({
      category: 'Plan van aanpak',
      organisation: rmc(taakOf.get(p.taakId)!),
      fields: {
        Versie: p.version,
        Doelen: p.goals,
        Afspraken: p.agreements,
        'Volgende stap': p.nextStep,
        'Volgende stap op': p.nextStepOn,
        'Gewijzigd op': p.changedAt.toISOString(),
      },
    })),
    ...notes.map((n) => ({
      category: 'Notitie',
      organisation: rmc(taakOf.get(n.taakId)!),
      fields: { 'Geschreven op': n.writtenAt.toISOString(), Tekst: n.tekst },
    })),
  ];
};
