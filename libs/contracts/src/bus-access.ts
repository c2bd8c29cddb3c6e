/**
 * Who may do what on the bus: the one table the broker's ACLs are derived from (docs/security.md, "Kafka principals
 * and ACLs"). Per service: the event types it publishes (hence the topics it may write) and the event types it
 * consumes (hence the topics it may read, and the dead-letter topics of those it may write). Source: design (issue 17).
 */
import type { EventDefinition } from './cloud-event.js';
import { auditAnchored } from './events/audit.js';
import { inschrijvingRegistered } from './events/inschrijving.js';
import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
} from './events/overdracht.js';
import { plaatsingFollowUpChecked, plaatsingPlaced } from './events/plaatsing.js';
import { regieEnded } from './events/regie.js';
import { toestemmingGiven, toestemmingWithdrawn } from './events/toestemming.js';
import { uitschrijvingRegistered } from './events/uitschrijving.js';
import { uitschrijvingCorrected, uitschrijvingWithdrawn } from './events/uitschrijving-correctie.js';
import { uitvalNaPlaatsingRegistered } from './events/uitval-na-plaatsing.js';
import {
  vsvMeldingBuitenBeeld,
  vsvMeldingCancelled,
  vsvMeldingFirstContactOverdue,
  vsvMeldingPeriodicContactOverdue,
  vsvMeldingRegistered,
} from './events/vsv-melding.js';
import { topicFor } from './event-definitions.js';

/** What one service may do on the bus. */
export interface BusAccess {
  /** The service's name (services/<name>); its principal is `estafette-<name>`, its consumer groups start with it too. */
  service: string;
  produces: readonly EventDefinition[];
  consumes: readonly EventDefinition[];
  /** The monitor: reads every topic and dead-letter topic, describes every group (consumer lag); writes nothing. */
  readsEverything?: boolean;
}

// Either side of an overdracht: an organisation that sends offers also answers offers made to it.
const offering = [overdrachtOffered, overdrachtWithdrawn, overdrachtExpired];
const answering = [overdrachtAccepted, overdrachtRejected, overdrachtFirstContactHeld, overdrachtFirstContactMissed];
const placing = [plaatsingPlaced, plaatsingFollowUpChecked, uitvalNaPlaatsingRegistered];
const vsvMelding = [
  vsvMeldingRegistered,
  vsvMeldingCancelled,
  vsvMeldingFirstContactOverdue,
  vsvMeldingBuitenBeeld,
  vsvMeldingPeriodicContactOverdue,
];
const uitschrijving = [uitschrijvingRegistered, uitschrijvingCorrected, uitschrijvingWithdrawn];
// The shared receiver (libs/receiver) in school, rmc, werk-inkomen and zorg.
const receiving = [...offering, ...answering, ...placing];
// W&I and zorg: receivers of offers that also offer back (to the RMC) and place young people.
/** Every receiver (libs/receiver) purges what it holds under a withdrawn toestemming (docs/privacy.md, Intrekking). */
const withdrawals = [toestemmingWithdrawn];
const placingReceiver: Pick<BusAccess, 'produces' | 'consumes'> = {
  produces: [...offering, ...answering, ...placing],
  consumes: [...receiving, ...withdrawals],
};

export const BUS_ACCESS: readonly BusAccess[] = [
  {
    service: 'school',
    produces: [...uitschrijving, inschrijvingRegistered, ...offering, ...answering],
    consumes: [vsvMeldingRegistered, vsvMeldingCancelled, ...receiving, ...withdrawals],
  },
  {
    service: 'rmc',
    produces: [...vsvMelding, regieEnded, ...offering, ...answering],
    consumes: [...uitschrijving, inschrijvingRegistered, ...receiving, ...withdrawals],
  },
  { service: 'werk-inkomen', ...placingReceiver },
  { service: 'zorg', ...placingReceiver },
  // Reads its own audit anchors back from the bus (AnchorReader): the broker's log is outside its database.
  {
    service: 'consent',
    produces: [toestemmingGiven, toestemmingWithdrawn, auditAnchored],
    consumes: [uitschrijvingRegistered, inschrijvingRegistered, auditAnchored],
  },
  { service: 'monitor', produces: [], consumes: [], readsEverything: true },
  // Runs the service kit's messaging (health checks the broker) but publishes and consumes nothing.
  { service: 'organisations', produces: [], consumes: [] },
];

/** The broker's own principal (inter-broker traffic, ACL changes); the only super user. */
export const KAFKA_ADMIN_PRINCIPAL = 'estafette-admin';
/** Tooling: topic provisioning and dead-letter replay (reads and writes every topic of the platform). */
export const KAFKA_OPS_PRINCIPAL = 'estafette-ops';

/** The SCRAM principal (user name) of a service: `estafette-<service>`. */
export function kafkaPrincipalOf(service: string): string {
  return `estafette-${service}`;
}

