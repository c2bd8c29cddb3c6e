import { describe, expect, test } from '@jest/globals';
import { BUS_ACCESS, kafkaAcls, KAFKA_OPS_PRINCIPAL, kafkaPrincipalOf, producersOf, topicsReadBy, topicsWrittenBy } from './bus-access.js';
import { eventDefinitions } from './event-definitions.js';
import { overdrachtAccepted, uitschrijvingRegistered } from './index.js';

const access = (service: string) => BUS_ACCESS.find((a) => a.service === service)!;

describe('the bus access table', () => {
  test('every event type of the catalogue has at least one producer, and every type in the table is in the catalogue', () => {
    expect(eventDefinitions.filter((d) => producersOf(d.type).length === 0).map((d) => d.type)).toEqual([]);
    const catalogue = new Set(eventDefinitions);
    const named = BUS_ACCESS.flatMap((a) => [...a.produces, ...a.consumes]);
    expect(named.filter((d) => !catalogue.has(d)).map((d) => d.type)).toEqual([]);
  });

  test("a type's producers are the services that publish it (architecture.md's table)", () => {
    expect(producersOf(uitschrijvingRegistered.type)).toEqual(['school']);
    expect(producersOf(overdrachtAccepted.type).sort()).toEqual(['rmc', 'school', 'werk-inkomen', 'zorg']);
  });

  test('W&I writes the overdracht, plaatsing and uitval topics and the dead-letter topics of what it reads; never uitschrijving', () => {
    expect(topicsWrittenBy(access('werk-inkomen'))).not.toContain('estafette.uitschrijving');
    expect(topicsWrittenBy(access('werk-inkomen'))).toContain('estafette.overdracht.dlq');
    expect(topicsReadBy(access('werk-inkomen'))).not.toContain('estafette.uitschrijving');
  });

  test('the monitor and organisations get no write rule; ops gets every topic under the prefix', () => {
    const rules = kafkaAcls('p.');
    for (const service of ['monitor', 'organisations'])
      expect(rules.filter((r) => r.principal === kafkaPrincipalOf(service) && r.operation === 'write')).toEqual([]);
    expect(rules).toContainEqual({
      principal: KAFKA_OPS_PRINCIPAL,
      resource: 'topic',
      name: 'p.estafette.',
      pattern: 'prefixed',
      operation: 'write',
    });
    expect(rules.every((r) => r.resource !== 'topic' || r.name.startsWith('p.'))).toBe(true);
  });
});
