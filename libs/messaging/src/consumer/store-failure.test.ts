import { describe, expect, test } from '@jest/globals';
import { failureOwner } from './store-failure.js';

const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
const typeormWrapped = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

describe('whose fault a failure is', () => {
  test.each([
    ['read-only transaction', '25006'],
    ['disk full', '53100'],
    ['too many connections', '53300'],
    ['admin shutdown', '57P01'],
    ['missing table', '42P01'],
    ['connection failure', '08006'],
    ['a prepared statement the connection does not hold', '26000'],
  ])('%s is the store’s: retry, never dead-letter', (_, code) => {
    expect(failureOwner(pgError(code))).toBe('store');
    expect(failureOwner(typeormWrapped(code))).toBe('store');
  });

  test('a value the column cannot hold and a broken constraint are the record’s', () => {
    expect(failureOwner(pgError('22P02'))).toBe('record');
    expect(failureOwner(pgError('22007'))).toBe('record');
    expect(failureOwner(typeormWrapped('23505'))).toBe('record');
  });

  test('a prepared statement planned before a column type changed is the store’s; other unsupported features are unknown', () => {
    expect(failureOwner(pgError('0A000', 'cached plan must not change result type'))).toBe('store');
    expect(failureOwner(pgError('0A000', 'FOR UPDATE is not allowed with GROUP BY clause'))).toBe('unknown');
  });

  test('a lost connection without a SQLSTATE is the store’s; a handler’s own error is unknown', () => {
    expect(failureOwner(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe('store');
    expect(failureOwner(new Error('Connection terminated unexpectedly'))).toBe('store');
    expect(failureOwner(new Error('no region for GM9999'))).toBe('unknown');
    expect(failureOwner(pgError('XX000'))).toBe('unknown');
  });
});
