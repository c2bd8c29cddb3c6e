import { describe, expect, test } from '@jest/globals';
import type { FromSchema } from './schema-types.js';

// Compile-time checks: `npm run typecheck` fails when FromSchema stops matching the schema.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is under test
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'party'],
  properties: {
    reason: { type: 'string', enum: ['a', 'b'] },
    count: { type: 'integer' },
    party: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: { id: { type: 'string', pattern: '^x$' }, ok: { type: 'boolean' } },
    },
    dates: { type: 'array', items: { type: 'string', format: 'date' } },
    version: { type: 'string', const: '1.0' },
  },
} as const;

type Expected = {
  reason: 'a' | 'b';
  count?: number;
  party: { id: string; ok?: boolean };
  dates?: string[];
  version?: '1.0';
};

const derivedMatches: Equal<FromSchema<typeof schema>, Expected> = true;
// A keyword the helper does not understand must not silently become `any`.
const unknownIsNever: Equal<FromSchema<{ type: 'null' }>, never> = true;

describe('FromSchema', () => {
  test('derives required, optional, enum, nested, array and const types (checked by tsc)', () => {
    expect([derivedMatches, unknownIsNever]).toEqual([true, true]);
  });
});
