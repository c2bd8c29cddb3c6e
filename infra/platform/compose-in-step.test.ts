import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KAFKA_VERSION } from '../kafka/fetch-kafka.js';
import { PLATFORM_SECRETS } from '@estafette/contracts';
import { roleNames } from '../postgres/database-roles.js';
import { databaseUrlVariable, migrationUrlVariable } from './service-databases.js';
import { secretsFor } from './service-environment.js';
import { discoverServices } from './services.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    { image?: string; ports?: string[]; build?: { args?: { SERVICE?: string } }; environment?: Record<string, string> }
  >;
};

// docker compose cannot run here (no engine), so this keeps it in step with the local path instead.
describe('docker-compose.yml stays in step with npm start', () => {
  test.each(discoverServices(repoRoot).map((s) => [s.name, s] as const))('%s is in compose with the same port', (name, service) => {
    const entry = compose.services[name];
    expect(entry).toBeDefined();
    expect(entry!.build?.args?.SERVICE).toBe(name);
    expect(entry!.ports).toContain(`${service.port}:${service.port}`);
  });

  test('Kafka and PostgreSQL are there, and every service is prepared first', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'prepare']));
  });

  test('compose gives each service the same secret variables as npm start, each from its own platform secret; the portal none', () => {
    // Merge keys (<<) resolved, as compose does.
    const merged = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as typeof compose;
    const placeholders = Object.fromEntries(PLATFORM_SECRETS.map((name) => [name, name]));
    for (const service of discoverServices(repoRoot)) {
      const env = merged.services[service.name]!.environment ?? {};
      const inCompose = Object.fromEntries(
        Object.entries(env)
          .filter(([name]) => /SECRET|_KEY$/.test(name))
          .map(([name, value]) => [name, /^\$\{([A-Z_]+):-/.exec(String(value))?.[1]]),
      );
      expect([service.name, inCompose]).toEqual([service.name, secretsFor(service.name, placeholders)]);
    }
  });

  test('every service with a database connects as its own runtime role; only prepare holds the owners and the superuser', () => {
    const merged = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as typeof compose;
    // `${VAR:-default}` as compose reads it with VAR unset.
    const login = (value: string | undefined) => {
      const url = new URL(/^\$\{[A-Z_]+:-(.*)\}$/.exec(String(value))?.[1] ?? String(value));
      return { user: url.username, database: url.pathname.slice(1) };
    };
    const prepare = merged.services.prepare!.environment ?? {};
    for (const service of discoverServices(repoRoot)) {
      const env = merged.services[service.name]!.environment ?? {};
      const databaseVariables = Object.keys(env).filter((name) => /DATABASE_URL$|^PG[A-Z]+$/.test(name));
      if (!service.database) {
        expect([service.name, databaseVariables]).toEqual([service.name, []]);
        continue;
      }
      const app = databaseUrlVariable(service.name);
      expect([service.name, databaseVariables]).toEqual([service.name, [app]]);
      expect(login(env[app])).toEqual({ user: roleNames(service.database).app, database: service.database });
      expect(prepare[app]).toBe(env[app]);
      expect(login(prepare[migrationUrlVariable(service.name)])).toEqual({
        user: roleNames(service.database).owner,
        database: service.database,
      });
    }
    expect(login(prepare.DATABASE_URL).user).toBe('postgres');
    const superuserUsers = Object.entries(merged.services).filter(([, s]) =>
      Object.values(s.environment ?? {}).some((value) => /postgres:\/\/postgres:/.test(String(value))),
    );
    expect(superuserUsers.map(([name]) => name)).toEqual(['prepare']);
  });

  test('compose runs the same Kafka version as the local broker', () => {
    expect(compose.services.kafka!.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
  });
});
