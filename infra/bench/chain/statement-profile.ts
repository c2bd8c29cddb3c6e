import pg from 'pg';
import { statementStatsWanted } from '../../postgres/postgres-server.js';

export interface StatementCost {
  database: string;
  /** Runs per deregistration. */
  callsPer: number;
  /** Milliseconds per deregistration spent executing and planning it. */
  executeMsPer: number;
  planMsPer: number;
  /** WAL bytes per deregistration. */
  walBytesPer: number;
  statement: string;
}

/**
 * Where the database's time goes during a window: pg_stat_statements reset at `start`, read at `stop` (the `top`
 * statements by execution plus planning time, per deregistration). Undefined unless ESTAFETTE_PG_STATEMENT_STATS=1
 * (which also starts the embedded server with the extension, postgres-server.ts), so the bench runs the same without
 * it; asked for on a server without the extension, it throws.
 */
export async function statementProfile(serverUrl: string, databasePrefix: string, env: NodeJS.ProcessEnv = process.env) {
  // Only when asked: on a server of your own (DATABASE_URL) that preloads the extension, resetting would wipe its
  // statistics for everyone.
  if (!statementStatsWanted(env)) return undefined;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows: loaded } = await client.query<{ on: boolean }>(
      `SELECT 'pg_stat_statements' = ANY(string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS on`,
    );
    if (!loaded[0]?.on) throw new Error('the server does not preload pg_stat_statements');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } catch (error) {
    await client.end();
    throw new Error(`ESTAFETTE_PG_STATEMENT_STATS=1, but no statement profile: ${(error as Error).message}`, { cause: error });
  }
  return {
    async stop(deregistrations: number, top = 12): Promise<StatementCost[]> {
      try {
        const { rows } = await client.query<{ db: string; calls: number; exec: number; plan: number; wal: string; query: string }>(
          `SELECT d.datname AS db, s.calls::float8 AS calls, s.total_exec_time AS exec, s.total_plan_time AS plan, s.wal_bytes::text AS wal,
                  left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS query
             FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname LIKE $1
            ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT $2`,
          [`${databasePrefix}%`, top],
        );
        const per = (n: number, digits: number) => Math.round((n / Math.max(1, deregistrations)) * 10 ** digits) / 10 ** digits;
        return rows.map((r) => ({
          database: r.db.slice(databasePrefix.length),
          callsPer: per(r.calls, 2),
          executeMsPer: per(r.exec, 3),
          planMsPer: per(r.plan, 3),
          walBytesPer: Math.round(Number(r.wal) / deregistrations),
          statement: r.query,
        }));
      } finally {
        await client.end();
      }
    },
  };
}
