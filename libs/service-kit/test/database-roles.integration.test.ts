import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  kafkaAccess,
  provisionTestTopics,
  rolesConnectedTo,
  sql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
} from '@estafette/testing';
import { createServiceApp, serviceModule, type ServiceConfig } from '../src/index.js';

// Issue 17, part 2: the service runs as a role that can read and write its rows but cannot alter its tables or
// disable their triggers. Real PostgreSQL, roles made as on a real server (createTestDatabase), the shared tables of
// every service (outbox, inbox, the append-only access_log) migrated by the owner.
@Module({})
class PlainModule {}

describe('a service runs as its runtime role, which cannot alter its tables or disable their triggers', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let other: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  const config = (databaseUrl: string, migrationUrl?: string): ServiceConfig => ({
    name: 'plain',
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    ...(migrationUrl ? { migrationUrl } : {}),
    // A service of no kind: it connects as the ops principal, which may use any topic and group of the prefix.
    kafkaBrokers: kafkaAccess().brokers,
    kafkaSasl: kafkaAccess().sasl,
    topicPrefix: prefix,
    oidcIssuer: issuer.issuer,
    oidcAudience: issuer.audience,
    oidcJwksUrl: issuer.jwksUrl,
  });
  const start = (c: ServiceConfig) =>
    createServiceApp(serviceModule({ module: PlainModule, config: c, entities: [], migrations: [] }) as never, {
      title: 'plain',
      logger: false,
    });
  /** Only builds the module (its database connection and checks), and throws what fails instead of ending the process. */
  const refusal = (c: ServiceConfig) =>
    NestFactory.create(serviceModule({ module: PlainModule, config: c, entities: [], migrations: [] }) as never, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    }).then((started) => started.close());
  const asApp = (text: string, params: unknown[] = []) => sql(db.url, text, params);
  const logAccess = (resource: string) =>
    asApp(
      `INSERT INTO access_log (actor_subject, actor_role, actor_organisation_id, subject, resource, basis)
       VALUES ('u1', 'rmc-consulent', 'rmc:MC21', 'pr_X', $1, 'test')`,
      [resource],
    );

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    [db, other, issuer] = await Promise.all([createTestDatabase('roles'), createTestDatabase('rolesother'), startTestIssuer()]);
    app = await start(config(db.url, db.ownerUrl));
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([db?.drop(), other?.drop(), issuer?.close()]);
  });

  test('the service is connected as the runtime role, which is no superuser and may not create roles or databases', async () => {
    expect(await rolesConnectedTo(db)).toEqual([{ role: `${db.name}_app`, superuser: false }]);
    expect(await asApp('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user')).toEqual([
      { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
    ]);
    expect((await fetch(`${await app.getUrl()}/health`)).status).toBe(200);
  });

  test('its normal writes work: insert (with a sequence), update and delete rows, append to the access log', async () => {
    await logAccess('/dossiers/1');
    expect(await asApp(`SELECT resource FROM access_log WHERE resource = '/dossiers/1'`)).toEqual([{ resource: '/dossiers/1' }]);
    const id = randomUUID();
    // Already published, so the relay leaves it alone.
    await asApp(`INSERT INTO outbox (event_id, type, topic, key, event, published_at) VALUES ($1, 't', 'nowhere', 'k', '{}', now())`, [id]);
    await asApp(`UPDATE outbox SET key = 'k2' WHERE event_id = $1`, [id]);
    expect(await asApp('SELECT key FROM outbox WHERE event_id = $1', [id])).toEqual([{ key: 'k2' }]);
    await asApp('DELETE FROM outbox WHERE event_id = $1', [id]);
    expect(await asApp('SELECT 1 FROM outbox WHERE event_id = $1', [id])).toEqual([]);
  });

  test.each([
    ['ALTER TABLE access_log DISABLE TRIGGER ALL', 'must be owner of table access_log'],
    ['ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete', 'must be owner of table access_log'],
    ['ALTER TABLE access_log ADD COLUMN note text', 'must be owner of table access_log'],
    ['DROP TABLE access_log', 'must be owner of table access_log'],
    ['DROP TABLE outbox', 'must be owner of table outbox'],
    ['DROP TRIGGER access_log_no_update_delete ON access_log', 'must be owner of relation access_log'],
    ['DROP FUNCTION access_log_append_only()', 'must be owner of function access_log_append_only'],
    ['TRUNCATE access_log', 'permission denied for table access_log'],
    ['CREATE TABLE shadow (id int)', 'permission denied for schema public'],
    ['SET session_replication_role = replica', 'permission denied to set parameter "session_replication_role"'],
    ['CREATE ROLE intruder SUPERUSER', 'permission denied to create role'],
    ['CREATE DATABASE intruder', 'permission denied to create database'],
    ['UPDATE access_log SET resource = $$/elsewhere$$', 'access_log is append-only'],
    ['DELETE FROM access_log', 'access_log is append-only'],
  ])('as the runtime role, %s fails: %s', async (statement, error) => {
    await expect(asApp(statement)).rejects.toThrow(error);
  });

  test('taking a table over, or the owner role itself, is refused', async () => {
    await expect(asApp(`ALTER TABLE access_log OWNER TO ${db.name}_app`)).rejects.toThrow('must be owner of table access_log');
    await expect(asApp(`GRANT ${db.name}_owner TO ${db.name}_app`)).rejects.toThrow('permission denied to grant role');
    await expect(asApp(`SET ROLE ${db.name}_owner`)).rejects.toThrow('permission denied to set role');
  });

  test("a runtime role cannot connect to another service's database", async () => {
    const elsewhere = new URL(db.url);
    elsewhere.pathname = `/${other.name}`;
    await expect(sql(elsewhere.href, 'SELECT 1')).rejects.toThrow(`permission denied for database "${other.name}"`);
  });

  test('a service started as the superuser or as the owner refuses to start, naming the role', async () => {
    await expect(refusal(config(db.adminUrl))).rejects.toThrow(/refusing to run as database role \w+ \(superuser/);
    await expect(refusal(config(db.ownerUrl))).rejects.toThrow(`refusing to run as database role ${db.name}_owner (owner of`);
  });

  test('a runtime role on a database without its migrations refuses to start: it cannot apply them itself', async () => {
    await expect(refusal(config(other.url))).rejects.toThrow(/lacks \d+ migration\(s\).*migrate/);
    expect(await sql(other.adminUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual([{ n: 0 }]);
  });
});
