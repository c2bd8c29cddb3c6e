import type { EntityManager } from 'typeorm';
import { AccessLogEntry } from '@estafette/auth';
import type { InzageAccess, InzageOrganisation } from './inzage-document.js';

/** Organisation id -> name, for the ids the directory knows (OrganisationsClient.names). */
export type OrganisationNames = (ids: Iterable<string | null | undefined>) => Promise<Record<string, string>>;

/** Pure: one access_log row as the inzage shows it, the reader's organisation named where the directory knows it. */
export function accessView(row: AccessLogEntry, names: Record<string, string>): InzageAccess {
  return {
    at: row.at.toISOString(),
    organisation: row.actorOrganisationId ? { id: row.actorOrganisationId, name: names[row.actorOrganisationId] ?? null } : null,
    role: row.actorRole,
    purpose: row.purpose,
    basis: row.basis,
    resource: row.resource,
    refused: row.basis.startsWith('refused:'),
  };
}

/** Every read of `subject`'s data in this service's access log, oldest first (the log is append-only). */
export async function accessesOf(manager: EntityManager, subject: string, names: OrganisationNames): Promise<InzageAccess[]> {
  const rows = await manager.find(AccessLogEntry, { where: { subject }, order: { at: 'ASC', id: 'ASC' } });
  const known = await names(rows.map((r) => r.actorOrganisationId));
  return rows.map((row) => accessView(row, known));
}

/** An organisation id with its name from `names` (null when unknown). */
export const organisationOf = (id: string, names: Record<string, string>): InzageOrganisation => ({ id, name: names[id] ?? null });
