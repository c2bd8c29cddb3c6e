import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KAFKA_VERSION } from '../kafka/fetch-kafka.js';
import { discoverServices } from './services.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { image?: string; ports?: string[]; build?: { args?: { SERVICE?: string } }; environment?: Record<string, string> }>;
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

  test('compose runs the same Kafka version as the local broker', () => {
    expect(compose.services.kafka!.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
  });
});
