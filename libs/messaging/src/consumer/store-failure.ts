/**
 * Whose fault a failure is. `store`: the database cannot do its work now (gone, read-only, full, a table missing,
 * shutting down), so retrying later will help and the event must never be dead-lettered for it. `record`: the database
 * refused what this record asked (a value it cannot hold, a constraint), so retrying cannot help. `unknown`: anything
 * else (the handler's own errors). Source: PostgreSQL SQLSTATE classes (Appendix A of the PostgreSQL manual); design.
 */
export type FailureOwner = 'store' | 'record' | 'unknown';

// 08: connection exception; 25006: read-only transaction; 53: insufficient resources (disk full, out of memory, too
// many connections); 57P01-57P03: admin or crash shutdown, cannot connect now; 42P01: undefined table (a migration
// missing); 3D000: no such database; 28: invalid authorisation; 58: system error (I/O); 26000: a prepared statement the
// connection does not hold (a pooler in transaction mode without prepared-statement support: preparedQuery).
const STORE_CODES = [/^08/, /^25006$/, /^53/, /^57P0[1-3]$/, /^42P01$/, /^3D000$/, /^28/, /^58/, /^26000$/];
// 0A000 is "feature not supported" in general; this message is a prepared statement planned before a column's type
// changed under it (a migration while running): the store's state, not the record's.
const STALE_PLAN = /cached plan must not change result type/i;
// 22: data exception (a value the column cannot hold); 23: integrity constraint violation.
const RECORD_CODES = [/^22/, /^23/];
const NETWORK_ERRORS =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|timeout exceeded when trying to connect/i;

/** SQLSTATE of a pg error, also when TypeORM wrapped it (QueryFailedError.driverError). */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** See FailureOwner. */
export function failureOwner(error: unknown): FailureOwner {
  const code = sqlState(error);
  if (code && STORE_CODES.some((c) => c.test(code))) return 'store';
  if (code === '0A000' && STALE_PLAN.test(error instanceof Error ? error.message : String(error))) return 'store';
  if (code && RECORD_CODES.some((c) => c.test(code))) return 'record';
  const message = error instanceof Error ? error.message : String(error);
  if (!code && NETWORK_ERRORS.test(message)) return 'store';
  return 'unknown';
}
