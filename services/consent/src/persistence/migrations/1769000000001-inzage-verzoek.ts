import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The privacy officer's inzage requests (issue 20): append-only, like every audit here. */
export class InzageVerzoek1769000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inzage_verzoek (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        requested_at timestamptz NOT NULL,
        officer_subject text NOT NULL,
        officer_organisation_id text,
        verification_note text NOT NULL,
        reason text NOT NULL,
        section_status jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX inzage_verzoek_subject ON inzage_verzoek (subject)');
    await q.query('CREATE INDEX inzage_verzoek_requested_at ON inzage_verzoek (requested_at)');
    await makeAppendOnly(q, 'inzage_verzoek');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inzage_verzoek');
    await dropAppendOnly(q, 'inzage_verzoek');
  }
}
