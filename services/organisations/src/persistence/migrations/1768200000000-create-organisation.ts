import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganisation1768200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id text PRIMARY KEY,
        kind text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX organisation_kind_active ON organisation (kind, active)');
    // The ops list is sorted by name; a search is a substring match on name or code over a few thousand rows.
    await q.query('CREATE INDEX organisation_name ON organisation (lower(name), id)');
    await q.query(`
      CREATE TABLE organisation_audit (
        id bigserial PRIMARY KEY,
        organisation_id text NOT NULL,
        action text NOT NULL,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        before jsonb,
        after jsonb NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX organisation_audit_organisation ON organisation_audit (organisation_id, id)');
    // Who registered what stays as it was written, even for the service's own database user.
    await makeAppendOnly(q, 'organisation_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organisation_audit');
    await dropAppendOnly(q, 'organisation_audit');
    await q.query('DROP TABLE organisation');
  }
}
