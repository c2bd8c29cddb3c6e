// Plays a scenario through the real APIs: the schools deregister (in bulk, as administration systems do)
// and re-enrol, the RMC consulent works the worklist and hands over, W&I and zorg answer, place and check.
import { derivePseudonymousReference } from '@estafette/messaging';
import { inPool, type Actor, type Answer, type PlatformClient } from './platform-client.js';
import { addDays } from '@estafette/calendar';
import type { DemoPerson, Handover } from './scenario.js';

export interface PlayOptions {
  runId: string;
  /** SCHOOL_PSEUDONYM_SECRET of the platform: the demo finds each young person's RMC task by it. */
  pseudonymSecret: string;
  concurrency?: number;
  /** How long to wait without progress for events to reach the RMC, and for one referral to reach its receiver. */
  propagationTimeoutMs?: number;
  today: string;
  log: (line: string) => void;
}

export interface StepTally {
  ok: number;
  failed: number;
  firstFailure?: string;
}

export type Tally = Record<string, StepTally>;

const RECEIVER: Record<
  Handover['to'],
  { actor: Actor; service: 'werk-inkomen' | 'zorg'; to: { organisationType: string; id: string }; purpose: string; reason: string }
> = {
  'werk-inkomen': {
    actor: 'consulent@gm0363',
    service: 'werk-inkomen',
    to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
    purpose: 'werk',
    reason: 'school-geen-optie',
  },
  zorg: {
    actor: 'consulent@agb12345678',
    service: 'zorg',
    to: { organisationType: 'zorg', id: 'agb:12345678' },
    purpose: 'zorg',
    reason: 'ondersteuning-nodig',
  },
};

