// Load through the school's real HTTP API, and the count of every record in every store afterwards.
import { uitschrijvingRegistered, vsvMeldingRegistered } from '@estafette/contracts';
import { bsnFor, vsvLeaverBody } from '@estafette/infra';
import { sql } from '@estafette/testing';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FaultPlatform } from './harness.js';

/** An eligible vsv leaver (see @estafette/infra vsvLeaverBody), unique per row. */
export function uitschrijvingBody(run: string, i: number, bsn = bsnFor(i)) {
  return vsvLeaverBody(`FAULT-${run}-${i}`, i, bsn);
}

export interface Outcome {
  index: number;
  status: number | 'error';
  id?: string;
  detail?: string;
  /** What was going on (the fault's phase) when the answer came. */
  phase: string;
}

/**
 * Posts `total` uitschrijvingen with a few requests in flight, paced so a fault lands mid-stream.
 * The test moves `phase` along as it injects faults; every answer records the phase it arrived in.
 */
export class SchoolLoad {
  readonly outcomes: Outcome[] = [];
  phase = 'before';
  readonly done: Promise<void>;
  private next = 0;
  private total: number;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly schoolUrl: string,
    private readonly token: string,
    private readonly opts: { run: string; total: number; concurrency?: number; pauseMs?: number },
  ) {
    this.total = opts.total;
    const workers = Array.from({ length: opts.concurrency ?? 3 }, () => this.worker());
    this.done = Promise.all(workers).then(() => this.notify());
  }

  get accepted(): Outcome[] {
    return this.outcomes.filter((o) => o.status === 201);
  }

  /**
   * Sends no further requests (those in flight still finish; `done` resolves after them). For a test
   * whose fault takes as long as it takes: the load runs until the test has seen every phase it needs.
   */
  stop(): void {
    this.total = Math.min(this.total, this.next);
    this.notify();
  }

  /** Resolves once `count` answers have come back (or the load has ended). */
  answered(count: number): Promise<void> {
    if (this.outcomes.length >= count || this.next >= this.total) return this.outcomes.length >= count ? Promise.resolve() : this.done;
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private notify(): void {
    const finished = this.next >= this.total && this.outcomes.length >= this.total;
    this.waiters = this.waiters.filter((w) => (this.outcomes.length >= w.count || finished ? (w.resolve(), false) : true));
  }

  private async worker(): Promise<void> {
    while (this.next < this.total) {
      const index = this.next++;
      this.outcomes.push(await this.postOne(index));
      this.notify();
      if (this.opts.pauseMs) await new Promise((r) => setTimeout(r, this.opts.pauseMs));
    }
  }

  private async postOne(index: number): Promise<Outcome> {
    try {
      const res = await fetch(`${this.schoolUrl}/uitschrijvingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(uitschrijvingBody(this.opts.run, index)),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const id = res.status === 201 ? (JSON.parse(text) as { id: string }).id : undefined;
      return { index, status: res.status, id, detail: res.status === 201 ? undefined : text.slice(0, 300), phase: this.phase };
    } catch (error) {
      return { index, status: 'error', detail: (error as Error).message, phase: this.phase };
    }
  }
}

export async function schoolToken(platform: FaultPlatform): Promise<string> {
  return platform.issuer.issueToken({
    role: 'school-system',
    organisationType: 'school',
    organisationId: 'brin:25XY',
    sub: 'client-25xy',
    expiresIn: 3600,
  });
}

export interface StoreCounts {
  schoolUitschrijvingen: number;
  schoolOutboxUitschrijving: number;
  schoolOutboxUnpublished: number;
  schoolInboxVsvMelding: number;
  rmcInboxUitschrijving: number;
  rmcTaken: number;
  rmcDistinctUitschrijvingen: number;
  rmcOutboxVsvMelding: number;
  rmcOutboxUnpublished: number;
}

const count = async (url: string, text: string, params: unknown[] = []): Promise<number> =>
  Number((await sql<{ n: string }>(url, text, params))[0]!.n);
const U = [uitschrijvingRegistered.type];
const V = [vsvMeldingRegistered.type];

/** Every record the flow leaves behind, in both services' databases. */
export async function storeCounts(platform: FaultPlatform): Promise<StoreCounts> {
  const school = platform.postgres.url('school');
  const rmc = platform.rmcPostgres.url('rmc');
  const [rmcTaken, rmcDistinct] = (
    await sql<{ n: string; d: string }>(rmc, 'SELECT count(*) AS n, count(DISTINCT uitschrijving_id) AS d FROM taak')
  ).map((r) => [Number(r.n), Number(r.d)])[0]!;
  return {
    schoolUitschrijvingen: await count(school, 'SELECT count(*) AS n FROM uitschrijving'),
    schoolOutboxUitschrijving: await count(school, 'SELECT count(*) AS n FROM outbox WHERE type = $1', U),
    schoolOutboxUnpublished: await count(school, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
    schoolInboxVsvMelding: await count(school, 'SELECT count(*) AS n FROM inbox WHERE type = $1', V),
    rmcInboxUitschrijving: await count(rmc, 'SELECT count(*) AS n FROM inbox WHERE type = $1', U),
    rmcTaken: rmcTaken!,
    rmcDistinctUitschrijvingen: rmcDistinct!,
    rmcOutboxVsvMelding: await count(rmc, 'SELECT count(*) AS n FROM outbox WHERE type = $1', V),
    rmcOutboxUnpublished: await count(rmc, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
  };
}

/** Polls until every store has caught up with `expected` (or the timeout passes; the caller then asserts what it has). */
export async function settle(platform: FaultPlatform, expected: number, timeoutMs = 120_000): Promise<StoreCounts> {
  const deadline = Date.now() + timeoutMs;
  let last: StoreCounts | undefined;
  while (Date.now() < deadline) {
    try {
      last = await storeCounts(platform);
      const caughtUp =
        last.schoolOutboxUnpublished === 0 &&
        last.rmcOutboxUnpublished === 0 &&
        last.rmcTaken >= expected &&
        last.schoolInboxVsvMelding >= expected &&
        last.rmcInboxUitschrijving >= expected;
      if (caughtUp) return last;
    } catch {
      // a store that is just coming back; try again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  reportServiceErrors(platform);
  return last ?? storeCounts(platform);
}

/** On a run that did not settle: the services' own last warnings and errors, so a CI log shows why. */
function reportServiceErrors(platform: FaultPlatform, lines = 10): void {
  for (const service of ['school', 'rmc']) {
    const file = path.join(platform.workDir, `${service}.log`);
    if (!existsSync(file)) continue;
    const own = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /"level":"(warn|error)"/.test(line));
    for (const line of own.slice(-lines)) process.stderr.write(`[faults] ${service}: ${line.slice(0, 400)}\n`);
  }
}

/** The exact tally a clean run must end with: one of everything per accepted uitschrijving. */
export function expectedCounts(accepted: number): StoreCounts {
  return {
    schoolUitschrijvingen: accepted,
    schoolOutboxUitschrijving: accepted,
    schoolOutboxUnpublished: 0,
    schoolInboxVsvMelding: accepted,
    rmcInboxUitschrijving: accepted,
    rmcTaken: accepted,
    rmcDistinctUitschrijvingen: accepted,
    rmcOutboxVsvMelding: accepted,
    rmcOutboxUnpublished: 0,
  };
}

/** The RMC's tasks name exactly the uitschrijvingen the school accepted. */
export async function taakUitschrijvingIds(platform: FaultPlatform): Promise<string[]> {
  return (await sql<{ id: string }>(platform.rmcPostgres.url('rmc'), 'SELECT uitschrijving_id AS id FROM taak ORDER BY 1')).map(
    (r) => r.id,
  );
}
