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
import type { INestApplication } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { createKafka, EventPublisher, fromKafkaMessage, topicName } from '@estafette/messaging';
import {
  startServiceUnderTest,
  startTestIssuer,
  uniqueTopicPrefix,
  type ServiceUnderTest,
  type TestIssuer,
  kafkaAccess,
} from '@estafette/testing';
import { startOrganisations } from '../../organisations/test/support/start-organisations.js';
import { createRmcApp } from '../src/create-rmc-app.js';
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

/** The RMC as the clock-driven integration tests need it: see startRmcOnClock. */
export interface RmcOnClock {
  rmc: ServiceUnderTest<INestApplication>;
  issuer: TestIssuer;
  prefix: string;
  /** Publishes on the bus as the school (or any other service) would. */
  bus: EventPublisher;
  /** Every event seen on the `observe` topics, in arrival order. */
  onBus: CloudEvent[];
  /** A token of RMC staff: `role` in region `region` (MCxx). */
  staff(role: 'rmc-consulent' | 'rmc-coordinator', region: string, sub: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * One RMC on the real broker and database with an injected clock (`clock`), timers firing only when a test runs them
 * (the scheduler's interval is an hour), the organisation directory (offers are checked against it) and, when `observe`
 * names topics (e.g. `regieEnded.topic`), a consumer collecting their events. Call `close()` in afterAll.
 */
export async function startRmcOnClock(label: string, clock: () => Date, options: { observe?: string[] } = {}): Promise<RmcOnClock> {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: `${label}-test` });
  const bus = new EventPublisher(kafka, prefix);
  const issuer = await startTestIssuer();
  const organisations = await startOrganisations(issuer);
  const rmc = await startServiceUnderTest(label, (config) => createRmcApp({ ...config, clock }, rmcSettings(60 * 60_000), false), {
    prefix,
    issuer,
    organisations: organisations.access('rmc'),
  });
  const onBus: CloudEvent[] = [];
  let observer: Consumer | undefined;
  if (options.observe?.length) {
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    for (const topic of new Set(options.observe)) await observer.subscribe({ topic: topicName(prefix, topic), fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void onBus.push(fromKafkaMessage(message)) });
  }
  return {
    rmc,
    issuer,
    prefix,
    bus,
    onBus,
    staff: (role, region, sub) => issuer.issueToken({ role, organisationType: 'rmc', organisationId: `rmc:${region}`, sub }),
    close: async () => {
      await observer?.disconnect();
      await bus.disconnect();
      await rmc.close();
      await organisations.close();
      await issuer.close();
    },
  };
}
