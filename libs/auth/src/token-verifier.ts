import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import {
  CLAIMS,
  ORGANISATION_ID_PATTERN,
  ORGANISATION_TYPES,
  ROLE_ORGANISATION_TYPES,
  ROLES,
  ROLES_WITHOUT_ORGANISATION,
  type OrganisationType,
  type Principal,
  type Role,
} from './principal.js';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Where the issuer publishes its keys; when absent, read from the issuer's discovery document. */
  jwksUrl?: string;
}

/** Any reason a token is not accepted; always answered as 401 without the detail. */
export class InvalidTokenError extends Error {}

/**
 * How long a verified token is answered from memory at most (ms), and how many are kept. A signature check costs
 * about as much as the rest of an intake request (issue 19); a client sends the same token for minutes. Never
 * longer than the token's own expiry, and shorter than jose's JWKS cache (10 minutes), so a key the issuer
 * withdrew stops being trusted no later than it would without this cache. Tokens carry no revocation (docs/security.md, Tokens).
 */
export const VERIFIED_TOKEN_CACHE = { maxAgeMs: 60_000, maxEntries: 1_000 };

/**
 * Checks signature (issuer's JWKS), issuer, audience and expiry, then turns the claims into a Principal. A token
 * that passed is remembered (by its exact text) until its expiry or VERIFIED_TOKEN_CACHE.maxAgeMs, whichever is
 * first; a refused one is checked again every time.
 */
export class TokenVerifier {
  private keys?: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.verified.get(token);
    if (known && now < known.until) return known.principal;
    if (known) this.verified.delete(token);
    const { principal, expiresAt } = await this.verifyAfresh(token);
    this.remember(token, principal, Math.min(expiresAt, now + VERIFIED_TOKEN_CACHE.maxAgeMs));
    return principal;
  }

  private remember(token: string, principal: Principal, until: number): void {
    if (this.verified.size >= VERIFIED_TOKEN_CACHE.maxEntries) {
      // Expired ones first; when all are current, the oldest (a Map keeps insertion order).
      const now = this.now();
      for (const [key, entry] of this.verified) if (entry.until <= now) this.verified.delete(key);
      if (this.verified.size >= VERIFIED_TOKEN_CACHE.maxEntries) this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { principal, until });
  }

  private async verifyAfresh(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256', 'PS256', 'ES256'],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
      throw error;
    }
    // requiredClaims makes exp present; jose has checked it is a number.
    // Frozen: one cached principal serves many requests, none may change it for the next.
    const principal = principalFrom(payload);
    if (principal.guardianOf) Object.freeze(principal.guardianOf);
    return { principal: Object.freeze(principal), expiresAt: payload.exp! * 1000 };
  }

  private async keySet() {
    if (!this.keys) {
      const url = this.settings.jwksUrl ?? (await discoverJwksUrl(this.settings.issuer));
      this.keys = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
    }
    return this.keys;
  }
}

async function discoverJwksUrl(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OIDC discovery at ${issuer} answered ${res.status}`);
  const { jwks_uri } = (await res.json()) as { jwks_uri?: string };
  if (!jwks_uri) throw new Error(`OIDC discovery at ${issuer} names no jwks_uri`);
  return jwks_uri;
}

export function principalFrom(payload: JWTPayload): Principal {
  const role = payload[CLAIMS.role];
  const organisationType = payload[CLAIMS.organisationType];
  const organisationId = payload[CLAIMS.organisationId];
  if (!ROLES.includes(role as Role)) throw new InvalidTokenError('unknown role');
  if (!ORGANISATION_TYPES.includes(organisationType as OrganisationType)) throw new InvalidTokenError('unknown organisation type');
  if (!ROLE_ORGANISATION_TYPES[role as Role].includes(organisationType as OrganisationType))
    throw new InvalidTokenError('role does not fit organisation type');
  if (organisationId !== undefined && (typeof organisationId !== 'string' || !ORGANISATION_ID_PATTERN.test(organisationId))) {
    throw new InvalidTokenError('malformed organisation id');
  }
  if (organisationId === undefined && !ROLES_WITHOUT_ORGANISATION.includes(role as Role))
    throw new InvalidTokenError('organisation id missing');
  // A service speaks for all organisations of its kind; an id would make scopeFor treat it as one of them.
  if (organisationId !== undefined && role === 'service') throw new InvalidTokenError('a service token names no organisation');
  const guardianOf = payload[CLAIMS.guardianOf];
  if (guardianOf !== undefined && role !== 'ouder-of-voogd')
    throw new InvalidTokenError('only a parent or guardian is linked to young people');
  if (guardianOf !== undefined && (!Array.isArray(guardianOf) || !guardianOf.every((s) => typeof s === 'string' && s.length > 0))) {
    throw new InvalidTokenError('malformed guardian_of');
  }
  return {
    subject: payload.sub!,
    role: role as Role,
    organisationType: organisationType as OrganisationType,
    ...(organisationId ? { organisationId: organisationId as string } : {}),
    ...(typeof payload.client_id === 'string' ? { clientId: payload.client_id } : {}),
    ...(role === 'ouder-of-voogd' ? { guardianOf: (guardianOf as string[] | undefined) ?? [] } : {}),
  };
}
