import type { CloudEvent } from '@estafette/contracts';
import { OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowOf } from '@estafette/messaging';
import type { NewUitschrijving } from './uitschrijving-with-event.js';

export interface InsertOutcome {
  id: string;
  created: boolean;
}

/** Where the statements go: the data source (each statement its own transaction) or a transaction's manager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Rows per statement: 17 record and 7 event parameters a row stay far below PostgreSQL's 65,535 parameters. */
export const ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts one school's deregistrations (at most ROWS_PER_STATEMENT), each new one with its outbox event, in one
 * statement: the records, the events of those that were new, and the relay's wake-up commit together (one round trip
 * for the intake's hot path; issue 19). A schoolReference that exists (or repeats within the batch) creates nothing
 * and answers the first record's id (a second statement reads those). Outcomes are in input order.
 * Throws InvalidEventError (before writing) for an event the contract refuses.
 */
export async function insertUitschrijvingen(
  db: Queryable,
  schoolId: string,
  items: { record: NewUitschrijving; event: CloudEvent }[],
): Promise<InsertOutcome[]> {
  if (items.length === 0) return [];
  const firstOfReference = new Map<string, (typeof items)[number]>();
  for (const item of items) if (!firstOfReference.has(item.record.schoolReference)) firstOfReference.set(item.record.schoolReference, item);
  const candidates = [...firstOfReference.values()];
  if (candidates.length > ROWS_PER_STATEMENT) throw new RangeError(`at most ${ROWS_PER_STATEMENT} uitschrijvingen per statement`);
  const parameters: unknown[] = [];
  for (const c of candidates) parameters.push(...columnValues(c.record));
  for (const [ordinal, c] of candidates.entries()) parameters.push(ordinal, c.record.id, ...outboxRowOf(c.event));
  parameters.push(OUTBOX_CHANNEL);
  const inserted = (await db.query(insertStatement(candidates.length), parameters)) as { id: string }[];
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

/** The columns a new record sets (created_at and the withdrawal columns keep their defaults), in statement order. */
const COLUMNS = [
  'id',
  'school_id',
  'school_reference',
  'pseudonymous_reference',
  'bsn',
  'student_number',
  'birth_date',
  'deregistration_date',
  'school_type',
  'school_level',
  'highest_diploma',
  'has_startkwalificatie',
  'reason',
  'exit_interview_held',
  'municipality_of_residence',
  'contact',
  'nazorg_status',
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

/** Statement text per row count, built once: a batch size repeats, so does its text. */
const statements = new Map<number, string>();

/**
 * Parameters: the records' columns row by row, then per record (ordinal, record id, its outbox row), then the
 * outbox channel. Events are staged only for records that were inserted, in input order (the outbox position
 * is publish order).
 */
function insertStatement(rows: number): string {
  let text = statements.get(rows);
  if (text) return text;
  const width = COLUMNS.length;
  const records = Array.from({ length: rows }, (_, row) => `(${COLUMNS.map((_, col) => `$${row * width + col + 1}`).join(', ')})`);
  const eventWidth = 2 + OUTBOX_COLUMNS.length;
  const types = ['int', 'uuid', ...OUTBOX_COLUMNS.map(() => 'text')];
  const events = Array.from(
    { length: rows },
    (_, row) => `(${types.map((type, col) => `$${rows * width + row * eventWidth + col + 1}::${type}`).join(', ')})`,
  );
  const channel = `$${rows * (width + eventWidth) + 1}`;
  text = `WITH new_record AS (
      INSERT INTO uitschrijving (${COLUMNS.join(', ')}) VALUES ${records.join(', ')}
      ON CONFLICT (school_id, school_reference) DO NOTHING RETURNING id
    ), staged AS (
      INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')})
      SELECT ${OUTBOX_COLUMNS.map((c) => (c === 'event' ? 'e.event::jsonb' : `e.${c}`)).join(', ')}
        FROM (VALUES ${events.join(', ')}) AS e (ordinal, record_id, ${OUTBOX_COLUMNS.join(', ')})
        JOIN new_record ON new_record.id = e.record_id
       ORDER BY e.ordinal
    )
    SELECT id, pg_notify(${channel}, '') AS notified FROM new_record`;
  if (statements.size < 64) statements.set(rows, text);
  return text;
}
