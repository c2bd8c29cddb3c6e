export { eventually, pseudonym } from '@estafette/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createEvent,
  inschrijvingRegistered,
  overdrachtOffered,
  overdrachtRejected,
  regieEnded,
  uitschrijvingRegistered,
  vsvMeldingRegistered,
  type CloudEvent,
  type EventDefinition,
} from '@estafette/contracts';
import { messagingEntities, messagingMigrations } from '@estafette/messaging';
import type { ServiceConfig } from '@estafette/service-kit';
import type { TestDatabase, TestIssuer } from '@estafette/testing';
import { kafkaAccess, serviceKafka } from '@estafette/testing';

export function monitorConfig(db: TestDatabase, issuer: TestIssuer, prefix: string): ServiceConfig {
  return {
    name: 'monitor',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.url,
    migrationUrl: db.ownerUrl,
    ...serviceKafka('monitor'),
    // Replays go out as the ops principal, as with npm start (the monitor's own principal writes nothing).
    ...(kafkaAccess().sasl ? { kafkaOpsSasl: kafkaAccess().sasl! } : {}),
    topicPrefix: prefix,
    oidcIssuer: issuer.issuer,
    oidcAudience: issuer.audience,
    oidcJwksUrl: issuer.jwksUrl,
  };
}

/** An event built from the contract's example, for another person, with fresh ids and the given data overrides. */
export function event<T>(definition: EventDefinition<T>, subject: string, data: Partial<Record<string, unknown>> = {}): CloudEvent {
  const example = definition.example;
  return createEvent(definition as EventDefinition<unknown>, {
    source: example.source,
    subject,
    ...(example.dataref ? { dataref: example.dataref } : {}),
    data: { ...(example.data as object), ...data },
  });
}

export const uitschrijving = (subject: string) => event(uitschrijvingRegistered, subject, { uitschrijvingId: randomUUID() });
export const inschrijving = (subject: string) => event(inschrijvingRegistered, subject, { inschrijvingId: randomUUID() });
export const vsvMelding = (subject: string, rmcRegion: string) =>
  event(vsvMeldingRegistered, subject, { vsvMeldingId: randomUUID(), rmcRegion });
/** The RMC of `rmcRegion` ends its responsibility (the reducer accepts it only from the holder). */
export const regieEnd = (subject: string, rmcRegion: string, reason: string, endedOn: string) =>
  event(regieEnded, subject, { endedBy: { organisationType: 'rmc', id: `rmc:${rmcRegion}` }, reason, endedOn });
/** An offer that names no region: the monitor finds it through the person's vsv-melding. */
export const offer = (subject: string) => event(overdrachtOffered, subject, { overdrachtId: randomUUID() });
export const rejection = (subject: string) => event(overdrachtRejected, subject, { overdrachtId: randomUUID() });

/** A database with just the inbox/outbox tables: enough for a real EventConsumer that another service would run. */
export async function inboxDataSource(db: TestDatabase): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.ownerUrl, // migrates its own tables
    entities: [...messagingEntities],
    migrations: [...messagingMigrations],
    migrationsRun: true,
    logging: false,
  });
  return dataSource.initialize();
}

/** Field names that would identify a person (or hold their pseudonym); none may appear in a monitor response. */
export const PERSONAL_FIELD_NAMES = [
  'subject',
  'pseudonymousReference',
  'pseudonym',
  'key',
  'recordKey',
  'value',
  'recordValue',
  'data',
  'bsn',
  'name',
  'firstName',
  'lastName',
  'birthDate',
  'dateOfBirth',
  'email',
  'phone',
  'address',
  'postcode',
];
const PSEUDONYM = /pr_[0-9A-Z]{26}/;

/** Every place in a JSON document where a person could be identified: personal field names and pseudonym values. */
export function personalFindings(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return PSEUDONYM.test(value) ? [`${path}: pseudonym in value`] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => personalFindings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, child]) => [
      ...(PERSONAL_FIELD_NAMES.includes(name) || PSEUDONYM.test(name) ? [`${path}.${name}: personal field`] : []),
      ...personalFindings(child, `${path}.${name}`),
    ]);
  }
  return [];
}
