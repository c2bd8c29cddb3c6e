import { describe, expect, test } from '@jest/globals';
import { envelopeAttributes, requiredEnvelopeAttributes } from './envelope.js';
import { eventDefinitions } from './event-definitions.js';
import { uitschrijvingRegistered } from './events/uitschrijving.js';
import { findPersonalContentRisks } from './no-personal-content.js';

describe('no personal content on the bus', () => {
  test.each(eventDefinitions.map((d) => [d.type, d.schema] as const))('%s carries no personal content', (type, schema) => {
    expect(findPersonalContentRisks(schema, type)).toEqual([]);
  });

  test('the envelope context attributes carry no personal content', () => {
    const attributes = {
      type: 'object',
      additionalProperties: false,
      required: requiredEnvelopeAttributes,
      properties: envelopeAttributes,
    };
    expect(findPersonalContentRisks(attributes, 'envelope')).toEqual([]);
  });
});

describe('the checker itself', () => {
  test('catches forbidden names, free strings and open objects, also when nested', () => {
    const planted = {
      type: 'object',
      additionalProperties: false,
      properties: {
        bsn: { type: 'string', pattern: '^[0-9]{9}$' },
        reasonText: { type: 'string', maxLength: 200 },
        contacts: {
          type: 'array',
          items: { type: 'object', properties: { emailAddress: { type: 'string', format: 'email' } } },
        },
        extra: {
          allOf: [{ type: 'object', additionalProperties: false, properties: { geboortedatum: { type: 'string', format: 'date' } } }],
        },
        anything: {},
        bag: {
          type: 'object',
          additionalProperties: false,
          properties: {},
          patternProperties: { '.*': { type: 'string', format: 'uri' } },
        },
      },
    };
    const problems = findPersonalContentRisks(planted, 'planted');
    expect(problems).toEqual(
      expect.arrayContaining([
        'planted.bsn: property name suggests personal content',
        'planted.reasonText: property name suggests personal content',
        'planted.reasonText: free string; needs an enum, const, format or pattern',
        'planted.contacts/items: object must set additionalProperties: false',
        'planted.contacts/items.emailAddress: property name suggests personal content',
        'planted.extra: must declare a type',
        'planted.extra/allOf[0].geboortedatum: property name suggests personal content',
        'planted.anything: must declare a type',
        'planted.bag: patternProperties allows arbitrary property names',
      ]),
    );
  });

  test.each(['naam', 'achternaam', 'firstName', 'adres', 'telefoonnummer', 'notitie', 'toelichting', 'diagnose', 'careNeeds', 'birthDate'])(
    'catches a %s field planted in a real schema',
    (name) => {
      const schema = structuredClone(uitschrijvingRegistered.schema) as { properties: Record<string, object> };
      schema.properties[name] = { type: 'string', enum: ['x'] };
      expect(findPersonalContentRisks(schema, 'uitschrijving')).toEqual([`uitschrijving.${name}: property name suggests personal content`]);
    },
  );
});
