import { describe, expect, test } from '@jest/globals';
import { serviceConfig } from '../src/index.js';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/postgres' };
const strong = 'Qx7vK2mP9tR4wZ8nB3cF6hJ1sL5dG0yA-school';

describe('every service checks its secrets before it starts (serviceConfig)', () => {
  test('outside development a placeholder stops the service, naming the variable', () => {
    expect(() =>
      serviceConfig('school', 3001, {
        ...base,
        SCHOOL_PSEUDONYM_SECRET: 'change-me-to-32-random-bytes-for-real-use',
        ESTAFETTE_SERVICE_CLIENT_SECRET: strong,
      }),
    ).toThrow(/school refuses to start outside development .*SCHOOL_PSEUDONYM_SECRET is a placeholder/);
  });

  test('the pseudonym key reused as the client secret stops the service', () => {
    expect(() =>
      serviceConfig('school', 3001, { ...base, SCHOOL_PSEUDONYM_SECRET: strong, ESTAFETTE_SERVICE_CLIENT_SECRET: strong }),
    ).toThrow('ESTAFETTE_SERVICE_CLIENT_SECRET is the same value as SCHOOL_PSEUDONYM_SECRET');
  });

  test('ESTAFETTE_ENV=development lets the compose placeholders through', () => {
    expect(
      serviceConfig('school', 3001, {
        ...base,
        ESTAFETTE_ENV: 'development',
        SCHOOL_PSEUDONYM_SECRET: 'change-me-to-32-random-bytes-for-real-use',
      }).name,
    ).toBe('school');
  });

  test("outside development a placeholder password in the service's database URL stops it, naming the variable; development lets it through", () => {
    const env = {
      SCHOOL_DATABASE_URL: 'postgres://school_app:change-me-school-app-password@db:5432/school',
      SCHOOL_PSEUDONYM_SECRET: strong,
    };
    expect(() => serviceConfig('school', 3001, env)).toThrow('the password in SCHOOL_DATABASE_URL is a placeholder');
    expect(serviceConfig('school', 3001, { ...env, ESTAFETTE_ENV: 'development' }).databaseUrl).toBe(env.SCHOOL_DATABASE_URL);
  });
});
