import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KAFKA_VERSION } from '../kafka/fetch-kafka.js';
import {
  BUS_ACCESS,
  KAFKA_ADMIN_PRINCIPAL,
  KAFKA_OPS_PRINCIPAL,
  KAFKA_PRINCIPALS,
  kafkaPasswordSecretName,
  kafkaPrincipalOf,
  PLATFORM_SECRETS,
} from '@estafette/contracts';
import { roleNames } from '../postgres/database-roles.js';
import { POSTGRES_SIZING_FLAGS } from '../postgres/postgres-server.js';
import { databaseUrlVariable, migrationUrlVariable } from './service-databases.js';
import { secretsFor } from './service-environment.js';
import { discoverServices } from './services.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      image?: string;
      command?: string[];
      ports?: string[];
      build?: { args?: { SERVICE?: string } };
      environment?: Record<string, string>;
    }
  >;
};

// docker compose cannot run here (no engine), so this keeps it in step with the local path instead.
describe('docker-compose.yml stays in step with npm start', () => {
  test.each(discoverServices(repoRoot).map((s) => [s.name, s] as const))('%s is in compose with the same port', (name, service) => {
    const entry = compose.services[name];
    expect(entry).toBeDefined();
    expect(entry!.build?.args?.SERVICE).toBe(name);
    expect(entry!.ports).toContain(`${service.port}:${service.port}`);
    // The node options npm start runs it with (package.json estafette.nodeOptions), the same in compose.
    expect(entry!.environment?.NODE_OPTIONS?.split(' ') ?? []).toEqual(service.nodeOptions);
  });

  test('Kafka and PostgreSQL are there, and every service is prepared first', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'prepare']));
  });

  test("compose's PostgreSQL is sized as the embedded server", () => {
    expect(compose.services.postgres!.command).toEqual(['postgres', ...POSTGRES_SIZING_FLAGS]);
  });

  test('compose gives each service the same secret variables as npm start, each from its own platform secret; the portal none', () => {
    // Merge keys (<<) resolved, as compose does.
    const merged = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as typeof compose;
    const placeholders = Object.fromEntries(PLATFORM_SECRETS.map((name) => [name, name]));
    for (const service of discoverServices(repoRoot)) {
      const env = merged.services[service.name]!.environment ?? {};
      const inCompose = Object.fromEntries(
        Object.entries(env)
          .filter(([name]) => /SECRET|_KEY$|PASSWORD/.test(name))
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

  test('each service on the bus logs in as its own Kafka principal with only its own password; prepare holds admin and ops', () => {
    const merged = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as typeof compose;
    // The Kafka password variables a container's environment reads (`${KAFKA_PASSWORD_...:-placeholder}`).
    const kafkaPasswords = (env: Record<string, string>) =>
      Object.values(env)
        .flatMap((value) => /^\$\{(KAFKA_PASSWORD_[A-Z_]+):-/.exec(String(value))?.[1] ?? [])
        .sort();
    for (const service of discoverServices(repoRoot)) {
      const env = merged.services[service.name]!.environment ?? {};
      const onTheBus = BUS_ACCESS.some((a) => a.service === service.name);
      const own = kafkaPasswordSecretName(kafkaPrincipalOf(service.name));
      expect([service.name, env.KAFKA_USERNAME]).toEqual([service.name, onTheBus ? kafkaPrincipalOf(service.name) : undefined]);
      expect([service.name, kafkaPasswords(env)]).toEqual([
        service.name,
        !onTheBus ? [] : service.name === 'monitor' ? [own, kafkaPasswordSecretName(KAFKA_OPS_PRINCIPAL)].sort() : [own],
      ]);
      if (onTheBus) expect([service.name, /^\$\{([A-Z_]+):-/.exec(String(env.KAFKA_PASSWORD))?.[1]]).toEqual([service.name, own]);
    }
    expect(kafkaPasswords(merged.services.prepare!.environment ?? {})).toEqual(
      [kafkaPasswordSecretName(KAFKA_ADMIN_PRINCIPAL), kafkaPasswordSecretName(KAFKA_OPS_PRINCIPAL)].sort(),
    );
    // Nobody but the broker and prepare sees the admin's password.
    const holdersOfAdmin = Object.entries(merged.services).filter(([, s]) =>
      kafkaPasswords(s.environment ?? {}).includes(kafkaPasswordSecretName(KAFKA_ADMIN_PRINCIPAL)),
    );
    expect(holdersOfAdmin.map(([name]) => name).sort()).toEqual(['kafka', 'prepare']);
  });

  test('the broker knows exactly the principals of the code, each with its own password variable', () => {
    const env = compose.services.kafka!.environment ?? {};
    expect(String(env.ESTAFETTE_KAFKA_PRINCIPALS).split(/\s+/).sort()).toEqual([...KAFKA_PRINCIPALS].sort());
    const passwords = Object.entries(env).filter(([name]) => name.startsWith('KAFKA_PASSWORD_'));
    expect(passwords.map(([name]) => name).sort()).toEqual(KAFKA_PRINCIPALS.map(kafkaPasswordSecretName).sort());
    for (const [name, value] of passwords) expect([name, /^\$\{([A-Z_]+):-/.exec(String(value))?.[1]]).toEqual([name, name]);
  });

  test('compose runs the same Kafka version as the local broker', () => {
    expect(compose.services.kafka!.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
  });
});
