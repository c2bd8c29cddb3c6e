import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KAFKA_VERSION } from '../kafka/fetch-kafka.js';
import { PLATFORM_SECRETS } from '@estafette/contracts';
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

  test('compose runs the same Kafka version as the local broker', () => {
    expect(compose.services.kafka!.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
  });
});
