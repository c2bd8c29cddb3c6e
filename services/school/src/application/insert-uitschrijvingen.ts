import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowOf, preparedQuery, type OutboxHold } from '@estafette/messaging';
import type { NewUitschrijving } from './uitschrijving-with-event.js';

export interface InsertOutcome {
  id: string;
  created: boolean;
}

/** Where the statements go: the data source (each statement its own transaction) or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Rows per statement: the columns go as arrays, so the limit is not PostgreSQL's 65,535 parameters but the size of one
 * statement's work; also the intake's largest group.
 */
export const ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts one school's deregistrations (at most ROWS_PER_STATEMENT), each new one with its outbox event, in one
 * statement: the records, the events of those that were new, and the relay's wake-up commit together (one round trip
 * for the intake's hot path; issue 19). A schoolReference that exists (or repeats within the batch) creates nothing
 * and answers the first record's id (a second statement reads those). Outcomes are in input order.
 * One statement text for every row count, each column an array: a named prepared statement, parsed and planned once
 * per connection (a text per row count was planned on every run, as long as it took to execute under the import).
 * With a `hold` the events wait in the outbox until it is released (an import's, see OutboxHold), and the relay is not
 * woken for them. Throws InvalidEventError (before writing) for an event the contract refuses.
 */
export async function insertUitschrijvingen(
  db: Queryable,
  schoolId: string,
  items: { record: NewUitschrijving; event: CloudEvent }[],
  hold?: OutboxHold,
): Promise<InsertOutcome[]> {
  if (items.length === 0) return [];
  const firstOfReference = new Map<string, (typeof items)[number]>();
  for (const item of items) if (!firstOfReference.has(item.record.schoolReference)) firstOfReference.set(item.record.schoolReference, item);
  const candidates = [...firstOfReference.values()];
  if (candidates.length > ROWS_PER_STATEMENT) throw new RangeError(`at most ${ROWS_PER_STATEMENT} uitschrijvingen per statement`);
  const recordColumns = COLUMNS.map(() => [] as unknown[]);
  for (const c of candidates) columnValues(c.record).forEach((value, column) => recordColumns[column]!.push(value));
  const eventColumns = OUTBOX_COLUMNS.map(() => [] as string[]);
  for (const c of candidates) outboxRowOf(c.event).forEach((value, column) => eventColumns[column]!.push(value));
  const parameters = [...recordColumns, ...eventColumns, OUTBOX_CHANNEL, hold?.id ?? null];
  const inserted = await preparedQuery<{ id: string }[]>(db, INSERT_STATEMENT, parameters);
  const insertedIds = new Set(inserted.map((r) => r.id));

  const idOfReference = new Map(candidates.filter((c) => insertedIds.has(c.record.id)).map((c) => [c.record.schoolReference, c.record.id]));
  const existingRefs = candidates.filter((c) => !insertedIds.has(c.record.id)).map((c) => c.record.schoolReference);
  if (existingRefs.length > 0) {
    // A conflicting row is committed by now: ON CONFLICT waited for the transaction that wrote it.
    const existing = (await db.query(
      'SELECT id, school_reference FROM uitschrijving WHERE school_id = $1 AND school_reference = ANY($2::text[])',
      [schoolId, existingRefs],
    )) as { id: string; school_reference: string }[];
    for (const e of existing) idOfReference.set(e.school_reference, e.id);
  }
  return items.map((item) => {
    const id = idOfReference.get(item.record.schoolReference);
    if (!id) throw new Error(`schoolReference ${item.record.schoolReference} neither inserted nor found`);
    return { id, created: id === item.record.id };
  });
}

/** The columns a new record sets (created_at and the withdrawal columns keep their defaults), in statement order, with their types. */
const COLUMNS = [
  ['id', 'uuid'],
  ['school_id', 'text'],
  ['school_reference', 'text'],
  ['pseudonymous_reference', 'text'],
  ['bsn', 'text'],
  ['student_number', 'text'],
  ['birth_date', 'date'],
  ['deregistration_date', 'date'],
  ['school_type', 'text'],
  ['school_level', 'text'],
  ['highest_diploma', 'text'],
  ['has_startkwalificatie', 'boolean'],
  ['reason', 'text'],
  ['exit_interview_held', 'boolean'],
  ['municipality_of_residence', 'text'],
  ['contact', 'jsonb'],
  ['nazorg_status', 'text'],
] as const;

function columnValues(r: NewUitschrijving): unknown[] {
  return [
    r.id,
    r.schoolId,
    r.schoolReference,
    r.pseudonymousReference,
    r.bsn,
    r.studentNumber,
    r.birthDate,
    r.deregistrationDate,
    r.schoolType,
    r.schoolLevel,
    r.highestDiploma,
    r.hasStartkwalificatie,
    r.reason,
    r.exitInterviewHeld,
    r.municipalityOfResidence,
    // pg sends a plain object as JSON, but a jsonb parameter is clearer as text.
    r.contact === null ? null : JSON.stringify(r.contact),
    r.nazorgStatus,
  ];
}

const names = COLUMNS.map(([name]) => name).join(', ');
const eventParameter = (column: number) => `$${COLUMNS.length + column + 1}`;
const heldBy = eventParameter(OUTBOX_COLUMNS.length + 1);

/**
 * Parameters: one array per record column (COLUMNS order), one per outbox column (OUTBOX_COLUMNS order), then the
 * outbox channel and the hold (null: none; the relay is woken only for events it may publish). unnest keeps the
 * arrays' order, and WITH ORDINALITY numbers the events, so the events of the records that were inserted are staged in
 * input order (the outbox position is publish order).
 */
const INSERT_STATEMENT = `WITH input AS (
      SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS r (${names}, ordinal)
    ), new_record AS (
      INSERT INTO uitschrijving (${names}) SELECT ${names} FROM input ORDER BY ordinal
      ON CONFLICT (school_id, school_reference) DO NOTHING RETURNING id
    ), staged AS (
      INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')}, held_by)
      SELECT ${OUTBOX_COLUMNS.map((c) => (c === 'event' ? 'e.event::jsonb' : `e.${c}`)).join(', ')}, ${heldBy}::text
        FROM unnest(${OUTBOX_COLUMNS.map((_, i) => `${eventParameter(i)}::text[]`).join(', ')}) WITH ORDINALITY AS e (${OUTBOX_COLUMNS.join(', ')}, ordinal)
        JOIN input ON input.ordinal = e.ordinal
        JOIN new_record ON new_record.id = input.id
       ORDER BY e.ordinal
    )
    SELECT id, CASE WHEN ${heldBy}::text IS NULL THEN pg_notify(${eventParameter(OUTBOX_COLUMNS.length)}, '') END AS notified FROM new_record`;
