import { SERVICE_CLIENT_KINDS, type ServiceClientKind } from '@estafette/contracts';
import { derivePseudonymousReference } from '@estafette/messaging';

/** Seeded demo organisations, people and machine clients of the development provider. Never used in production. */
export interface DemoUser {
  username: string;
  role: string;
  organisationType: string;
  organisationId?: string;
  /** The token subject; for the young person their pseudonymous reference. */
  subject: string;
  /** Role ouder-of-voogd: the subjects of the young people this person is parent or guardian of (claim guardian_of). */
  guardianOf?: string[];
}

export interface DemoClient {
  clientId: string;
  role: string;
  organisationType: string;
  /** Absent for a service client: it speaks for every organisation of its kind. */
  organisationId?: string;
}

// The demo organisations' names live in the organisation directory (services/organisations/seed/demo-organisations.json,
// registered at its start); the ids below must be there, or offers to them are refused.

/** jongere@demo's subject when no pseudonym secret is set (demoUsers derives the real one). */
const DEMO_JONGERE_SUBJECT = 'pr_3AHRZ6DMV29GQY5CKT18FPX4BJ';

const user = (username: string, role: string, organisationType: string, organisationId?: string, subject = username): DemoUser => ({
  username,
  role,
  organisationType,
  ...(organisationId ? { organisationId } : {}),
  subject,
});

export const DEMO_USERS: DemoUser[] = [
  user('docent@25xy', 'school-staff', 'school', 'brin:25XY'),
  user('docent@31qq', 'school-staff', 'school', 'brin:31QQ'),
  user('consulent@mc21', 'rmc-consulent', 'rmc', 'rmc:MC21'),
  user('coordinator@mc21', 'rmc-coordinator', 'rmc', 'rmc:MC21'),
  user('consulent@gm0363', 'wi-consulent', 'werk-inkomen', 'gemeente:GM0363'),
  user('consulent@agb12345678', 'zorg-consulent', 'zorg', 'agb:12345678'),
  user('ops@platform', 'ops', 'platform', 'oin:00000001234567890000'),
  user('fg@mc21', 'privacy-officer', 'rmc', 'rmc:MC21'),
  // A young person acts for themself: no organisation, and their subject is their pseudonymous reference.
  user('jongere@demo', 'jongere', 'platform', undefined, DEMO_JONGERE_SUBJECT),
  // jongere@demo's parent: logs in as themself and co-signs the young person's consent while they are a minor.
  { ...user('ouder@demo', 'ouder-of-voogd', 'platform'), guardianOf: [DEMO_JONGERE_SUBJECT] },
];

/** The demo young person's BSN (passes the elfproef): a school that deregisters this BSN deregisters jongere@demo. */
export const DEMO_JONGERE_BSN = '111222333';

/**
 * The demo people, with the young person's subject derived from DEMO_JONGERE_BSN exactly as the school
 * derives it (same function, same SCHOOL_PSEUDONYM_SECRET), so what the school reports about that BSN is
 * what jongere@demo sees and consents to. Without the secret the fixed reference stays.
 */
export function demoUsers(schoolPseudonymSecret?: string): DemoUser[] {
  if (!schoolPseudonymSecret) return DEMO_USERS;
  const subject = derivePseudonymousReference(schoolPseudonymSecret, { organisationId: 'bsn', personId: DEMO_JONGERE_BSN });
  return DEMO_USERS.map((u) =>
    u.role === 'jongere' ? { ...u, subject } : u.role === 'ouder-of-voogd' ? { ...u, guardianOf: [subject] } : u,
  );
}

export const DEMO_CLIENTS: DemoClient[] = [
  { clientId: 'school-25xy', role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY' },
  { clientId: 'school-31qq', role: 'school-system', organisationType: 'school', organisationId: 'brin:31QQ' },
];

/**
 * One client per kind of service that holds content (role service): the school service asks the consent
 * service for whichever school holds a record. Each has its own secret, <KIND>_SERVICE_CLIENT_SECRET (npm start generates them).
 */
export const SERVICE_CLIENTS: (DemoClient & { kind: ServiceClientKind })[] = SERVICE_CLIENT_KINDS.map((kind) => ({
  kind,
  clientId: `estafette-${kind}-service`,
  role: 'service',
  // The consent service acts for the platform (it assembles the inzage), every other service for its kind.
  organisationType: kind === 'consent' ? 'platform' : kind,
}));

/** The claims every service reads (see libs/auth CLAIMS); guardian_of only for a parent or guardian. */
export function platformClaims(who: {
  role: string;
  organisationType: string;
  organisationId?: string;
  guardianOf?: string[];
}): Record<string, string | string[]> {
  return {
    role: who.role,
    organisation_type: who.organisationType,
    ...(who.organisationId ? { organisation_id: who.organisationId } : {}),
    ...(who.guardianOf ? { guardian_of: who.guardianOf } : {}),
  };
}
