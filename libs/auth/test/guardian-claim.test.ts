import { describe, expect, test } from '@jest/globals';
import { InvalidTokenError, principalFrom } from '../src/index.js';

const guardian = { sub: 'ouder@demo', role: 'ouder-of-voogd', organisation_type: 'platform' };

describe('the guardian_of claim links a parent or guardian to young people, and nobody else', () => {
  test('a guardian token carries the linked subjects; without the claim the guardian is linked to nobody', () => {
    expect(principalFrom({ ...guardian, guardian_of: ['pr_A', 'pr_B'] }).guardianOf).toEqual(['pr_A', 'pr_B']);
    expect(principalFrom(guardian).guardianOf).toEqual([]);
  });

  test('another role carrying guardian_of is refused (a young person cannot link themself to anyone)', () => {
    expect(() => principalFrom({ sub: 'pr_A', role: 'jongere', organisation_type: 'platform', guardian_of: ['pr_B'] })).toThrow(
      InvalidTokenError,
    );
  });

  test.each([
    ['a string', 'pr_A'],
    ['an empty subject', ['']],
    ['a number', [7]],
  ])('guardian_of as %s is refused', (_label, value) => {
    expect(() => principalFrom({ ...guardian, guardian_of: value })).toThrow('malformed guardian_of');
  });

  test('a guardian names no organisation', () => {
    expect(() => principalFrom({ ...guardian, organisation_type: 'school', organisation_id: 'brin:25XY' })).toThrow(InvalidTokenError);
  });
});
