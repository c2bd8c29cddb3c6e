import { dropAppendOnly, makeAppendOnly } from './append-only.js';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import type { Principal } from './principal.js';

/**
 * Why the caller may see the record: their own organisation's record, a consent, or a legal basis from the
 * convenant; or `refused:<reason>` for a read that was refused (the attempt is logged too).
 */
export type AccessBasis = 'own-organisation' | `consent:${string}` | `legal-basis:${string}` | 'own-record' | `refused:${string}`;

/** One read of a young person's record. Rows are never changed or removed (the database refuses it). */
@Entity({ name: 'access_log' })
@Index(['subject', 'at'])
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'actor_organisation_id', type: 'text', nullable: true })
  actorOrganisationId!: string | null;

  /** The young person's pseudonymous reference: what they can ask "who saw my data" by. */
  @Column({ type: 'text' })
  subject!: string;

  /** What was read, e.g. uitschrijving/<id>. */
  @Column({ type: 'text' })
  resource!: string;

  @Column({ type: 'text' })
  basis!: string;

  /** Why it was read (a purpose of the vocabulary, e.g. `rmc-trajectbegeleiding`, or `werklijst`); null in rows from before purposes were kept. */
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;
}

export interface AccessRecord {
  subject: string;
  resource: string;
  basis: AccessBasis;
  /** Why the reader reads it; what the young person sees in their inzage next to the basis. */
  purpose?: string;
}

const row = (reader: Principal, access: AccessRecord) => ({
  actorSubject: reader.subject,
  actorRole: reader.role,
  actorOrganisationId: reader.organisationId ?? null,
  subject: access.subject,
  resource: access.resource,
  basis: access.basis,
  purpose: access.purpose ?? null,
});

/** The one way every service records a read; call it inside the transaction that loads the record. */
export async function recordAccess(manager: EntityManager, reader: Principal, access: AccessRecord): Promise<void> {
  await manager.insert(AccessLogEntry, row(reader, access));
}

/**
 * A list read (worklist, inbox, caseload): one row per young person shown, in one statement, so a list never hides a
 * read that one record's page would log. Nothing is written for an empty list.
 */
export async function recordAccesses(manager: EntityManager, reader: Principal, accesses: AccessRecord[]): Promise<void> {
  if (accesses.length)
    await manager.insert(
      AccessLogEntry,
      accesses.map((access) => row(reader, access)),
    );
}

export class CreateAccessLog1767200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        actor_organisation_id text,
        subject text NOT NULL,
        resource text NOT NULL,
        basis text NOT NULL
      )`);
    await q.query('CREATE INDEX access_log_subject_at ON access_log (subject, at)');
    // Append-only even for the service's own database user: a trigger refuses changes and removals.
    await makeAppendOnly(q, 'access_log');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_log');
    await dropAppendOnly(q, 'access_log');
  }
}

/** Every read says why (issue 20): a nullable column, so the rows from before stay as they were (the table is append-only). */
export class AccessLogPurpose1769000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE access_log ADD COLUMN purpose text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE access_log DROP COLUMN purpose');
  }
}

export const accessLogEntities = [AccessLogEntry];
export const accessLogMigrations = [CreateAccessLog1767200000000, AccessLogPurpose1769000000000];
