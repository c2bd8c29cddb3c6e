import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { startOfDay } from '@estafette/calendar';
import type { ServiceCalendar } from '@estafette/service-kit';
import { firstContactDue } from '../domain/first-contact.js';
import type { RoutedRegion } from '../domain/region-routing.js';
import { prepareWiHandoverOn, teamFor } from '../domain/vsv-decision.js';
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
  /** Date the age holds on, for the run-up to 23. */
  ageOn: string;
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
    status: 'nieuw',
  });
  await manager.insert(TaakRecord, taak);
  await manager.insert(TimerRecord, [
    { taakId: taak.id, kind: 'first-contact-due', dueAt: firstContact.timerDueAt },
    {
      taakId: taak.id,
      kind: 'prepare-wi-handover',
      dueAt: startOfDay(prepareWiHandoverOn(back.age, back.ageOn, back.settings.wiHandoverLeadMonths)),
    },
  ]);
  await manager.insert(TaakHerkomstRecord, { taakId: taak.id, previousTaakId: previousTaak?.id ?? null, ...back.herkomst });
  return taak;
}
