import { describe, expect, test } from '@jest/globals';
import { assertSoundSecrets, secretProblems } from './platform-secrets.js';

const strong = (seed: string) => `${seed}-Qx7vK2mP9tR4wZ8nB3cF6hJ1sL5dG0yA`;

describe('secrets outside development: placeholders, short, reused and look-alike values are refused by name', () => {
  test('a random secret per purpose passes', () => {
    expect(secretProblems({ A: strong('a'), B: strong('b') })).toEqual([]);
  });

  test.each([
    ['the compose default', 'change-me-to-32-random-bytes-for-real-use', 'placeholder'],
    ['the compose client default', 'change-me-service-client-secret', 'placeholder'],
    ['a value to replace', 'REPLACE_ME_with_something_long_enough_0123', 'placeholder'],
    ['too short', 'Qx7vK2mP9tR4wZ8nB3cF6hJ', 'too short: 23 characters, at least 32'],
    ['one character repeated', 'k'.repeat(40), 'too little variety'],
  ])('%s is refused', (_label, value, reason) => {
    const problems = secretProblems({ SCHOOL_PSEUDONYM_SECRET: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.name).toBe('SCHOOL_PSEUDONYM_SECRET');
    expect(problems[0]!.reason).toContain(reason);
  });

  test('the same value for two purposes is refused, naming the second and the first', () => {
    const shared = strong('shared');
    expect(secretProblems({ SCHOOL_SERVICE_CLIENT_SECRET: shared, RMC_SERVICE_CLIENT_SECRET: shared })).toEqual([
      { name: 'RMC_SERVICE_CLIENT_SECRET', reason: 'is the same value as SCHOOL_SERVICE_CLIENT_SECRET: every secret must be its own' },
    ]);
  });

  test('a service refuses to start with a placeholder unless ESTAFETTE_ENV=development, and the message names the variable, not the value', () => {
    const env = { SCHOOL_PSEUDONYM_SECRET: 'change-me-to-32-random-bytes-for-real-use', ESTAFETTE_SERVICE_CLIENT_SECRET: strong('school') };
    expect(() => assertSoundSecrets('school', env)).toThrow(/school refuses to start .*SCHOOL_PSEUDONYM_SECRET is a placeholder/);
    expect(() => assertSoundSecrets('school', { ...env, ESTAFETTE_ENV: 'production' })).toThrow('SCHOOL_PSEUDONYM_SECRET');
    try {
      assertSoundSecrets('school', env);
    } catch (error) {
      expect((error as Error).message).not.toContain(env.SCHOOL_PSEUDONYM_SECRET);
    }
    expect(() => assertSoundSecrets('school', { ...env, ESTAFETTE_ENV: 'development' })).not.toThrow();
  });

  test('the identity provider refuses one secret shared by two service clients', () => {
    const shared = strong('shared');
    expect(() => assertSoundSecrets('identity', { SCHOOL_SERVICE_CLIENT_SECRET: shared, ZORG_SERVICE_CLIENT_SECRET: shared })).toThrow(
      'ZORG_SERVICE_CLIENT_SECRET is the same value as SCHOOL_SERVICE_CLIENT_SECRET',
    );
  });

  test('a service that reads no secret (consent, monitor, portal) ignores secrets lying around in its environment', () => {
    expect(() => assertSoundSecrets('portal', { SCHOOL_PSEUDONYM_SECRET: 'change-me' })).not.toThrow();
  });
});
