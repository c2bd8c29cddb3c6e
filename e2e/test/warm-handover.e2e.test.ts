import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { eventually, sql, type TestDatabase } from '@estafette/testing';
import { chainClient, freshBsn, vsvLeaver, type Json } from './chain-client.js';
import { PLATFORM, startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-handover-secret-of-at-least-32-bytes!';
const today = amsterdamToday();
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const zorg = { organisationType: 'zorg', id: 'agb:12345678' };
const rmc = { organisationType: 'rmc', id: 'rmc:MC19' };

describe('the warm handover across school, RMC, Werk & Inkomen and zorg, through the real broker', () => {
  type App = 'school' | 'rmc' | 'wi' | 'zorg' | 'consent';
  const apps = {} as Record<App, INestApplication>;
  const db = {} as Record<App, TestDatabase>;
  const token: Record<string, string> = {};
  let chain: Chain<App> | undefined;

  beforeAll(async () => {
    // The consent service decides every dossier fetch at the school, which asks it with its service token.
    chain = await startChain({
      label: 'e2eh',
      services: ['consent', 'school', 'rmc', 'wi', 'zorg'],
      schoolSecret: SECRET,
      schoolServesDossiers: true,
      directory: [{ kind: 'werk-inkomen', code: 'GM0344', name: 'Gemeente Utrecht, Werk & Inkomen' }],
    });
    Object.assign(apps, chain.apps);
    Object.assign(db, chain.db);
    token.school = await chain.issue('school-system', { organisationType: 'school', id: 'brin:25XY' }, 'client-25xy');
    token.consulent = await chain.issue('rmc-consulent', rmc, 'consulent-u');
    token.coordinator = await chain.issue('rmc-coordinator', rmc, 'coordinator-u');
    token.ops = await chain.issue('ops', PLATFORM, 'ops-1');
    token.wi = await chain.issue('wi-consulent', wi, 'wi-1');
    token.otherWi = await chain.issue('wi-consulent', { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' }, 'wi-amsterdam');
    token.zorg = await chain.issue('zorg-consulent', zorg, 'zorg-1');
  });

  afterAll(async () => {
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);

  /** A vsv leaver deregistered at school, on the Utrecht RMC worklist, with contact made: ready to hand over. */
  async function leaverInContact(): Promise<{ subject: string; taakId: string; uitschrijvingId: string }> {
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    const deregistered = await call('school', 'school', 'POST', '/uitschrijvingen', vsvLeaver(bsn, today));
    expect(deregistered.status).toBe(201);
    const list = await until('rmc', 'consulent', '/taken?pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject),
    );
    const taakId = list.items.find((t: Json) => t.pseudonymousReference === subject).id as string;
    await ok('rmc', 'consulent', 'POST', `/taken/${taakId}/contactmomenten`, {
      kind: 'contact',
      channel: 'huisbezoek',
      outcome: 'bereikt',
    });
    return { subject, taakId, uitschrijvingId: deregistered.body.id as string };
  }

  const offer = (taakId: string, to: typeof wi, purpose: string, reason: string) =>
    ok('rmc', 'consulent', 'POST', `/taken/${taakId}/overdrachten`, {
      to,
      purpose,
      reason,
      contactPerson: 'J. de Vries, RMC Utrecht',
      firstContactProposedOn: addWorkingDays(today, 2),
    });
  const overdrachtOf = (taakId: string, id: string, holds: (o: Json) => unknown) =>
    until('rmc', 'consulent', `/taken/${taakId}/overdrachten`, (b) => b.items.some((o: Json) => o.id === id && holds(o))).then((b) =>
      b.items.find((o: Json) => o.id === id),
    );
  const holderOf = (subject: string, expected: typeof wi) =>
    until(
      'rmc',
      'coordinator',
      `/baton/${subject}`,
      (b) => b.holder?.id === expected.id && b.holder?.organisationType === expected.organisationType,
    );
  const withoutHolder = async () => (await ok('rmc', 'ops', 'GET', '/baton/without-holder')).items as Json[];

  test('offer -> accept -> first contact -> plaatsing -> 2-month check -> uitval -> a new RMC task with the history', async () => {
    const bsnLess = await call('rmc', 'consulent', 'POST', `/taken/00000000-0000-4000-8000-000000000000/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'x',
    });
    expect(bsnLess.status).toBe(404);
    const { subject, taakId } = await leaverInContact();

    const offered = await offer(taakId, wi, 'werk', 'school-geen-optie');
    expect(offered).toMatchObject({ status: 'aangeboden', to: wi, toName: 'Gemeente Utrecht, Werk & Inkomen' });
    expect(
      (
        await call('rmc', 'consulent', 'POST', `/taken/${taakId}/overdrachten`, {
          to: zorg,
          purpose: 'zorg',
          reason: 'ondersteuning-nodig',
          contactPerson: 'x',
        })
      ).status,
    ).toBe(409);
    await holderOf(subject, rmc); // the sender keeps the baton until acceptance

    // The referral lands in the addressed W&I only; the contact person of the sender is not in it.
    const referral = await eventually(async () => {
      const r = await call('wi', 'wi', 'GET', `/verwijzingen/${offered.id}`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(referral).toMatchObject({
      status: 'aangeboden',
      fromId: rmc.id,
      fromName: 'Utrecht',
      purpose: 'werk',
      firstContactProposedOn: addWorkingDays(today, 2),
      contactPerson: null,
    });
    expect((await call('wi', 'otherWi', 'GET', `/verwijzingen/${offered.id}`)).status).toBe(404);
    expect((await ok('zorg', 'zorg', 'GET', '/verwijzingen')).items).toEqual([]);

    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    expect((await call('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/afwijzing`, { reason: 'geen-capaciteit' })).status).toBe(409);
    await overdrachtOf(taakId, offered.id, (o) => o.status === 'geaccepteerd' && o.firstContactPlannedOn === addWorkingDays(today, 2));
    await holderOf(subject, wi);
    await until('rmc', 'consulent', '/taken?status=overgedragen&pageSize=500', (l) => l.items.some((t: Json) => t.id === taakId));

    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/eerste-contact`, { held: true, date: today, contactType: 'driegesprek' });
    expect(
      (
        await call('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/plaatsing`, {
          placementType: 'betaald-werk',
          startDate: today,
          hoursPerWeek: 20,
        })
      ).status,
    ).toBe(422);
    const plaatsing = await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/plaatsing`, {
      placementType: 'betaald-werk',
      startDate: today,
      hoursPerWeek: 32,
    });
    expect(plaatsing.followUpChecks.map((c: Json) => c.checkType)).toEqual(['na-2-maanden', 'na-1-jaar']);

    // The RMC closes its trajectory on the plaatsing and keeps the follow-up schedule.
    const placed = await overdrachtOf(taakId, offered.id, (o) => o.status === 'geplaatst');
    expect(placed).toMatchObject({ plaatsingId: plaatsing.id, placementType: 'betaald-werk', followUpChecks: plaatsing.followUpChecks });
    await until('rmc', 'consulent', '/taken?status=gesloten&pageSize=500', (l) =>
      l.items.some((t: Json) => t.id === taakId && t.closeReason === 'geplaatst'),
    );
    await holderOf(subject, wi);

    // Two months pass: the stored timer of the 2-month check falls due, and only that one shows.
    expect((await ok('wi', 'wi', 'GET', '/plaatsingen/follow-up-checks')).items).toEqual([]);
    await sql(
      db.wi.url,
      "UPDATE follow_up_check SET due_at = now() - interval '1 minute' WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'",
      [plaatsing.id],
    );
    const due = await until('wi', 'wi', '/plaatsingen/follow-up-checks', (b) => b.items.length > 0);
    expect(due.items).toEqual([{ plaatsingId: plaatsing.id, checkType: 'na-2-maanden', dueDate: plaatsing.followUpChecks[0].dueDate }]);

    const dropped = await ok('wi', 'wi', 'POST', `/plaatsingen/${plaatsing.id}/follow-up-checks`, {
      checkType: 'na-2-maanden',
      outcome: 'uitgevallen',
      dropoutReason: 'baan-verloren',
    });
    expect(dropped).toMatchObject({ status: 'uitgevallen', returnsTo: rmc });
    expect((await ok('wi', 'wi', 'GET', '/plaatsingen/follow-up-checks')).items).toEqual([]);

    // Back at the RMC: a new task for the same young person, linked to the one that led to the placement.
    const list = await until('rmc', 'consulent', '/taken?status=nieuw&pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject),
    );
    const reopened = list.items.find((t: Json) => t.pseudonymousReference === subject);
    expect(reopened.id).not.toBe(taakId);
    const history = await ok('rmc', 'consulent', 'GET', `/taken/${reopened.id}/overdrachten`);
    const timers = await sql<{ kind: string }>(db.rmc.url, 'SELECT kind FROM timer WHERE taak_id = $1 AND fired_at IS NULL ORDER BY kind', [
      reopened.id,
    ]);
    expect(timers.map((t) => t.kind)).toEqual(['first-contact-due', 'prepare-wi-handover', 'turns-23']);
    expect(history.herkomst).toMatchObject({
      previousTaakId: taakId,
      plaatsingId: plaatsing.id,
      placementType: 'betaald-werk',
      dropoutReason: 'baan-verloren',
      reportedBy: wi.id,
    });
    const baton = await holderOf(subject, rmc);
    expect(baton.overdrachten[offered.id]).toMatchObject({ status: 'geplaatst' });
    expect(baton.conflicts).toEqual([]);
    expect(await withoutHolder()).toEqual([]);
  });

  test('after the handover, W&I reads the school dossier only while the young person (a minor: and a guardian) consents', async () => {
    const { subject, taakId, uitschrijvingId } = await leaverInContact();
    const offered = await offer(taakId, wi, 'werk', 'school-geen-optie');
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === offered.id));
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    await holderOf(subject, wi);
    const dossier = () => call('school', 'wi', 'GET', `/uitschrijvingen/${uitschrijvingId}/dossier`);
    expect(await dossier()).toMatchObject({ status: 403, body: { reason: 'geen-grondslag' } });

    token.jongere = await chain!.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    const given = await ok('consent', 'jongere', 'POST', '/me/toestemmingen', {
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: { organisationType: 'school', id: 'brin:25XY' },
      to: wi,
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'warme-overdracht-school-wi@1',
      wordingText: 'Mijn school mag mijn gegevens delen met Werk & Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    // Born 2008: a minor for part of the year, so the parent co-signs with their own login (a co-signature counts at any age).
    token.ouder = await chain!.issuer.issueToken({
      role: 'ouder-of-voogd',
      organisationType: 'platform',
      sub: 'ouder-e2e',
      guardianOf: [subject],
    });
    await ok('consent', 'ouder', 'POST', `/guardian/toestemmingen/${given.id}/co-sign`);
    expect(await dossier()).toMatchObject({
      status: 200,
      body: { name: { firstName: 'Sem', lastName: 'Jansen' }, basis: `consent:${given.id}` },
    });

    await ok('consent', 'jongere', 'POST', `/me/toestemmingen/${given.id}/withdraw`);
    expect(await dossier()).toMatchObject({ status: 403, body: { reason: 'toestemming-ingetrokken' } });
    const reads = await sql(db.school.url, 'SELECT actor_organisation_id, basis FROM access_log WHERE resource = $1 ORDER BY id', [
      `uitschrijving/${uitschrijvingId}/dossier`,
    ]);
    // Refused reads are logged too, with the reason.
    expect(reads).toEqual([
      { actor_organisation_id: wi.id, basis: 'refused:geen-grondslag' },
      { actor_organisation_id: wi.id, basis: `consent:${given.id}` },
      { actor_organisation_id: wi.id, basis: 'refused:toestemming-ingetrokken' },
    ]);
  });

  test('an offer nobody answers expires after its deadline, escalates, and the RMC keeps the baton', async () => {
    const { subject, taakId } = await leaverInContact();
    const offered = await offer(taakId, wi, 'werk', 'school-geen-optie');
    await until('wi', 'wi', '/verwijzingen?status=aangeboden', (b) => b.items.some((r: Json) => r.overdrachtId === offered.id));

    // Five working days pass without an answer: the stored deadline falls due.
    await sql(db.rmc.url, "UPDATE uitgaande_overdracht SET due_at = now() - interval '1 minute' WHERE id = $1", [offered.id]);
    const expired = await overdrachtOf(taakId, offered.id, (o) => o.status === 'verlopen');
    expect(expired.escalatedAt).not.toBeNull();
    const escalations = await ok('rmc', 'coordinator', 'GET', '/overdrachten?escalated=true');
    expect(escalations.items.map((o: Json) => o.id)).toContain(offered.id);

    // The receiver can no longer take it; the young person stays on the RMC worklist.
    await until('wi', 'wi', `/verwijzingen/${offered.id}`, (r) => r.status === 'verlopen');
    expect((await call('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'te laat' })).status).toBe(409);
    const baton = await holderOf(subject, rmc);
    expect(baton.overdrachten[offered.id]).toMatchObject({ status: 'verlopen' });
    expect((await ok('rmc', 'consulent', 'GET', '/taken?status=in-contact&pageSize=500')).items.map((t: Json) => t.id)).toContain(taakId);
    expect(await withoutHolder()).toEqual([]);
  });

  test('W&I rejects with a reason; the RMC offers to zorg instead, and zorg takes the baton', async () => {
    const { subject, taakId } = await leaverInContact();
    const toWi = await offer(taakId, wi, 'werk', 'school-geen-optie');
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === toWi.id));
    expect((await call('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/afwijzing`, { reason: 'vind-ik-niks' })).status).toBe(400);
    await ok('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/afwijzing`, { reason: 'niet-in-doelgroep' });
    const rejected = await overdrachtOf(taakId, toWi.id, (o) => o.status === 'afgewezen');
    expect(rejected.answerReason).toBe('niet-in-doelgroep');
    await holderOf(subject, rmc);

    const toZorg = await offer(taakId, zorg, 'zorg', 'ondersteuning-nodig');
    const referral = await until('zorg', 'zorg', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === toZorg.id));
    expect(referral.items.map((r: Json) => r.overdrachtId)).not.toContain(toWi.id);
    await ok('zorg', 'zorg', 'POST', `/verwijzingen/${toZorg.id}/acceptatie`, { contactPerson: 'M. Jansen, wijkteam' });
    await overdrachtOf(taakId, toZorg.id, (o) => o.status === 'geaccepteerd');
    const baton = await holderOf(subject, zorg);
    expect(baton.overdrachten).toMatchObject({ [toWi.id]: { status: 'afgewezen' }, [toZorg.id]: { status: 'geaccepteerd' } });
    expect(await withoutHolder()).toEqual([]);
  });
});