/** Every principal the broker must know: admin, ops and one per service in BUS_ACCESS. */
export const KAFKA_PRINCIPALS: readonly string[] = [
  KAFKA_ADMIN_PRINCIPAL,
  KAFKA_OPS_PRINCIPAL,
  ...BUS_ACCESS.map((a) => kafkaPrincipalOf(a.service)),
];

/** The platform secret holding a principal's password, e.g. `KAFKA_PASSWORD_ESTAFETTE_WERK_INKOMEN`. */
export function kafkaPasswordSecretName(principal: string): string {
  return `KAFKA_PASSWORD_${principal.toUpperCase().replace(/-/g, '_')}`;
}

/** The SASL mechanism every client and the broker use. */
export const KAFKA_SASL_MECHANISM = 'scram-sha-512';

export type AclResource = 'topic' | 'group' | 'cluster';
export type AclOperation =
  'read' | 'write' | 'describe' | 'create' | 'alter' | 'alter-configs' | 'describe-configs' | 'delete' | 'idempotent-write';

/** One ALLOW rule (the broker denies everything not allowed: allow.everyone.if.no.acl.found=false). */
export interface AclRule {
  principal: string;
  resource: AclResource;
  /** For `cluster` always `kafka-cluster`. */
  name: string;
  pattern: 'literal' | 'prefixed';
  operation: AclOperation;
}

/** The topics (unprefixed) a service may write: those of its types, and the dead-letter topics of what it consumes. */
export function topicsWrittenBy(access: BusAccess): string[] {
  const own = access.produces.map((d) => topicFor(d.type).name);
  const deadLetters = access.consumes.map((d) => topicFor(d.type).deadLetterTopic);
  return [...new Set([...own, ...deadLetters])].sort();
}

/** The topics (unprefixed) a service may read: those of the types it consumes. */
export function topicsReadBy(access: BusAccess): string[] {
  return [...new Set(access.consumes.map((d) => topicFor(d.type).name))].sort();
}

/** The services that publish some type on a topic (unprefixed name). */
export function producersOfTopic(topic: string): string[] {
  return BUS_ACCESS.filter((a) => a.produces.some((d) => d.topic === topic)).map((a) => a.service);
}

/** The services that publish an event type. */
export function producersOf(type: string): string[] {
  return BUS_ACCESS.filter((a) => a.produces.some((d) => d.type === type)).map((a) => a.service);
}

/**
 * Pure: every ALLOW rule for a platform whose topics and groups carry `prefix` (KAFKA_TOPIC_PREFIX; '' in production).
 * Services: write/read exactly their topics (above), their own consumer groups (prefixed `<prefix>estafette-<service>`).
 * Monitor: reads every topic and describes every group. Ops: creates, configures, reads and writes every topic,
 * reads and describes every group. The admin needs no rule (super user).
 */
export function kafkaAcls(prefix = ''): AclRule[] {
  const rules: AclRule[] = [];
  const topic = (principal: string, name: string, pattern: AclRule['pattern'], ...operations: AclOperation[]) =>
    operations.forEach((operation) => rules.push({ principal, resource: 'topic', name, pattern, operation }));
  const group = (principal: string, name: string, pattern: AclRule['pattern'], ...operations: AclOperation[]) =>
    operations.forEach((operation) => rules.push({ principal, resource: 'group', name, pattern, operation }));
  const everyTopic = `${prefix}estafette.`;
  const everyGroup = `${prefix}estafette-`;
  for (const access of BUS_ACCESS) {
    const principal = kafkaPrincipalOf(access.service);
    for (const name of topicsWrittenBy(access)) topic(principal, prefix + name, 'literal', 'write', 'describe');
    for (const name of topicsReadBy(access)) topic(principal, prefix + name, 'literal', 'read', 'describe');
    if (access.readsEverything) {
      topic(principal, everyTopic, 'prefixed', 'read', 'describe');
      group(principal, everyGroup, 'prefixed', 'describe');
    }
    group(principal, `${prefix}${kafkaPrincipalOf(access.service)}`, 'prefixed', 'read');
    // Every service's outbox relay opens an idempotent producer (a producer id), whether or not it ever writes.
    rules.push({ principal, resource: 'cluster', name: 'kafka-cluster', pattern: 'literal', operation: 'idempotent-write' });
  }
  rules.push({
    principal: KAFKA_OPS_PRINCIPAL,
    resource: 'cluster',
    name: 'kafka-cluster',
    pattern: 'literal',
    operation: 'idempotent-write',
  });
  topic(KAFKA_OPS_PRINCIPAL, everyTopic, 'prefixed', 'create', 'alter', 'alter-configs', 'describe', 'describe-configs', 'read', 'write');
  // Ops tooling (and tests acting as it) may use any group name: reading a dead-letter topic needs one.
  group(KAFKA_OPS_PRINCIPAL, '*', 'literal', 'read', 'describe');
  return rules;
}
