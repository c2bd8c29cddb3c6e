import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { logLevel } from 'kafkajs';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import {
  auditAnchored,
  auditChainSubject,
  createEvent,
  inschrijvingRegistered,
  overdrachtAccepted,
  overdrachtOffered,
  overdrachtRejected,
  plaatsingFollowUpChecked,
  uitschrijvingRegistered,
  vsvMeldingRegistered,
  vsvMeldingBuitenBeeld,
  vsvMeldingPeriodicContactOverdue,
  vsvMeldingCancelled,
  type AuditChainName,
} from '@estafette/contracts';
import { createKafka, EventConsumer, EventPublisher, silentLog, toKafkaMessage, topicName } from '@estafette/messaging';
import {
  createTestDatabase,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
} from '@estafette/testing';
import { addDays, today as amsterdamToday } from '@estafette/calendar';
import { createMonitorApp } from '../src/create-monitor-app.js';
import {
  event,
  eventually,
  inboxDataSource,
  inschrijving,
  monitorConfig,
  offer,
  personalFindings,
  pseudonym,
  regieEnd,
  rejection,
  uitschrijving,
  vsvMelding,
} from './support.js';

describe('monitor against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'monitor-test', logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, prefix);
  /** Every JSON body the monitor answered in this suite; the last test walks them all for personal data. */
  const responses: { route: string; body: unknown }[] = [];
  let db: TestDatabase;
  let otherServiceDb: TestDatabase;
  let otherService: DataSource;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let ops: string;

  async function call(method: 'GET' | 'POST', path: string): Promise<any> {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${ops}` } });
    const body = await res.json();
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    responses.push({ route: `${method} ${path}`, body });
    return body;
  }

  const scrape = async () => (await fetch(`${base}/metrics`)).text();

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    [db, otherServiceDb, issuer] = await Promise.all([
      createTestDatabase('monitor'),
      createTestDatabase('monitorinbox'),
      startTestIssuer(),
    ]);
    otherService = await inboxDataSource(otherServiceDb);
    ops = await issuer.issueToken({
      role: 'ops',
      organisationType: 'platform',
      organisationId: 'oin:00000001234567890000',
      sub: 'ops-anna',
    });
    app = await createMonitorApp(monitorConfig(db, issuer, prefix), false);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
    await otherService?.destroy();
    await Promise.all([db?.drop(), otherServiceDb?.drop(), issuer?.close()]);
  });

  test('flows count each event once per type and route, even when it arrives twice', async () => {
    const subject = pseudonym();
    const rejected = rejection(subject);
    await publisher.publish(offer(subject));
    await publisher.publish(rejected);
    await publisher.publish(rejected); // redelivery: same event id
    const flows = await eventually(async () => {
      const body = await call('GET', '/flows');
      return body.items.some((f: { type: string }) => f.type === overdrachtRejected.type) &&
        body.items.some((f: { type: string }) => f.type === overdrachtOffered.type)
        ? body
        : undefined;
    });
    expect(flows.items.find((f: { type: string }) => f.type === overdrachtRejected.type)).toMatchObject({
      from: 'werk-inkomen',
      to: 'werk-inkomen',
      count: 1,
    });
    expect(flows.items.find((f: { type: string }) => f.type === overdrachtOffered.type)).toMatchObject({
      from: 'rmc',
      to: 'werk-inkomen',
      count: 1,
    });
    const latency = flows.items.find((f: { type: string }) => f.type === overdrachtOffered.type).latencyMs;
    expect(latency.p95).toBeGreaterThanOrEqual(latency.p50);
    expect(latency.max).toBeGreaterThanOrEqual(0);
    const seen = (await scrape())
      .split('\n')
      .find((l) => l.startsWith('estafette_bus_events_total{') && l.includes(`type="${overdrachtRejected.type}"`));
    expect(seen?.split(' ').at(-1)).toBe('1');
  });

  test('a dead letter can be inspected and replayed; replayed twice it takes effect once', async () => {
    let broken = true;
    let effects = 0;
    const consumer = new EventConsumer({
      kafka,
      groupId: `${prefix}estafette-werk-inkomen`,
      topicPrefix: prefix,
      dataSource: otherService,
      log: silentLog,
      retry: { attempts: 1, initialBackoffMs: 10 },
      handlers: {
        [uitschrijvingRegistered.type]: async () => {
          if (broken) throw new Error('referral table missing (bug 123)');
          effects++;
        },
      },
    });
    await consumer.start();
    try {
      const poison = uitschrijving(pseudonym());
      await publisher.publish(poison);
      const listed = await eventually(async () =>
        (await call('GET', '/dead-letters')).items.find((d: { eventId: string }) => d.eventId === poison.id),
      );
      expect(listed).toMatchObject({
        originalTopic: 'estafette.uitschrijving',
        consumerGroup: 'estafette-werk-inkomen',
        eventType: poison.type,
        replays: 0,
      });
      expect(listed.reason).toContain('referral table missing (bug 123)');

      const detail = await call('GET', `/dead-letters/${listed.id}`);
      expect(detail.headers).toMatchObject({
        ce_id: poison.id,
        ce_type: poison.type,
        ce_subject: '[pseudonym]',
        dlq_original_topic: `${prefix}estafette.uitschrijving`,
      });
      expect(detail.headers.dlq_reason).toContain('bug 123');
      expect(detail.deadLetterTopic).toBe('estafette.uitschrijving.dlq');

      broken = false; // the fix is deployed
      expect(await call('POST', `/dead-letters/${listed.id}/replay`)).toEqual({ id: listed.id, targetTopic: 'estafette.uitschrijving' });
      await eventually(() => consumer.stats.processed === 1);
      await call('POST', `/dead-letters/${listed.id}/replay`);
      await eventually(() => consumer.stats.duplicates === 1);
      expect(effects).toBe(1);
      expect(
        (await scrape())
          .split('\n')
          .find(
            (l) =>
              l.startsWith('estafette_dead_letters{') && l.includes('topic="estafette.uitschrijving"') && l.includes('replayed="true"'),
          )
          ?.split(' ')
          .at(-1),
      ).toBe('1');

      const replayed = await call('GET', `/dead-letters/${listed.id}`);
      expect(replayed.replays).toBe(2);
      expect(replayed.replayLog.map((l: { replayedBy: string }) => l.replayedBy)).toEqual(['ops-anna', 'ops-anna']);
      // Nothing left that was never replayed; replay-all does not send this one a third time.
      expect(await call('POST', '/dead-letters/replay-all')).toEqual({ replayed: 0 });
    } finally {
      await consumer.stop();
    }
  });

  test('the replay audit is append-only', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const [{ count }] = (await client.query('SELECT count(*)::int AS count FROM dead_letter_replay')).rows;
      expect(count).toBeGreaterThan(0);
      await expect(client.query('DELETE FROM dead_letter_replay')).rejects.toThrow(/append-only/);
      await expect(client.query(`UPDATE dead_letter_replay SET replayed_by = 'someone-else'`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  test("the consent service's audit anchors are stored append-only and shown: the highest per chain, the list newest first", async () => {
    const anchorOf = (chain: AuditChainName, sequence: number, at: string) =>
      createEvent(auditAnchored, {
        source: auditAnchored.example.source,
        subject: auditChainSubject(chain),
        time: at,
        data: { chain, sequence, headHash: String(sequence % 10).repeat(64), anchoredAt: at },
      });
    const first = anchorOf('decision-audit', 40, '2026-03-02T10:00:00.000Z');
    await publisher.publish(first);
    await publisher.publish(anchorOf('decision-audit', 48, '2026-03-02T10:05:00.000Z'));
    await publisher.publish(anchorOf('toestemming-audit', 7, '2026-03-02T10:05:00.000Z'));
    await publisher.publish(first); // redelivery: stored once
    const latest = await eventually(
      async () => (await call('GET', '/audit/anchors/latest')) as { items: { chain: string; anchor: { sequence: number } | null }[] },
      (body) => body.items.every((i) => i.anchor !== null) && body.items[0]!.anchor!.sequence === 48,
    );
    expect(latest.items).toEqual([
      {
        chain: 'decision-audit',
        anchor: expect.objectContaining({ sequence: 48, headHash: '8'.repeat(64), anchoredAt: '2026-03-02T10:05:00.000Z' }),
      },
      { chain: 'toestemming-audit', anchor: expect.objectContaining({ sequence: 7 }) },
    ]);
    const listed = await call('GET', '/audit/anchors?chain=decision-audit&pageSize=1');
    expect(listed).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ chain: 'decision-audit', sequence: 48 }] });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(client.query('DELETE FROM audit_anchor')).rejects.toThrow(/append-only/);
      await expect(client.query('UPDATE audit_anchor SET sequence = 1')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  test("a replay goes only to one of the platform's own topics, whatever the dead letter's header says", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `INSERT INTO dead_letter (dlq_topic, dlq_partition, dlq_offset, original_topic, reason, headers)
         VALUES ($1, 0, '999999', 'somewhere.else', 'forged', '{}') RETURNING id`,
        [`${prefix}estafette.uitschrijving.dlq`],
      );
      const res = await fetch(`${base}/dead-letters/${rows[0].id}/replay`, { method: 'POST', headers: { authorization: `Bearer ${ops}` } });
      expect(res.status).toBe(409);
      const { rows: audit } = await client.query('SELECT count(*)::int AS count FROM dead_letter_replay WHERE dead_letter_id = $1', [
        rows[0].id,
      ]);
      expect(audit[0].count).toBe(0);
    } finally {
      await client.end();
    }
  });

  test('a stopped consumer shows lag: what was published after it stopped', async () => {
    const groupId = `${prefix}estafette-lagging`;
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topicPrefix: prefix,
      dataSource: otherService,
      log: silentLog,
      handlers: { [inschrijvingRegistered.type]: async () => {} },
    });
    await consumer.start();
    await publisher.publish(inschrijving(pseudonym()));
    await eventually(() => consumer.stats.processed === 1);
    await consumer.stop();
    for (let i = 0; i < 3; i++) await publisher.publish(inschrijving(pseudonym()));

    const lagOf = async () =>
      (await call('GET', '/consumer-lag')).items.find(
        (l: { group: string; topic: string }) => l.group === 'estafette-lagging' && l.topic === 'estafette.inschrijving',
      );
    expect(await eventually(async () => ((await lagOf())?.lag === 3 ? lagOf() : undefined))).toMatchObject({ lag: 3 });
    // Prometheus sees the same figure on the monitor's /metrics.
    const lagLine = (await scrape())
      .split('\n')
      .find(
        (l) =>
          l.startsWith('estafette_consumer_lag{') &&
          l.includes('group="estafette-lagging"') &&
          l.includes('topic="estafette.inschrijving"'),
      );
    expect(lagLine?.split(' ').at(-1)).toBe('3');
    // The monitor's own group keeps up with the same topic.
    await eventually(async () =>
      (await call('GET', '/consumer-lag')).items.find(
        (l: { group: string; topic: string; lag: number }) =>
          l.group === 'estafette-monitor' && l.topic === 'estafette.inschrijving' && l.lag === 0,
      ),
    );
  });

  test('steering figures: a cell of 3 reads "<10", a cell of 12 reads 12; offers find their region through the person', async () => {
    const small = [pseudonym(), pseudonym(), pseudonym()];
    const large = Array.from({ length: 12 }, () => pseudonym());
    for (const subject of small) await publisher.publish(vsvMelding(subject, 'MC01'));
    for (const subject of large) await publisher.publish(vsvMelding(subject, 'MC02'));
    for (const subject of large.slice(0, 10)) await publisher.publish(offer(subject));
    // Periodic contact too late (001:161): counted per region like every other figure.
    for (const subject of large.slice(0, 11))
      await publisher.publish(event(vsvMeldingPeriodicContactOverdue, subject, { rmcRegion: 'MC02' }));

    const rowOf = (body: { rows: { area: string }[] }, area: string) =>
      body.rows.find((r) => r.area === area) as { areaName: string | null; figures: Record<string, unknown> } | undefined;
    const steering = await eventually(async () => {
      const body = await call('GET', '/steering?by=region&period=month');
      return rowOf(body, 'MC01') &&
        rowOf(body, 'MC02')?.figures.vsvRegistrations === 12 &&
        rowOf(body, 'MC02')?.figures.handoversOffered === 10 &&
        rowOf(body, 'MC02')?.figures.periodicContactsOverdue === 11
        ? body
        : undefined;
    });
    expect(rowOf(steering, 'MC01')!.figures).toMatchObject({ vsvRegistrations: '<10', handoversOffered: '<10', placements: '<10' });
    expect(rowOf(steering, 'MC02')!.figures).toMatchObject({
      vsvRegistrations: 12,
      handoversOffered: 10,
      periodicContactsOverdue: 11,
      placements: '<10',
    });
    expect(rowOf(steering, 'MC01')!.figures).toMatchObject({ periodicContactsOverdue: '<10' });
    // Real CBS regions, by name next to the code.
    expect(rowOf(steering, 'MC02')).toMatchObject({ areaName: 'Noord-Groningen-Eemsmond' });
    expect(steering.rows.every((r: { period: string }) => /^\d{4}-\d{2}$/.test(r.period))).toBe(true);
    for (const row of steering.rows) {
      for (const cell of Object.values(row.figures)) expect(cell === '<10' || (typeof cell === 'number' && cell >= 10)).toBe(true);
    }
  });

  test('median handover time: offer to acceptance per region, "<10" under 10 handovers', async () => {
    const at = (base: number, hours: number) => new Date(base + hours * 3_600_000).toISOString();
    const start = Date.now() - 3 * 24 * 3_600_000;
    const handover = async (subject: string, region: string, hoursToAccept: number) => {
      const overdrachtId = randomUUID();
      await publisher.publish(vsvMelding(subject, region));
      await publisher.publish({ ...event(overdrachtOffered, subject, { overdrachtId }), time: at(start, 0) });
      await publisher.publish({ ...event(overdrachtAccepted, subject, { overdrachtId }), time: at(start, hoursToAccept) });
    };
    // MC03: 11 handovers, accepted after 24 h (5 of them) or 48 h (6): the median is 48.
    for (let i = 0; i < 11; i++) await handover(pseudonym(), 'MC03', i < 5 ? 24 : 48);
    for (let i = 0; i < 3; i++) await handover(pseudonym(), 'MC04', 30);

    const cellOf = (body: { rows: { area: string; medianHandoverHours: unknown; figures: Record<string, unknown> }[] }, area: string) =>
      body.rows.find((r) => r.area === area);
    const body = await eventually(async () => {
      const b = await call('GET', '/steering?by=region&period=year');
      // Both regions' acceptances consumed (MC04's median shows once its 3 are in; events of two regions may arrive in any order).
      return cellOf(b, 'MC03')?.figures.handoversAccepted === 11 && cellOf(b, 'MC04')?.medianHandoverHours != null ? b : undefined;
    });
    expect(cellOf(body, 'MC03')!.medianHandoverHours).toBe(48);
    expect(cellOf(body, 'MC04')!.medianHandoverHours).toBe('<10');
  });

  test('share still placed at the 1-year check, per region; "<10" under 10 checks', async () => {
    const check = async (region: string, outcome: string) => {
      const subject = pseudonym();
      await publisher.publish(vsvMelding(subject, region));
      await publisher.publish(event(plaatsingFollowUpChecked, subject, { plaatsingId: randomUUID(), checkType: 'na-1-jaar', outcome }));
    };
    for (let i = 0; i < 12; i++) await check('MC05', i < 9 ? 'nog-geplaatst' : 'uitgevallen');
    for (let i = 0; i < 2; i++) await check('MC06', 'afgerond');

    const cellOf = (
      body: { rows: { area: string; stillPlacedAfterOneYearPercent: unknown; figures: Record<string, unknown> }[] },
      area: string,
    ) => body.rows.find((r) => r.area === area);
    const body = await eventually(async () => {
      const b = await call('GET', '/steering?by=region&period=year');
      // Both regions' checks are in (a row appears with its first event, the checks may still be on their way).
      return cellOf(b, 'MC05')?.figures.followUpChecks === 12 && cellOf(b, 'MC06')?.stillPlacedAfterOneYearPercent != null ? b : undefined;
    });
    expect(cellOf(body, 'MC05')!.stillPlacedAfterOneYearPercent).toBe(75);
    expect(cellOf(body, 'MC06')!.stillPlacedAfterOneYearPercent).toBe('<10');
  });

  test('a young person without a vsv-melding counts in the region of their municipality of residence', async () => {
    // A school's pro/vso handover to W&I names no RMC region on any event: Maastricht (GM0935) is in MC39.
    for (let i = 0; i < 10; i++)
      await publisher.publish(event(overdrachtOffered, pseudonym(), { overdrachtId: randomUUID(), municipalityOfResidence: 'GM0935' }));
    type Row = { area: string; areaName: string | null; figures: Record<string, unknown> };
    const body = await eventually(async () => {
      const b = await call('GET', '/steering?by=region&period=year');
      return (b.rows as Row[]).some((r) => r.area === 'MC39' && r.figures.handoversOffered === 10) ? b : undefined;
    });
    expect((body.rows as Row[]).find((r) => r.area === 'MC39')).toMatchObject({ areaName: 'Gewest Zuid-Limburg' });
    const byMunicipality = await call('GET', '/steering?by=municipality&period=year');
    expect((byMunicipality.rows as Row[]).find((r) => r.area === 'GM0935')).toMatchObject({ areaName: 'Maastricht' });
  });

  test('a window given in dates runs from Amsterdam midnight to Amsterdam midnight, across a DST change', async () => {
    const body = await call('GET', '/deadlines?from=2026-03-29&to=2026-03-30');
    expect({ from: body.from, to: body.to }).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  test('deadlines count the young people the RMC lost sight of', async () => {
    const before = (await call('GET', '/deadlines')).buitenBeeld as number;
    const subject = pseudonym();
    await publisher.publish(vsvMelding(subject, 'MC21'));
    await publisher.publish(event(vsvMeldingBuitenBeeld, subject, { vsvMeldingId: randomUUID() }));
    await publisher.publish(event(vsvMeldingBuitenBeeld, subject, { vsvMeldingId: randomUUID() })); // the same person twice counts once
    await eventually(async () => ((await call('GET', '/deadlines')).buitenBeeld === before + 1 ? true : undefined));
  });

  test('deadlines: open offers by answer deadline (answered ones drop out); the baton moves on acceptance and nobody is without a holder', async () => {
    type Deadlines = {
      openOffers: { receiver: string; pastDeadline: number; dueWithin24h: number; later: number }[];
      baton: { withoutHolder: number; holdersByType: Record<string, number> };
    };
    const wi = (body: Deadlines) =>
      body.openOffers.find((o) => o.receiver === 'werk-inkomen') ?? { pastDeadline: 0, dueWithin24h: 0, later: 0 };
    const before: Deadlines = await call('GET', '/deadlines');
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const subject = pseudonym();
    const answered = randomUUID();
    // Answered in time (an hour before its deadline, which has passed since): it drops out, and the baton moves. The
    // monitor reads the deadline as the RMC does, so an acceptance after it would leave the baton with the RMC.
    await publisher.publish({ ...vsvMelding(subject, 'MC21'), time: inHours(-9) });
    await publisher.publish({
      ...event(overdrachtOffered, subject, { overdrachtId: answered, responseDueAt: inHours(-5) }),
      time: inHours(-8),
    });
    await publisher.publish({ ...event(overdrachtAccepted, subject, { overdrachtId: answered }), time: inHours(-6) });
    await publisher.publish(event(overdrachtOffered, subject, { overdrachtId: randomUUID(), responseDueAt: inHours(-1) }));
    await publisher.publish(event(overdrachtOffered, subject, { overdrachtId: randomUUID(), responseDueAt: inHours(2) }));
    await publisher.publish(event(overdrachtOffered, subject, { overdrachtId: randomUUID(), responseDueAt: inHours(72) }));

    const after = await eventually(async () => {
      const body: Deadlines = await call('GET', '/deadlines');
      return wi(body).later === wi(before).later + 1 &&
        (body.baton.holdersByType['werk-inkomen'] ?? 0) === (before.baton.holdersByType['werk-inkomen'] ?? 0) + 1
        ? body
        : undefined;
    });
    expect(wi(after)).toEqual({
      receiver: 'werk-inkomen',
      pastDeadline: wi(before).pastDeadline + 1,
      dueWithin24h: wi(before).dueWithin24h + 1,
      later: wi(before).later + 1,
    });
    expect(after.baton.withoutHolder).toBe(0);
  });

  test('the baton ends: after the grace period, inside it (one end, however confirmed), at 23; the RMC holding on past 23 is counted', async () => {
    type Baton = {
      tracked: number;
      withoutHolder: number;
      inScope: number;
      inScopeWithoutHolder: number;
      heldOutOfScope: number;
      endedByReason: Record<string, number>;
    };
    const batonNow = async (): Promise<Baton> => (await call('GET', '/deadlines')).baton;
    const before = await batonNow();
    const today = amsterdamToday();
    const melding = (subject: string, data: Record<string, unknown> = {}) =>
      event(vsvMeldingRegistered, subject, { vsvMeldingId: randomUUID(), rmcRegion: 'MC22', gracePeriodEndDate: '2025-10-01', ...data });
    const enrolment = (subject: string, dateOfEnrolment: string) =>
      event(inschrijvingRegistered, subject, { inschrijvingId: randomUUID(), dateOfEnrolment });
    // Back at school the day after the grace period: terug-naar-school.
    const late = pseudonym();
    await publisher.publish(melding(late));
    await publisher.publish(enrolment(late, '2025-10-02'));
    // On its last day (inclusive): the melding is withdrawn; the RMC's cancellation afterwards confirms it, no second end.
    const inTime = pseudonym();
    const inTimeMelding = melding(inTime);
    await publisher.publish(inTimeMelding);
    await publisher.publish(enrolment(inTime, '2025-10-01'));
    await publisher.publish(
      event(vsvMeldingCancelled, inTime, {
        vsvMeldingId: (inTimeMelding.data as { vsvMeldingId: string }).vsvMeldingId,
        rmcRegion: 'MC22',
        cancellationDate: '2025-10-01',
      }),
    );
    // Turned 23 yesterday and the RMC ended its part: out of scope.
    const ended23 = pseudonym();
    await publisher.publish(melding(ended23, { turns23On: addDays(today, -1) }));
    await publisher.publish(regieEnd(ended23, 'MC22', 'leeftijd-23', addDays(today, -1)));
    // Turned 23 yesterday and the RMC still holds the baton: held out of scope (must be looked into).
    const stillHeld = pseudonym();
    await publisher.publish(melding(stillHeld, { turns23On: addDays(today, -1) }));
    // Turns 23 tomorrow: still the RMC's.
    const notYet = pseudonym();
    await publisher.publish(melding(notYet, { turns23On: addDays(today, 1) }));

    // Wait until every one of the five is in (their events come over three topics in any order), then compare exactly.
    const grown = (baton: Baton, reason: string) => baton.endedByReason[reason]! > before.endedByReason[reason]!;
    const after = await eventually(async () => {
      const baton = await batonNow();
      const allIn = ['terug-naar-school', 'melding-ingetrokken', 'leeftijd-23'].every((reason) => grown(baton, reason));
      return allIn && baton.tracked >= before.tracked + 5 && baton.heldOutOfScope > before.heldOutOfScope ? baton : undefined;
    });
    expect(after.tracked).toBe(before.tracked + 5);
    expect(after.endedByReason).toEqual({
      ...before.endedByReason,
      'terug-naar-school': before.endedByReason['terug-naar-school']! + 1,
      'melding-ingetrokken': before.endedByReason['melding-ingetrokken']! + 1,
      'leeftijd-23': before.endedByReason['leeftijd-23']! + 1,
    });
    expect(after.inScope).toBe(before.inScope + 2);
    expect(after.heldOutOfScope).toBe(before.heldOutOfScope + 1);
    expect([after.inScopeWithoutHolder, after.withoutHolder]).toEqual([0, 0]);
  });

  test('steering figures: ends per reason per region, in the region of the RMC that ended them; "<10" under 10', async () => {
    const today = amsterdamToday();
    for (let i = 0; i < 10; i++) {
      const subject = pseudonym();
      await publisher.publish(vsvMelding(subject, 'MC23'));
      await publisher.publish(regieEnd(subject, 'MC23', 'leeftijd-23', today));
    }
    const subject = pseudonym();
    await publisher.publish(vsvMelding(subject, 'MC23'));
    await publisher.publish(regieEnd(subject, 'MC23', 'gesloten-door-consulent', today));
    type Row = { area: string; figures: Record<string, unknown> };
    const body = await eventually(async () => {
      const b = await call('GET', '/steering?by=region&period=year');
      // Every event of MC23 is in: its ten ends and its eleven meldingen (they arrive over several partitions).
      return (b.rows as Row[]).some((r) => r.area === 'MC23' && r.figures.endedLeeftijd23 === 10 && r.figures.vsvRegistrations === 11)
        ? b
        : undefined;
    });
    expect((body.rows as Row[]).find((r) => r.area === 'MC23')!.figures).toMatchObject({
      vsvRegistrations: 11,
      endedLeeftijd23: 10,
      endedGeslotenDoorConsulent: '<10',
      endedTerugNaarSchool: '<10',
      endedMeldingIngetrokken: '<10',
    });
  });

  test('three records it cannot read or store do not stop the watch: each is skipped and counted, the flow behind them is counted', async () => {
    const subject = pseudonym();
    const topic = topicName(prefix, overdrachtOffered.topic);
    const good = toKafkaMessage(offer(subject));
    const badTime = { ...good, headers: { ...good.headers, ce_id: randomUUID(), ce_time: 'x' } };
    // PostgreSQL text cannot hold a NUL character: the store refuses this record, whatever its retries.
    const badSubject = { ...good, headers: { ...good.headers, ce_id: randomUUID(), ce_subject: `${subject}\u0000` } };
    const deadLetter = {
      ...good,
      headers: { ...good.headers, ce_id: randomUUID(), dlq_reason: 'test', dlq_original_partition: 'abc', dlq_failed_at: 'never' },
    };
    // Left unreplayed on purpose: this test runs after the replay tests, which replay everything never replayed.
    // The same key, so all land on one partition before the good record; a structured-mode event follows it.
    const structured = offer(subject);
    await publisher.send([
      { topic, messages: [badTime, badSubject] },
      { topic: `${topic}.dlq`, messages: [deadLetter] },
      {
        topic,
        messages: [good, { key: subject, value: JSON.stringify(structured), headers: { 'content-type': 'application/cloudevents+json' } }],
      },
    ]);
    const stored = async (id: string) => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query('SELECT 1 FROM flow_event WHERE event_id = $1', [id])).rowCount === 1;
      } finally {
        await client.end();
      }
    };
    await eventually(async () => ((await stored(good.headers.ce_id)) && (await stored(structured.id)) ? true : undefined));
    expect(await stored(badTime.headers.ce_id)).toBe(false);
    expect(await stored(badSubject.headers.ce_id)).toBe(false);
    const letters = (await call('GET', '/dead-letters?pageSize=100')).items as { eventId: string | null }[];
    expect(letters.map((l) => l.eventId)).toContain(deadLetter.headers.ce_id);
    const metrics = await scrape();
    const skipped = (why: string) =>
      Number(
        metrics
          .split('\n')
          .find((l) => l.startsWith('estafette_monitor_skipped_records_total{') && l.includes(`why="${why}"`))
          ?.split(' ')
          .at(-1),
      );
    expect(skipped('unreadable')).toBeGreaterThanOrEqual(1);
    expect(skipped('unstorable')).toBeGreaterThanOrEqual(1);
  });

  test('no monitor response names a person: no pseudonym, no personal field, on any route', async () => {
    const { items } = await call('GET', '/dead-letters');
    expect(items.length).toBeGreaterThan(0);
    await call('GET', `/dead-letters/${items[0].id}`);
    for (const by of ['region', 'municipality', 'school']) {
      const { rows } = await call('GET', `/steering?by=${by}&period=quarter`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { period: string }) => /^\d{4}-Q[1-4]$/.test(r.period))).toBe(true);
    }
    await call('GET', '/flows');
    await call('GET', '/consumer-lag');
    await call('GET', '/deadlines');
    // Every GET route of the monitor answered at least once above (plus the replays in the dead-letter test).
    const answered = new Set(responses.map((r) => r.route.split('?')[0]!.replace(/[0-9a-f-]{36}/, ':id')));
    expect([...answered].sort()).toEqual(
      expect.arrayContaining([
        'GET /consumer-lag',
        'GET /dead-letters',
        'GET /dead-letters/:id',
        'GET /deadlines',
        'GET /flows',
        'GET /steering',
        'POST /dead-letters/:id/replay',
        'POST /dead-letters/replay-all',
      ]),
    );
    // The walker itself finds what it looks for, so a clean result below means something.
    expect(personalFindings({ items: [{ subject: 'x', note: `about ${pseudonym()}` }] })).toHaveLength(2);
    expect(responses.flatMap((r) => personalFindings(r.body, r.route))).toEqual([]);
  });
});
