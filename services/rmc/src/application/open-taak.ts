import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { startOfDay } from '@estafette/calendar';
import { earliestTurns23On, prepareWiHandoverBy } from '@estafette/overdracht';
import type { ServiceCalendar } from '@estafette/service-kit';
import { firstContactDue } from '../domain/first-contact.js';
import type { RoutedRegion } from '../domain/region-routing.js';
import { teamFor } from '../domain/vsv-decision.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { TimerRecord } from '../persistence/timer.entity.js';

export interface ReturningYoungPerson {
  pseudonymousReference: string;
  region: string;
  settings: RoutedRegion['settings'];
  /** The event that brought the young person back (an uitval, or an accepted overdracht): the task's origin id. */
  originId: string;
  municipality: string;
  age: number;
  /** Date the age holds on (for the run-up to 23 when no turns23On is known). */
  ageOn: string;
  /** The date the young person turns 23, when the event that brought them back said so. */
  turns23On?: string | null;
  herkomst: Omit<TaakHerkomstRecord, 'taakId' | 'previousTaakId'>;
  /** The task this one follows; when not given, the young person's latest task in the region. */
  previousTaakId?: string | null;
}

/**
 * A young person comes back to the RMC (uitval na plaatsing, or W&I handing back): a new task in the
 * region, registered today (the service's Amsterdam date, from `calendar`), linked to the last task of this
 * young person there, with the same timers as a task from a vsv-melding (first contact overdue, the run-up to 23).
 */
export async function openReturningTaak(
  manager: EntityManager,
  back: ReturningYoungPerson,
  calendar: ServiceCalendar,
): Promise<TaakRecord> {
  const previousTaak =
    back.previousTaakId !== undefined
      ? back.previousTaakId
        ? await manager.findOneBy(TaakRecord, { id: back.previousTaakId })
        : null
      : await manager.findOne(TaakRecord, {
          where: { pseudonymousReference: back.pseudonymousReference, region: back.region },
          order: { registrationDate: 'DESC' },
        });
  const registrationDate = calendar.today();
  const firstContact = firstContactDue(registrationDate, back.settings.firstContactWorkingDays, calendar.holidayRules('rmc'));
  const firstContactDueDate = firstContact.dueDate;
  const turns23On = back.turns23On ?? previousTaak?.turns23On ?? earliestTurns23On(back.age, back.ageOn);
  const taak = manager.create(TaakRecord, {
    id: randomUUID(),
    pseudonymousReference: back.pseudonymousReference,
    region: back.region,
    team: teamFor(back.age),
    // The column records the event that opened the task; for a returning young person that is the uitval or the overdracht.
    uitschrijvingId: back.originId,
    schoolId: previousTaak?.schoolId ?? 'onbekend',
    schoolDataref: previousTaak?.schoolDataref ?? null,
    municipality: back.municipality,
    ageAtRegistration: back.age,
    registrationDate,
    gracePeriodEndDate: registrationDate,
    firstContactDueDate,
    turns23On,
    status: 'nieuw',
  });
  await manager.insert(TaakRecord, taak);
  await manager.insert(TimerRecord, taakTimers(taak.id, firstContact.timerDueAt, turns23On, back.settings.wiHandoverLeadMonths));
  await manager.insert(TaakHerkomstRecord, { taakId: taak.id, previousTaakId: previousTaak?.id ?? null, ...back.herkomst });
  return taak;
}

/**
 * The durable timers of every task: the first contact's deadline (`firstContactDueAt`, an instant), the run-up to 23
 * (`wiHandoverLeadMonths` before it, at the start of that Amsterdam day) and the 23rd birthday itself (start of that day),
 * when the RMC's part ends. Source: RMC-wet (12 to 23); lead time per region is design (rmc-regions.json).
 */
export function taakTimers(taakId: string, firstContactDueAt: Date, turns23On: string, wiHandoverLeadMonths: number) {
  return [
    { taakId, kind: 'first-contact-due' as const, dueAt: firstContactDueAt },
    { taakId, kind: 'prepare-wi-handover' as const, dueAt: startOfDay(prepareWiHandoverBy(turns23On, wiHandoverLeadMonths)) },
    { taakId, kind: 'turns-23' as const, dueAt: startOfDay(turns23On) },
  ];
}
