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
}

export interface AccessRecord {
  subject: string;
  resource: string;
  basis: AccessBasis;
}

/** The one way every service records a read; call it inside the transaction that loads the record. */
export async function recordAccess(manager: EntityManager, reader: Principal, access: AccessRecord): Promise<void> {
  await manager.insert(AccessLogEntry, {
    actorSubject: reader.subject,
    actorRole: reader.role,
    actorOrganisationId: reader.organisationId ?? null,
    subject: access.subject,
    resource: access.resource,
    basis: access.basis,
  });
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

export const accessLogEntities = [AccessLogEntry];
export const accessLogMigrations = [CreateAccessLog1767200000000];
