import { createHash } from 'node:crypto';
import { defineEvent } from '../define-event.js';
import { exampleSources, exampleTraceparent } from '../example-values.js';
import { dateTime } from '../fields.js';
import type { FromSchema } from '../schema-types.js';

/** The consent service's hash-chained logs whose heads are anchored on the bus (services/consent README, Audit log). */
export const AUDIT_CHAINS = ['decision-audit', 'toestemming-audit'] as const;
export type AuditChainName = (typeof AUDIT_CHAINS)[number];

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The CloudEvent subject (and so the Kafka key) of one chain's anchors: a fixed reference per chain, derived from its
 * name, not a person. One key keeps a chain's anchors in order on one partition. Shape: `pr_` + 26 Crockford base32.
 */
export function auditChainSubject(chain: AuditChainName): string {
  const digest = createHash('sha256').update(`estafette-audit-chain:${chain}`).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += CROCKFORD[digest[i]! % 32];
  return `pr_${out}`;
}

export const auditAnchoredSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['chain', 'sequence', 'headHash', 'anchoredAt'],
  properties: {
    chain: { type: 'string', enum: AUDIT_CHAINS },
    // The head's sequence number; 0 for a chain without entries.
    sequence: { type: 'integer', minimum: 0 },
    // The head entry's keyed hash (HMAC-SHA-256, hex): only the holder of the key can make one that fits.
    headHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    anchoredAt: dateTime,
  },
} as const;

export type AuditAnchoredData = FromSchema<typeof auditAnchoredSchema>;

export const auditAnchored = defineEvent({
  domain: 'audit',
  action: 'anchored',
  version: 1,
  description:
    "The head of one of the consent service's audit chains, after it verified: kept outside its database (the bus, the monitor), so a rewrite or a cut-off tail of the database copy is detected. No personal content.",
  schema: auditAnchoredSchema,
  example: {
    id: '0d5f3b9a-6e21-4c87-b4a0-2f9e7c1d8a53',
    source: exampleSources.toestemming,
    time: '2026-03-02T10:05:00+01:00',
    subject: auditChainSubject('decision-audit'),
    traceparent: exampleTraceparent,
    data: {
      chain: 'decision-audit',
      sequence: 48213,
      headHash: '9c4e1f7a2b8d3e6f0a5c9b1d4e7f2a8c3b6d9e0f1a4c7b2e5d8f3a6c9b0e1d4f',
      anchoredAt: '2026-03-02T10:05:00+01:00',
    },
  },
});
