import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consent requests (issue 23): an organisation asks, the young person answers. */
export class Toestemmingsverzoek1770600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE toestemmingsverzoek (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        requester_type text NOT NULL,
        requester_id text NOT NULL,
        requested_by text NOT NULL,
        data_categories text[] NOT NULL,
        holder_type text NOT NULL,
        holder_id text NOT NULL,
        purpose text NOT NULL,
        reason text NOT NULL,
        valid_until date NOT NULL,
        wording_text text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'akkoord', 'afgewezen')),
        requested_at timestamptz NOT NULL,
        answered_at timestamptz,
        toestemming_id uuid REFERENCES toestemming (id)
      )`);
    await q.query('CREATE INDEX toestemmingsverzoek_subject ON toestemmingsverzoek (subject)');
    await q.query('CREATE INDEX toestemmingsverzoek_requester ON toestemmingsverzoek (requester_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE toestemmingsverzoek');
  }
}
