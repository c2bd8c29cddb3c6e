// The load generator: uitschrijvingen posted to the school's real HTTP API, each answer timed, and the
// moment each one's RMC task was stored, read from the RMC's own database.
import pg from 'pg';
import { Agent, request } from 'undici';
import { vsvLeaverBody } from '../../platform/vsv-leaver.js';

export interface Accepted {
  id: string;
  sentAt: number;
  acceptedAt: number;
}

export interface PhaseLoad {
  accepted: Accepted[];
  rejected: number;
  firstError?: string;
  startedAt: number;
  endedAt: number;
}

/**
 * The load generator shares the two cores with what it measures: it posts through undici's request on kept-alive
 * connections, a fraction of the CPU per request of the global fetch (which builds WHATWG streams and headers for each).
 */
const dispatcher = new Agent({ connections: 512, keepAliveTimeout: 30_000 });

export class Intake {
  private next = 0;

  constructor(
    private readonly schoolUrl: string,
    private readonly token: () => string,
    private readonly runId: string,
    private readonly offset: number,
  ) {}

  private async postOne(): Promise<Accepted | string> {
    const i = this.offset + this.next++;
    const sentAt = Date.now();
    try {
      const res = await request(`${this.schoolUrl}/uitschrijvingen`, {
        dispatcher,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token()}` },
        body: JSON.stringify(vsvLeaverBody(`BENCH-${this.runId}-${i}`, i)),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const text = await res.body.text();
      if (res.statusCode !== 201) return `${res.statusCode} ${text.slice(0, 200)}`;
      return { id: (JSON.parse(text) as { id: string }).id, sentAt, acceptedAt: Date.now() };
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Closed loop: `concurrency` requests always in flight, for `seconds` or until `max` were sent. */
  async saturate(concurrency: number, seconds: number, max: number): Promise<PhaseLoad> {
    const load: PhaseLoad = { accepted: [], rejected: 0, startedAt: Date.now(), endedAt: 0 };
    const until = load.startedAt + seconds * 1000;
    let sent = 0;
    const worker = async () => {
      while (Date.now() < until && sent < max) {
        sent++;
        this.record(load, await this.postOne());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    load.endedAt = Date.now();
    return load;
  }

  /**
   * Open loop: one request every 1/rate s whether or not earlier ones answered, at most 256 in flight (more
   * only overflows the server's accept queue: connections reset, measuring the client, not the platform).
   */
  async fixedRate(ratePerSecond: number, seconds: number): Promise<PhaseLoad> {
    const load: PhaseLoad = { accepted: [], rejected: 0, startedAt: Date.now(), endedAt: 0 };
    const total = Math.round(ratePerSecond * seconds);
    const inFlight = new Set<Promise<void>>();
    for (let k = 0; k < total; k++) {
      const due = load.startedAt + (k * 1000) / ratePerSecond;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight.size >= 256) await Promise.race(inFlight);
      const p: Promise<void> = this.postOne().then((o) => {
        this.record(load, o);
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    load.endedAt = Date.now();
    return load;
  }

  private record(load: PhaseLoad, outcome: Accepted | string): void {
    if (typeof outcome === 'string') {
      load.rejected++;
      load.firstError ??= outcome;
    } else load.accepted.push(outcome);
  }
}

/**
 * When each accepted uitschrijving's task was stored: the task row's created_at (set in the RMC's consuming
 * transaction, visible once it commits). Polls until all are there or nothing new arrived for `stallMs`.
 */
export async function taskStoredTimes(rmcDatabaseUrl: string, accepted: Accepted[], stallMs = 30_000): Promise<Map<string, number>> {
  const wanted = new Set(accepted.map((a) => a.id));
  const stored = new Map<string, number>();
  const since = new Date(Math.min(...accepted.map((a) => a.sentAt)) - 5_000);
  const client = new pg.Client({ connectionString: rmcDatabaseUrl });
  await client.connect();
  try {
    let lastProgress = Date.now();
    while (stored.size < wanted.size && Date.now() - lastProgress < stallMs) {
      const { rows } = await client.query<{ id: string; t: number }>(
        `SELECT uitschrijving_id AS id, (extract(epoch FROM created_at) * 1000)::float8 AS t FROM taak WHERE created_at >= $1`,
        [since],
      );
      const before = stored.size;
      for (const r of rows) if (wanted.has(r.id)) stored.set(r.id, r.t);
      if (stored.size > before) lastProgress = Date.now();
      if (stored.size < wanted.size) await new Promise((r) => setTimeout(r, 500));
    }
    return stored;
  } finally {
    await client.end();
  }
}
