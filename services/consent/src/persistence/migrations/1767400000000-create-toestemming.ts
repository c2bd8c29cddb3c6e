import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateToestemming1767400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE toestemming (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        birth_date date NOT NULL,
        data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
        from_type text NOT NULL,
        from_id text,
        to_type text NOT NULL,
        to_id text,
        purpose text NOT NULL,
        valid_from date NOT NULL,
        valid_until date,
        wording_version text NOT NULL,
        wording_text text NOT NULL,
        how_given text NOT NULL,
        granted_by text[] NOT NULL CHECK (cardinality(granted_by) > 0),
        given_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by text,
        CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);
    await q.query('CREATE INDEX toestemming_subject ON toestemming (subject)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE toestemming');
  }
}
