// Where a deregistration's time goes between the school's commit and the RMC's transaction, read from the stores:
// the school's outbox row (created in the intake's transaction, marked once the broker acknowledged it) and the RMC's
// inbox row (written at the start of the transaction that stores the task).
import pg from 'pg';
import { uitschrijvingRegistered } from '@estafette/contracts';
import { percentiles, type Percentiles } from './stats.js';

export interface Hops {
  /** The school's outbox relay: intake transaction start to the broker's acknowledgement (published_at, clock time). */
  schoolCommitToPublished: Percentiles;
  /** The broker, the RMC's fetch and its wait for a worker: marked published to the RMC's transaction start. */
  publishedToRmcTransaction: Percentiles;
}

async function rows<T>(url: string, text: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The hops of the uitschrijvingen the school committed between `from` and `to` (epoch ms). created_at and processed_at
 * are transaction start times (now()), so a transaction's own duration counts in the hop after it; published_at is
 * the relay's clock time after the broker's acknowledgement. The clocks are one machine's.
 */
export async function hopLatencies(schoolDb: string, rmcDb: string, from: number, to: number): Promise<Hops> {
  const outbox = await rows<{ event_id: string; created: number; published: number | null }>(
    schoolDb,
    `SELECT event_id, (extract(epoch FROM created_at) * 1000)::float8 AS created, (extract(epoch FROM published_at) * 1000)::float8 AS published
       FROM outbox WHERE type = $1 AND created_at BETWEEN $2 AND $3`,
    [uitschrijvingRegistered.type, new Date(from), new Date(to)],
  );
  const inbox = await rows<{ event_id: string; processed: number }>(
    rmcDb,
    `SELECT event_id, (extract(epoch FROM processed_at) * 1000)::float8 AS processed FROM inbox WHERE event_id = ANY($1)`,
    [outbox.map((r) => r.event_id)],
  );
  const processed = new Map(inbox.map((r) => [r.event_id, r.processed]));
  const relay: number[] = [];
  const delivery: number[] = [];
  for (const r of outbox) {
    if (r.published === null) continue;
    relay.push(r.published - r.created);
    const at = processed.get(r.event_id);
    if (at !== undefined) delivery.push(at - r.published);
  }
  return { schoolCommitToPublished: percentiles(relay), publishedToRmcTransaction: percentiles(delivery) };
}
