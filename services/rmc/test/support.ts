export { pseudonym } from '@estafette/testing';
import { addDays, today } from '@estafette/calendar';
import {
  createEvent,
  DEFAULT_REGION_MAP_FILE,
  inschrijvingRegistered,
  uitschrijvingRegistered,
  type CloudEvent,
} from '@estafette/contracts';
import { randomUUID } from 'node:crypto';
export { eventually } from '@estafette/testing';
import { loadRegionMap, type RmcSettings } from '../src/rmc-settings.js';

export const regionMap = loadRegionMap(DEFAULT_REGION_MAP_FILE);

export function rmcSettings(timerIntervalMs: number): RmcSettings {
  return { regionMap, timerIntervalMs, publicUrl: 'http://rmc.test' };
}

/** The Amsterdam date `n` days before today. */
export const daysAgo = (n: number) => addDays(today(), -n);

/** An uitschrijving as the school service publishes it. */
export function uitschrijving(
  subject: string,
  overrides: Partial<{
    age: number;
    diploma: string;
    startkwalificatie: boolean;
    date: string;
    municipality: string;
    turns23On: string;
  }> = {},
): CloudEvent {
  const example = uitschrijvingRegistered.example;
  const uitschrijvingId = randomUUID();
  return createEvent(uitschrijvingRegistered, {
    source: example.source,
    subject,
    // On the school's origin in the test directory (TEST_ORGANISATION_DIRECTORY), naming this uitschrijving.
    dataref: `http://school.test/uitschrijvingen/${uitschrijvingId}`,
    data: {
      ...example.data,
      uitschrijvingId,
      ageAtDeregistration: overrides.age ?? 17,
      highestDiploma: (overrides.diploma ?? 'vmbo-kb') as never,
      hasStartkwalificatie: overrides.startkwalificatie ?? false,
      dateOfDeregistration: overrides.date ?? daysAgo(0),
      municipalityOfResidence: overrides.municipality ?? 'GM0363',
      ...(overrides.turns23On ? { turns23On: overrides.turns23On } : {}),
    },
  });
}

export function inschrijving(subject: string, date = daysAgo(0)): CloudEvent {
  const example = inschrijvingRegistered.example;
  return createEvent(inschrijvingRegistered, {
    source: example.source,
    subject,
    data: { ...example.data, inschrijvingId: randomUUID(), dateOfEnrolment: date },
  });
}
