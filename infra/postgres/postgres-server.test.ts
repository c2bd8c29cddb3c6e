import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabases, postgresFromEnvironment, startEmbeddedPostgres, type PostgresServer } from './postgres-server.js';
import { freePort } from '../platform/free-port.js';

describe('embedded PostgreSQL', () => {
  let workDir: string;
  let server: PostgresServer;
  let port: number;

  beforeAll(async () => {
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'estafette-pg-test-'));
    await fs.chmod(workDir, 0o755);
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'data'), port });
  });

  afterAll(async () => {
    await server?.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  test('creates one database per service, idempotently, on a real server', async () => {
    await ensureDatabases(server, ['school', 'rmc']);
    await ensureDatabases(server, ['school', 'rmc', 'zorg']);
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname IN ('school','rmc','zorg') ORDER BY 1",
    );
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    await client.end();
    expect(rows.map((r) => r.datname)).toEqual(['rmc', 'school', 'zorg']);
    expect(Number(version.rows[0]!.server_version.split('.')[0])).toBeGreaterThanOrEqual(15);
  });

  test('its URLs connect over the Unix socket, also as another role on another database made from them', async () => {
    const overSocket = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ client: string | null; db: string; who: string }>(
          'SELECT inet_client_addr()::text AS client, current_database() AS db, current_user AS who',
        );
        return rows[0]!;
      } finally {
        await client.end();
      }
    };
    // A TCP connection has a client address; one over the Unix socket has none.
    expect(await overSocket(server.url('postgres'))).toEqual({ client: null, db: 'postgres', who: 'postgres' });
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query("CREATE ROLE socket_probe LOGIN PASSWORD 'probe-pw'");
    await admin.end();
    await ensureDatabases(server, ['socket_probe_db']);
    const asProbe = new URL(server.url('postgres'));
    asProbe.username = 'socket_probe';
    asProbe.password = 'probe-pw';
    asProbe.pathname = '/socket_probe_db';
    expect(await overSocket(asProbe.href)).toEqual({ client: null, db: 'socket_probe_db', who: 'socket_probe' });
    // TCP stays open for other tools.
    const tcp = new URL(server.url('postgres'));
    tcp.search = '';
    expect((await overSocket(tcp.href)).client).toBe('127.0.0.1/32');
  });

  test('a second server on a taken port fails with a message that says what to do', async () => {
    const second = startEmbeddedPostgres({ dataDir: path.join(workDir, 'second'), port });
    await expect(second).rejects.toThrow(/did not start on 127\.0\.0\.1:\d+.*DATABASE_URL/s);
  });
});

describe('server from the environment', () => {
  test('DATABASE_URL names the server; each service gets its own database on it', () => {
    const server = postgresFromEnvironment({ DATABASE_URL: 'postgres://u:p@db.example:5433/postgres' });
    expect(server?.url('rmc')).toBe('postgres://u:p@db.example:5433/rmc');
  });

  test('PG* variables work too, and nothing set means embedded', () => {
    expect(postgresFromEnvironment({ PGHOST: 'h', PGPORT: '6000', PGUSER: 'x' })?.url('zorg')).toBe('postgres://x@h:6000/zorg');
    expect(postgresFromEnvironment({})).toBeUndefined();
  });
});
