import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { startTestIssuer, type TestIssuer } from '@estafette/testing';
import { InvalidTokenError, TokenVerifier, VERIFIED_TOKEN_CACHE } from '../src/token-verifier.js';

const school = { role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', sub: 'client-25xy' };

describe('a verified token is remembered until its expiry or the cache age, whichever is first', () => {
  let issuer: TestIssuer;
  let clock: number;
  let verifier: TokenVerifier;
  let signatureChecks: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    await issuer?.close();
  });

  const fresh = () => {
    clock = Date.now();
    verifier = new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl }, () => clock);
    // The full check (signature, issuer, audience, expiry, claims): what the cache saves, counted.
    signatureChecks = jest.spyOn(verifier as unknown as { verifyAfresh(t: string): Promise<unknown> }, 'verifyAfresh');
  };

  test('the same token again is answered without a second check, with the same frozen principal', async () => {
    fresh();
    const token = await issuer.issueToken(school);
    const first = await verifier.verify(token);
    const again = await verifier.verify(token);
    expect(again).toBe(first);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toMatchObject({ subject: 'client-25xy', organisationId: 'brin:25XY' });
  });

  test('after the cache age the token is checked again', async () => {
    fresh();
    const token = await issuer.issueToken(school);
    await verifier.verify(token);
    clock += VERIFIED_TOKEN_CACHE.maxAgeMs - 1;
    await verifier.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock += 1;
    await verifier.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  test('a token expiring before the cache age is checked again from its expiry on', async () => {
    fresh();
    const token = await issuer.issueToken({ ...school, expiresIn: 20 });
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await verifier.verify(token);
    clock = exp.exp * 1000 - 1;
    await verifier.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock = exp.exp * 1000;
    await verifier.verify(token).catch(() => undefined); // jose decides on its own clock; what matters is that it is asked
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  test('a refused token is checked every time and never remembered', async () => {
    fresh();
    const bad = await issuer.bad.wrongKey(school);
    await expect(verifier.verify(bad)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(bad)).rejects.toThrow(InvalidTokenError);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  test('at most maxEntries tokens are kept: the oldest goes first', async () => {
    fresh();
    const kept = VERIFIED_TOKEN_CACHE.maxEntries;
    VERIFIED_TOKEN_CACHE.maxEntries = 2;
    try {
      const [a, b, c] = await Promise.all([1, 2, 3].map((n) => issuer.issueToken({ ...school, sub: `client-${n}` })));
      for (const token of [a!, b!, c!]) await verifier.verify(token);
      expect(signatureChecks).toHaveBeenCalledTimes(3);
      await verifier.verify(c!);
      await verifier.verify(b!);
      expect(signatureChecks).toHaveBeenCalledTimes(3);
      await verifier.verify(a!); // pushed out by c
      expect(signatureChecks).toHaveBeenCalledTimes(4);
    } finally {
      VERIFIED_TOKEN_CACHE.maxEntries = kept;
    }
  });
});
