import { createHash } from 'node:crypto';
import type { Endpoints } from './platform-client.js';
import type { Tally } from './play.js';
import type { PlannedCounts } from './scenario.js';

/** A seed from a run id: each run plays different young people, so running the demo twice adds a cohort. */
export const seedOf = (runId: string) => createHash('sha256').update(runId).digest().readUInt32BE(0);

export function printSummary(
  say: (line: string) => void,
  planned: PlannedCounts,
  tally: Tally,
  seconds: number,
  endpoints: Endpoints,
): void {
  say(
    `done in ${Math.round(seconds)} s. Planned: ${Object.entries(planned)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  say('what the APIs answered (ok / failed):');
  for (const [step, t] of Object.entries(tally))
    say(`  ${step.padEnd(28)} ${String(t.ok).padStart(6)} / ${t.failed}${t.firstFailure ? `   first failure: ${t.firstFailure}` : ''}`);
  say(
    `unanswered offers (${planned.onbeantwoord}) expire when their answer deadline passes (offerResponseWorkingDays in the RMC region map, 5 working days by default)`,
  );
  say(
    `look around: RMC worklist ${endpoints.rmc}/taken, steering figures ${endpoints.monitor}/steering (log in as in the npm start output)`,
  );
}