export async function playDemo(client: PlatformClient, people: DemoPerson[], opts: PlayOptions): Promise<Tally> {
  const tally: Tally = {};
  const concurrency = opts.concurrency ?? 6;
  const timeoutMs = opts.propagationTimeoutMs ?? 180_000;
  const count = (step: string, answer: Answer | Error, okStatuses = [200, 201]): boolean => {
    const t = (tally[step] ??= { ok: 0, failed: 0 });
    const ok = !(answer instanceof Error) && okStatuses.includes(answer.status);
    if (ok) t.ok++;
    else {
      t.failed++;
      t.firstFailure ??= answer instanceof Error ? answer.message : `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
    return ok;
  };
  const progress = (phase: string, done: number, total: number) => {
    if (done === total || done % 100 === 0) opts.log(`${phase}: ${done}/${total}`);
  };
  const reference = (p: DemoPerson) => `DEMO-${opts.runId}-${p.index}`;

  // 1. The schools' administration systems send their deregistrations, a few hundred rows at a time.
  for (const school of ['school-25xy', 'school-31qq'] as const) {
    const rows = people.filter((p) => p.school === school);
    for (let i = 0; i < rows.length; i += 250) {
      const chunk = rows.slice(i, i + 250);
      const answer = await client.call<string>(
        'school',
        school,
        'POST',
        '/uitschrijvingen/bulk',
        chunk.map((p) => ({ schoolReference: reference(p), ...p.uitschrijving })),
      );
      const lines =
        typeof answer.body === 'string'
          ? answer.body
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as { status?: string; errors?: unknown })
          : [];
      for (const line of lines.filter((l) => l.status)) {
        count('uitschrijving', line.status === 'rejected' ? { status: 400, body: line.errors } : { status: 201, body: line });
      }
      if (answer.status !== 200) count('uitschrijving', answer);
      opts.log(`uitschrijvingen ${school}: ${Math.min(i + 250, rows.length)}/${rows.length}`);
    }
  }

  // 2. The RMC's worklist fills from the events; each young person's task is found by their pseudonym.
  const byPseudonym = new Map(
    people.map((p) => [derivePseudonymousReference(opts.pseudonymSecret, { organisationId: 'bsn', personId: p.uitschrijving.bsn }), p]),
  );
  const taak = new Map<number, string>();
  // A busy RMC may take minutes for thousands of events: wait as long as tasks keep arriving.
  let lastProgress = Date.now();
  while (taak.size < people.length && Date.now() - lastProgress < timeoutMs) {
    const before = taak.size;
    for (let page = 1; ; page++) {
      const answer = await client.call<{ items: { id: string; pseudonymousReference: string }[]; total: number }>(
        'rmc',
        'coordinator@mc21',
        'GET',
        `/taken?status=nieuw&pageSize=500&page=${page}`,
      );
      if (answer.status !== 200) throw new Error(`RMC worklist: ${answer.status} ${JSON.stringify(answer.body)}`);
      for (const item of answer.body.items) {
        const person = byPseudonym.get(item.pseudonymousReference);
        if (person && !taak.has(person.index)) taak.set(person.index, item.id);
      }
      if (page * 500 >= answer.body.total) break;
    }
    if (taak.size > before) lastProgress = Date.now();
    opts.log(`RMC tasks arrived: ${taak.size}/${people.length}`);
    if (taak.size < people.length) await new Promise((r) => setTimeout(r, 2_000));
  }
  tally['rmc-taak'] = {
    ok: taak.size,
    failed: people.length - taak.size,
    ...(taak.size < people.length ? { firstFailure: `not on the worklist: none arrived for ${timeoutMs / 1000} s` } : {}),
  };

  // 3. Some enrol at a school again: the RMC closes their task by itself.
  const reEnrolling = people.filter((p) => p.journey.reEnrolment);
  let done = 0;
  await inPool(reEnrolling, concurrency, async (p) => {
    const { school, enrolmentDate } = p.journey.reEnrolment!;
    const { studentNumber, bsn, birthDate, schoolType, schoolLevel, municipalityOfResidence } = p.uitschrijving;
    const student = school === p.school ? studentNumber : String(Number(studentNumber) + 400000);
    count(
      'herinschrijving',
      await client.call('school', school, 'POST', '/inschrijvingen', {
        studentNumber: student,
        bsn,
        birthDate,
        schoolType,
        schoolLevel,
        municipalityOfResidence,
        enrolmentDate,
      }),
    );
    progress('herinschrijvingen', ++done, reEnrolling.length);
  });

  // 4. The consulent works the worklist: assign, try to reach, close, or hand over warmly.
  const worked = people.filter((p) => taak.has(p.index) && p.journey.contact !== 'none');
  const offers = new Map<number, string>();
  done = 0;
  await inPool(worked, concurrency, async (p) => {
    const id = taak.get(p.index)!;
    const rmc = (step: string, path: string, body: unknown) =>
      client.call('rmc', 'consulent@mc21', 'POST', `/taken/${id}${path}`, body).then((a) => count(step, a));
    await rmc('toewijzing', '/toewijzing', {});
    if (p.journey.contact === 'attempts-only') {
      for (const channel of ['telefoon', 'sms', 'brief'] as const)
        await rmc('contactpoging', '/contactmomenten', { kind: 'poging', channel, outcome: 'niet-bereikt' });
    } else {
      if (p.index % 3 === 0)
        await rmc('contactpoging', '/contactmomenten', { kind: 'poging', channel: 'telefoon', outcome: 'niet-bereikt' });
      await rmc('contact', '/contactmomenten', { kind: 'contact', channel: p.index % 2 ? 'huisbezoek' : 'op-kantoor', outcome: 'bereikt' });
      if (p.journey.close) await rmc('sluiting', '/sluiting', { reason: p.journey.close });
      const h = p.journey.handover;
      if (h) {
        const r = RECEIVER[h.to];
        const answer = await client.call<{ id: string }>('rmc', 'consulent@mc21', 'POST', `/taken/${id}/overdrachten`, {
          to: r.to,
          purpose: r.purpose,
          reason: r.reason,
          contactPerson: 'Demo consulent MC21, 020-0000000',
          firstContactProposedOn: addDays(opts.today, 7),
        });
        if (count(`overdracht naar ${h.to}`, answer)) offers.set(p.index, answer.body.id);
      }
    }
    progress('RMC worklist', ++done, worked.length);
  });

  // 5. W&I and zorg find the referral in their inbox and answer; the accepted ones go on to placement.
  const handovers = people.filter((p) => offers.has(p.index));
  done = 0;
  await inPool(handovers, concurrency, async (p) => {
    const h = p.journey.handover!;
    const r = RECEIVER[h.to];
    const overdrachtId = offers.get(p.index)!;
    const post = (step: string, path: string, body: unknown) =>
      client.call<{ id?: string }>(r.service, r.actor, 'POST', path, body).then((a) => (count(step, a) ? a : undefined));
    if (!(await arrived(client, r.service, r.actor, overdrachtId, Date.now() + timeoutMs))) {
      count('verwijzing ontvangen', new Error(`referral ${overdrachtId} not in the ${h.to} inbox in time`));
      return;
    }
    count('verwijzing ontvangen', { status: 200, body: null });
    if (h.answer === 'reject') await post('afwijzing', `/verwijzingen/${overdrachtId}/afwijzing`, { reason: h.rejectReason });
    if (
      h.answer === 'accept' &&
      (await post('acceptatie', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: `Demo consulent ${h.to}` }))
    ) {
      const date = addDays(opts.today, -1);
      await post(
        `eerste contact ${h.firstContact === 'held' ? 'gehad' : 'gemist'}`,
        `/verwijzingen/${overdrachtId}/eerste-contact`,
        h.firstContact === 'held' ? { held: true, date, contactType: 'driegesprek' } : { held: false, date, reason: 'niet-verschenen' },
      );
      if (h.placement) {
        const placed = await post('plaatsing', `/verwijzingen/${overdrachtId}/plaatsing`, h.placement);
        if (placed?.body.id && h.followUp) {
          await post(`follow-up ${h.followUp}`, `/plaatsingen/${placed.body.id}/follow-up-checks`, {
            checkType: 'na-2-maanden',
            outcome: h.followUp,
            ...(h.followUp === 'uitgevallen' ? { dropoutReason: 'traject-afgebroken' } : {}),
          });
        }
      }
    }
    progress('W&I and zorg', ++done, handovers.length);
  });
  return tally;
}

/** Waits until a referral is in the receiver's inbox (the offer travels as an event). */
async function arrived(
  client: PlatformClient,
  service: 'werk-inkomen' | 'zorg',
  actor: Actor,
  overdrachtId: string,
  deadline: number,
): Promise<boolean> {
  while (Date.now() < deadline) {
    const answer = await client.call(service, actor, 'GET', `/verwijzingen/${overdrachtId}`);
    if (answer.status === 200) return true;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return false;
}
