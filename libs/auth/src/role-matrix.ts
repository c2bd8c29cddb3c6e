import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ROLE_ORGANISATION_TYPES, ROLES, ROLES_WITHOUT_ORGANISATION, type OrganisationType, type Role } from './principal.js';
import { routeRules } from './route-rules.js';

/** Anything that signs tokens the app trusts (libs/testing's startTestIssuer in tests). */
export interface TokenSource {
  issueToken(request: { role: string; organisationType: string; organisationId?: string; sub?: string }): Promise<string>;
}

export interface MatrixOutcome {
  role: Role;
  route: string;
  admitted: boolean;
  status: number;
}

/** A well-formed organisation of each kind, so every role can be given a token that is valid in itself. */
export const SAMPLE_ORGANISATIONS: Record<OrganisationType, string> = {
  school: 'brin:25XY',
  rmc: 'rmc:MC21',
  'werk-inkomen': 'gemeente:GM0363',
  zorg: 'agb:12345678',
  platform: 'oin:00000001234567890000',
};

/**
 * Calls every route of a listening app once per role, with a valid token of that role, and reports the
 * status. Path parameters get a random UUID and bodies are empty: an admitted role then hits validation
 * or "not found", a refused one the guard's 403, which comes first.
 */
export async function roleMatrix(app: INestApplication, tokens: TokenSource): Promise<MatrixOutcome[]> {
  const base = await app.getUrl();
  const outcomes: MatrixOutcome[] = [];
  for (const rule of routeRules(app)) {
    const path = rule.path.replace(/:[A-Za-z]+/g, () => randomUUID());
    for (const role of ROLES) {
      const organisationType = ROLE_ORGANISATION_TYPES[role][0]!;
      const token = await tokens.issueToken({
        role,
        organisationType,
        ...(ROLES_WITHOUT_ORGANISATION.includes(role) ? {} : { organisationId: SAMPLE_ORGANISATIONS[organisationType] }),
        sub: `matrix-${role}`,
      });
      const hasBody = !['GET', 'DELETE', 'HEAD'].includes(rule.method);
      const res = await fetch(`${base}${path}`, {
        method: rule.method,
        headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        body: hasBody ? '{}' : undefined,
      });
      await res.arrayBuffer();
      outcomes.push({ role, route: `${rule.method} ${rule.path}`, admitted: rule.public || rule.roles.includes(role), status: res.status });
    }
  }
  return outcomes;
}

/**
 * What a role-matrix test asserts in every service: a role gets 403 exactly where it is not admitted,
 * and a valid token never gets 401. Returns the violations, so a test expects an empty list.
 */
export function matrixViolations(outcomes: MatrixOutcome[]): string[] {
  return outcomes.flatMap((o) => {
    if (o.status === 401) return [`${o.role} ${o.route}: 401 with a valid token`];
    if (o.admitted && o.status === 403) return [`${o.role} ${o.route}: refused but admitted`];
    if (!o.admitted && o.status !== 403) return [`${o.role} ${o.route}: answered ${o.status} but not admitted`];
    return [];
  });
}
