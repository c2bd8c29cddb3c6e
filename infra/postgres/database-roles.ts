// Each service's database with its two roles (docs/security.md, Database roles): an owner that owns the schema and
// runs the migrations, and a runtime role that reads and writes rows but cannot alter a table or disable a trigger.
// Made by an administrator (the embedded server's superuser, or yours), never by a service.
import pg from 'pg';

/** A role's name and password, as they appear in a connection URL. */
export interface RoleLogin {
  role: string;
  password: string;
}

/** One service database and its two roles. */
export interface DatabaseRoles {
  database: string;
  /** Owns the schema and its tables; runs the migrations (`node main.js migrate`). */
  owner: RoleLogin;
  /** The service's runtime role: SELECT, INSERT, UPDATE, DELETE on the tables and use of the sequences, nothing more. */
  app: RoleLogin;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The role names the platform uses for a database: `<database>_owner` and `<database>_app`. */
export function roleNames(database: string): { owner: string; app: string } {
  return { owner: `${database}_owner`, app: `${database}_app` };
}

/** The same server URL with another role, password and database (the admin's URL in, a service's URL out). */
export function urlAs(serverUrl: string, login: RoleLogin, database: string): string {
  const url = new URL(serverUrl);
  url.username = encodeURIComponent(login.role);
  url.password = encodeURIComponent(login.password);
  url.pathname = `/${database}`;
  return url.href;
}

/** Reads role, password and database from a service's URL (`postgres://school_app:pw@host/school`). */
export function loginOf(url: string): RoleLogin & { database: string } {
  const parsed = new URL(url);
  return {
    role: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/**
 * The SQL that makes (or brings back in line) one database and its roles, in two parts: `server` on any database of
 * the server (the maintenance database), `database` on the service's database. Idempotent: a second run changes
 * nothing but the passwords. What docs/security.md tells an operator to run on their own server.
 * `quote` makes a string literal (pg's escapeLiteral); names must be lower-case identifiers.
 */
export function databaseRolesSql(roles: DatabaseRoles, quote: (value: string) => string): { server: string[]; database: string[] } {
  const { database, owner, app } = roles;
  for (const name of [database, owner.role, app.role]) if (!IDENTIFIER.test(name)) throw new Error(`invalid database or role name ${name}`);
  const role = (login: RoleLogin) =>
    // DO, because CREATE ROLE has no IF NOT EXISTS; the ALTER then sets the attributes on an old role as well.
    [
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${login.role}') THEN CREATE ROLE ${login.role}; END IF; END $$`,
      `ALTER ROLE ${login.role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD ${quote(login.password)}`,
    ];
  return {
    server: [
      ...role(owner),
      ...role(app),
      `ALTER DATABASE ${database} OWNER TO ${owner.role}`,
      // No other role (another service's app role) may even connect.
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${database} TO ${app.role}`,
    ],
    database: [
      `ALTER SCHEMA public OWNER TO ${owner.role}`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${app.role}`,
      // What an earlier start made as the superuser (tables, sequences, trigger functions, enums) passes to the owner.
      takeOverSql(owner.role),
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app.role}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app.role}`,
      // Tables and sequences that later migrations make (as the owner) are covered too.
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner.role} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app.role}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner.role} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app.role}`,
    ],
  };
}

function takeOverSql(owner: string): string {
  return `DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> '${owner}'::regrole
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO ${owner}',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> '${owner}'::regrole
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${owner}', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> '${owner}'::regrole
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${owner}', r.name);
  END LOOP;
END $$`;
}

/**
 * Creates the database when missing and makes (or brings in line) its owner and runtime roles, as the administrator
 * at `adminUrl` (a superuser, or a role with CREATEROLE and CREATEDB that may SET ROLE to the owner). Idempotent.
 * Returns the owner's and the runtime role's URLs on the same server. Errors: PostgreSQL's, e.g. "permission denied
 * to create role" when the administrator may not; docs/security.md then says what to run instead.
 */
export async function ensureDatabaseRoles(adminUrl: string, roles: DatabaseRoles): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new pg.Client({ connectionString: urlAs(adminUrl, loginOf(adminUrl), 'postgres') });
  await admin.connect();
  let sql: { server: string[]; database: string[] };
  try {
    sql = databaseRolesSql(roles, (v) => admin.escapeLiteral(v));
    const [exists] = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [roles.database])).rows;
    const [self] = (await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows;
    for (const statement of sql.server.slice(0, 4)) await admin.query(statement);
    // A non-superuser administrator must be able to act as the owner to hand it the database and its default privileges.
    if (!self?.rolsuper) await admin.query(`GRANT ${roles.owner.role} TO current_user`).catch(() => undefined);
    if (!exists) await admin.query(`CREATE DATABASE ${roles.database} OWNER ${roles.owner.role}`);
    for (const statement of sql.server.slice(4)) await admin.query(statement);
  } finally {
    await admin.end();
  }
  const onDatabase = new pg.Client({ connectionString: urlAs(adminUrl, loginOf(adminUrl), roles.database) });
  await onDatabase.connect();
  try {
    for (const statement of sql.database) await onDatabase.query(statement);
  } finally {
    await onDatabase.end();
  }
  return { ownerUrl: urlAs(adminUrl, roles.owner, roles.database), appUrl: urlAs(adminUrl, roles.app, roles.database) };
}

/** Drops a database and its two roles (test databases); the administrator's URL as for ensureDatabaseRoles. */
export async function dropDatabaseRoles(adminUrl: string, database: string, roles = roleNames(database)): Promise<void> {
  const admin = new pg.Client({ connectionString: urlAs(adminUrl, loginOf(adminUrl), 'postgres') });
  await admin.connect();
  try {
    for (const name of [database, roles.owner, roles.app])
      if (!IDENTIFIER.test(name)) throw new Error(`invalid database or role name ${name}`);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    // Default privileges and grants lived in the dropped database; nothing else refers to the roles.
    await admin.query(`DROP ROLE IF EXISTS ${roles.app}`);
    await admin.query(`DROP ROLE IF EXISTS ${roles.owner}`);
  } finally {
    await admin.end();
  }
}
