import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface TokenRequest {
  role: string;
  /** Omit only for a young person (role jongere). */
  organisationId?: string;
  organisationType: string;
  sub?: string;
  /** Role ouder-of-voogd: the young people's subjects this guardian is linked to (claim guardian_of). */
  guardianOf?: string[];
  /** Seconds or a jose time span ('5m'); negative numbers give an already expired token. */
  expiresIn?: number | string;
}

export interface TestIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** OIDC settings as a service reads them from its environment. */
  env: { OIDC_ISSUER: string; OIDC_AUDIENCE: string; OIDC_JWKS_URL: string };
  issueToken(request: TokenRequest): Promise<string>;
  /** Tokens that must be refused (401), each wrong in exactly one way. */
  bad: {
    wrongKey(request: TokenRequest): Promise<string>;
    wrongIssuer(request: TokenRequest): Promise<string>;
    wrongAudience(request: TokenRequest): Promise<string>;
    expired(request: TokenRequest): Promise<string>;
  };
  /** How often the JWKS was fetched: proves verifiers really go over HTTP. */
  jwksRequests(): number;
  close(): Promise<void>;
}

/**
 * A real issuer for tests: an RSA key pair, its JWKS and discovery document served over local HTTP,
 * and signed access tokens with the platform's claims (organisation_id, organisation_type, role).
 */
export async function startTestIssuer(audience = 'estafette-api'): Promise<TestIssuer> {
  const signing = await keyPair();
  const stranger = await keyPair();
  let jwksHits = 0;
  const server = http.createServer((req, res) => {
    const body =
      req.url === '/jwks'
        ? (jwksHits++, { keys: [signing.jwk] })
        : req.url === '/.well-known/openid-configuration'
          ? { issuer, jwks_uri: `${issuer}/jwks` }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (r: TokenRequest, o: { key?: KeyPair; iss?: string; aud?: string } = {}) => {
    const key = o.key ?? signing;
    const now = Math.floor(Date.now() / 1000);
    const exp = typeof r.expiresIn === 'string' ? r.expiresIn : now + (r.expiresIn ?? 300);
    return new SignJWT({
      role: r.role,
      organisation_type: r.organisationType,
      ...(r.organisationId ? { organisation_id: r.organisationId } : {}),
      ...(r.guardianOf ? { guardian_of: r.guardianOf } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid!, typ: 'at+jwt' })
      .setIssuer(o.iss ?? issuer)
      .setAudience(o.aud ?? audience)
      .setSubject(r.sub ?? `user-${randomUUID()}`)
      .setIssuedAt(Math.min(now, typeof exp === 'number' ? exp - 60 : now))
      .setJti(randomUUID())
      .setExpirationTime(exp)
      .sign(key.privateKey);
  };

  return {
    issuer,
    audience,
    jwksUrl: `${issuer}/jwks`,
    env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: `${issuer}/jwks` },
    issueToken: (r) => sign(r),
    bad: {
      // Same kid as the real key, so the verifier finds "its" key and must reject on the signature itself.
      wrongKey: (r) => sign(r, { key: { ...stranger, jwk: { ...stranger.jwk, kid: signing.jwk.kid } } }),
      wrongIssuer: (r) => sign(r, { iss: 'http://127.0.0.1:1/not-the-issuer' }),
      wrongAudience: (r) => sign(r, { aud: 'some-other-api' }),
      expired: (r) => sign({ ...r, expiresIn: -120 }),
    },
    jwksRequests: () => jwksHits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections(); // verifiers keep their JWKS connection alive
      }),
  };
}

interface KeyPair {
  privateKey: CryptoKey;
  jwk: JWK;
}

async function keyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  return { privateKey, jwk };
}
