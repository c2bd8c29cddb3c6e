import pg from 'pg';
import { processCpuSeconds } from '../../platform/idle-cpu.js';

/** CPU seconds used so far by each PostgreSQL backend of the bench's databases, keyed by pid and database. */
export type DatabaseCpuSnapshot = Map<string, { database: string; seconds: number }>;

/**
 * The bench databases' backends now (user + system CPU from /proc), each with its database's name without
 * `databasePrefix`. The server's own processes (WAL writer, checkpointer, autovacuum) are no backend of a database and
 * are left out. Only for a server on this machine (the bench's own): a pid that is no `postgres` process here is skipped.
 * Linux only.
 */
export async function databaseCpuSnapshot(serverUrl: string, databasePrefix: string): Promise<DatabaseCpuSnapshot> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; db: string }>(
      `SELECT pid, datname AS db FROM pg_stat_activity WHERE datname LIKE $1 AND pid <> pg_backend_pid()`,
      [`${databasePrefix}%`],
    );
    const snapshot: DatabaseCpuSnapshot = new Map();
    for (const { pid, db } of rows) {
      const seconds = processCpuSeconds(pid, 'postgres');
      // Keyed by database too: a pid reused by another database's backend between two snapshots starts from zero.
      if (seconds !== undefined) snapshot.set(`${pid}:${db}`, { database: db.slice(databasePrefix.length), seconds });
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds each database's backends used between two snapshots, largest first, rounded to 0.1 s. A backend new since
 * `before` counts from zero; one that ended meanwhile is missing with what it used (a service's pool closes a connection
 * beyond its first two after 10 s idle: under load the services' connections stay busy, but the sum is a lower bound).
 */
export function databaseCpuDelta(before: DatabaseCpuSnapshot, after: DatabaseCpuSnapshot): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [pid, { database, seconds: now }] of after)
    seconds[database] = (seconds[database] ?? 0) + now - (before.get(pid)?.seconds ?? 0);
  return Object.fromEntries(
    Object.entries(seconds)
      .map(([database, s]) => [database, Math.round(s * 10) / 10] as const)
      .sort((a, b) => b[1] - a[1]),
  );
}
