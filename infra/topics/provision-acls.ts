// Applies the bus's ACLs (kafkaAcls() in libs/contracts, derived from its BUS_ACCESS table) to the broker, as its
// admin. Kafka keeps an ACL binding once however often it is created, so this runs at every provisioning.
import kafkajs, { Kafka, logLevel, type AclEntry } from 'kafkajs';
import type { AclOperation, AclRule } from '@estafette/contracts';
import type { KafkaScramUser } from '../kafka/kafka-broker.js';

// kafkajs' enums are CJS: reached through the default export in ESM.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const OPERATIONS: Record<AclOperation, number> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  create: AclOperationTypes.CREATE,
  alter: AclOperationTypes.ALTER,
  'alter-configs': AclOperationTypes.ALTER_CONFIGS,
  'describe-configs': AclOperationTypes.DESCRIBE_CONFIGS,
  delete: AclOperationTypes.DELETE,
  'idempotent-write': AclOperationTypes.IDEMPOTENT_WRITE,
};

/** The kafkajs binding of one rule: ALLOW from any host. */
export function aclEntry(rule: AclRule): AclEntry {
  return {
    resourceType: { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, cluster: AclResourceTypes.CLUSTER }[rule.resource],
    resourceName: rule.name,
    resourcePatternType: rule.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal: `User:${rule.principal}`,
    host: '*',
    operation: OPERATIONS[rule.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * Creates every rule (idempotent; never deletes one: a rule dropped from the table is removed by hand, docs/security.md).
 * `admin` must be the broker's super user: only it may change ACLs.
 */
export async function provisionAcls(
  brokers: string[],
  admin: KafkaScramUser,
  rules: AclRule[],
  opts: { log?: (line: string) => void } = {},
): Promise<void> {
  const client = new Kafka({
    clientId: 'estafette-provision-acls',
    brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', username: admin.username, password: admin.password },
  }).admin();
  await client.connect();
  try {
    await client.createAcls({ acl: rules.map(aclEntry) });
    opts.log?.(`ACLs applied: ${rules.length} rules for ${new Set(rules.map((r) => r.principal)).size} principals`);
  } finally {
    await client.disconnect();
  }
}
