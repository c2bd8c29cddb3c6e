import { sql } from './sql.js';

/**
 * How a retention test counts what one category holds: tables (every row counts; a deleting category) or a query
 * returning `n` (rows still holding personal data; a pseudonymising category).
 */
export type RetentionMeasure = string[] | { query: string };

async function measure(url: string, how: RetentionMeasure): Promise<number> {
  if (!Array.isArray(how)) return (await sql<{ n: number }>(url, how.query))[0]!.n;
  let total = 0;
  for (const table of how) total += (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return total;
}

/**
 * Runs a retention run (`run`, e.g. `() => app.get(RetentionRunner).runNow()`) and measures each category of
 * `measures` before and after: `counts` is what the run's audit line says, `changed` what the store lost, per category
 * (a test expects the two equal). Errors: the run returned null (another instance held the lock).
 */
export async function measuredRetentionRun(
  url: string,
  measures: Record<string, RetentionMeasure>,
  run: () => Promise<{ counts: Record<string, number> } | null>,
): Promise<{ counts: Record<string, number>; changed: Record<string, number> }> {
  const before: Record<string, number> = {};
  for (const [category, how] of Object.entries(measures)) before[category] = await measure(url, how);
  const result = await run();
  if (!result) throw new Error('the retention run did not run (another instance held the lock)');
  const changed: Record<string, number> = {};
  for (const [category, how] of Object.entries(measures)) changed[category] = before[category]! - (await measure(url, how));
  return { counts: result.counts, changed };
}

/**
 * Every table of a service's database with how many of its rows mention `text` anywhere (the row as text): what a
 * store still holds on a young person. Access log lines younger than `accessLogPeriod` (a PostgreSQL interval; the
 * database trigger keeps them) are left out.
 */
export async function rowsMentioning(url: string, text: string, accessLogPeriod = '1 year'): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const found: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const young = table === 'access_log' ? ` AND at < now() - interval '${accessLogPeriod}'` : '';
    const [{ n }] = (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1${young}`, [
      `%${text}%`,
    ])) as [{ n: number }];
    if (n > 0) found[table] = n;
  }
  return found;
}

/**
 * An access log line of a read `ago` before the database's now (a PostgreSQL interval, e.g. '13 months'): the access
 * log is append-only, so a test of its bewaartermijn writes the old line it needs this way.
 */
export async function oldAccessLogLine(url: string, subject: string, resource: string, ago: string): Promise<void> {
  await sql(
    url,
    `INSERT INTO access_log (at, actor_subject, actor_role, subject, resource, basis)
     VALUES (now() - $3::interval, 'retention-test', 'test', $1, $2, 'own-organisation')`,
    [subject, resource, ago],
  );
}
