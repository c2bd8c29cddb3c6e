import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { eventually, sql, type TestDatabase } from '@estafette/testing';
import { chainClient, freshBsn, vsvLeaver, type Json } from './chain-client.js';
import { startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-withdrawal-secret-of-at-least-32-bytes!';
const today = amsterdamToday();
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const rmc = { organisationType: 'rmc', id: 'rmc:MC19' };
const school = { organisationType: 'school', id: 'brin:25XY' };

// Intrekking (docs/privacy.md): a young person consents, the RMC hands over to W&I on that consent, W&I reads the
// school dossier under it; the young person withdraws, and every service that held something under it purges it
// and records so, while the services that held nothing under it record nothing.
describe('THAT before WHAT and withdrawal purges across school, RMC, W&I and the consent service, through the real broker', () => {
  type App = 'school' | 'rmc' | 'wi' | 'consent';
  const apps = {} as Record<App, INestApplication>;
  const db = {} as Record<App, TestDatabase>;
  const token: Record<string, string> = {};
  let chain: Chain<App> | undefined;

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2ewd',
      services: ['consent', 'school', 'rmc', 'wi'],
      schoolSecret: SECRET,
      schoolServesDossiers: true,
      directory: [{ kind: 'werk-inkomen', code: 'GM0344', name: 'Gemeente Utrecht, Werk & Inkomen' }],
    });
    Object.assign(apps, chain.apps);
    Object.assign(db, chain.db);
    token.school = await chain.issue('school-system', school, 'client-25xy');
    token.consulent = await chain.issue('rmc-consulent', rmc, 'consulent-u');
    token.wi = await chain.issue('wi-consulent', wi, 'wi-1');
  });

  afterAll(async () => {
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);
  const removals = (app: App, subject: string) =>
    sql<Json>(db[app].url, 'SELECT what, count, reason, toestemming_id AS "toestemmingId" FROM verwijdering WHERE subject = $1', [subject]);
  const withdrawnSeen = (app: App) =>
    eventually(async () =>
      (await sql<{ n: number }>(db[app].url, "SELECT count(*)::int AS n FROM inbox WHERE type LIKE '%toestemming.withdrawn%'"))[0]!.n > 0
        ? true
        : undefined,
    );

  test('consent, handover and dossier read under it; after the withdrawal every holder purged, once, and said so', async () => {
    // An adult (20): their consent needs no guardian.
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    const deregistered = await ok(
      'school',
      'school',
      'POST',
      '/uitschrijvingen',
      vsvLeaver(bsn, today, {
        birthDate: `${Number(today.slice(0, 4)) - 20}-05-01`,
        contact: { firstName: 'Lotte', lastName: 'de Boer', phone: '0622222222' },
      }),
    );
    const uitschrijvingId = deregistered.id as string;
    const list = await until('rmc', 'consulent', '/taken?pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject),
    );
    const taakId = list.items.find((t: Json) => t.pseudonymousReference === subject).id as string;
    await ok('rmc', 'consulent', 'POST', `/taken/${taakId}/contactmomenten`, {
      kind: 'contact',
      channel: 'huisbezoek',
      outcome: 'bereikt',
    });

    token.jongere = await chain!.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    const given = await ok('consent', 'jongere', 'POST', '/me/toestemmingen', {
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: school,
      to: wi,
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'warme-overdracht-school-wi@1',
      wordingText: 'Mijn school mag mijn gegevens delen met Werk & Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    // The RMC hands over on that consent: the offer names it, and W&I keeps it with the referral.
    const offered = await ok('rmc', 'consulent', 'POST', `/taken/${taakId}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries, RMC Utrecht',
      firstContactProposedOn: addWorkingDays(today, 2),
      legalBasis: 'toestemming',
      toestemmingId: given.id,
    });
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === offered.id));
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    const referral = () =>
      sql<Json>(
        db.wi.url,
        `SELECT toestemming_id AS "toestemmingId", sender_dataref AS dataref, turns_23_on IS NOT NULL AS "hasTurns23On", status
           FROM verwijzing WHERE overdracht_id = $1`,
        [offered.id],
      );
    expect(await referral()).toEqual([
      { toestemmingId: given.id, dataref: expect.any(String), hasTurns23On: true, status: 'geaccepteerd' },
    ]);
    // W&I reads the school dossier under the consent (once the consent service knows the young person is an adult).
    const dossier = () => call('school', 'wi', 'GET', `/uitschrijvingen/${uitschrijvingId}/dossier`);
    const read = await eventually(async () => {
      const res = await dossier();
      return res.status === 200 ? res : undefined;
    });
    expect(read.body).toMatchObject({ name: { firstName: 'Lotte' }, basis: `consent:${given.id}` });

    await ok('consent', 'jongere', 'POST', `/me/toestemmingen/${given.id}/intrekking`);

    // W&I held what the referral brought along under it: purged and recorded, the referral itself (its own work) stays.
    const purged = await eventually(async () => {
      const rows = await removals('wi', subject);
      return rows.length ? rows : undefined;
    });
    expect(purged).toEqual([
      { what: 'verwijzing:gegevens-van-verwijzer', count: 1, reason: 'toestemming-ingetrokken', toestemmingId: given.id },
    ]);
    expect(await referral()).toEqual([{ toestemmingId: given.id, dataref: null, hasTurns23On: true, status: 'geaccepteerd' }]);
    // The young person's inzage says so: W&I's section lists the removal in plain Dutch, the others none.
    const inzage = (await ok('consent', 'jongere', 'GET', '/me/inzage')) as {
      sections: { service: string; removals?: { what: string; reason: string }[] }[];
    };
    const removalsIn = (service: string) => inzage.sections.find((s) => s.service === service)?.removals;
    expect(removalsIn('werk-inkomen')).toEqual([
      expect.objectContaining({ what: expect.stringContaining('verwijzing'), reason: 'je hebt je toestemming ingetrokken' }),
    ]);
    expect(removalsIn('school')).toEqual([]);
    expect(removalsIn('rmc')).toEqual([]);
    // The school (the owner of its dossier, under its legal duty) and the RMC (the sender) held nothing under it.
    await Promise.all([withdrawnSeen('school'), withdrawnSeen('rmc')]);
    expect(await removals('school', subject)).toEqual([]);
    expect(await removals('rmc', subject)).toEqual([]);
    // The content is not fetched again under it, and the purge record shows in no other young person's removals.
    expect(await dossier()).toMatchObject({ status: 403, body: { reason: 'toestemming-ingetrokken' } });
    expect(await sql(db.wi.url, 'SELECT count(*)::int AS n FROM verwijdering WHERE subject <> $1', [subject])).toEqual([{ n: 0 }]);
  });

  test('THAT before WHAT: W&I and the school learn from the RMC who holds the baton, and nothing else; the young person sees it', async () => {
    // Amsterdam: region MC21, whose convenant has the signaal flows (rmc-wi-signaal, rmc-school-terugmelding).
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    await ok('school', 'school', 'POST', '/uitschrijvingen', {
      schoolReference: `UIT-${bsn}`,
      studentNumber: bsn.slice(0, 6),
      bsn,
      birthDate: `${Number(today.slice(0, 4)) - 19}-02-01`,
      deregistrationDate: today,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      highestDiploma: 'vmbo-kb',
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
      contact: { firstName: 'Daan', lastName: 'Visser', phone: '0633333333' },
    });
    token.wiAmsterdam = await chain!.issue('wi-consulent', { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' }, 'wi-a');
    token.mentor = await chain!.issue('school-staff', school, 'mentor-1');
    token.zorg = await chain!.issue('zorg-consulent', { organisationType: 'zorg', id: 'agb:73730123' }, 'zorg-a');
    const path = `/betrokkenheid/${subject}`;
    const wiAnswer = await eventually(async () => {
      const res = await call('rmc', 'wiAmsterdam', 'GET', path);
      return res.status === 200 ? res.body : undefined;
    });
    expect(wiAnswer).toEqual({
      items: [{ organisation: { organisationType: 'rmc', id: 'rmc:MC21' }, role: 'regiehouder', contactChannel: null }],
      basis: 'legal-basis:convenant-mc21@1/rmc-wi-signaal',
    });
    expect(JSON.stringify(wiAnswer)).not.toMatch(/Daan|Visser|0633333333|GM0363/);
    expect(await ok('rmc', 'mentor', 'GET', path)).toMatchObject({ basis: 'legal-basis:convenant-mc21@1/rmc-school-terugmelding' });
    // No signaal flow for zorg and no consent: not even THAT.
    expect(await call('rmc', 'zorg', 'GET', path)).toMatchObject({ status: 403, body: { reason: 'geen-grondslag' } });
    expect(await call('rmc', 'wiAmsterdam', 'GET', '/betrokkenheid/bsn-111222333')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'pseudonymousReference' }] },
    });
    const logged = await sql(db.rmc.url, 'SELECT actor_organisation_id AS who, basis FROM access_log WHERE resource = $1 ORDER BY id', [
      `betrokkenheid/${subject}`,
    ]);
    expect(logged).toEqual([
      { who: 'oin:00000001002564440000', basis: 'legal-basis:convenant-mc21@1/rmc-wi-signaal' },
      { who: 'brin:25XY', basis: 'legal-basis:convenant-mc21@1/rmc-school-terugmelding' },
    ]);

    token.jongere = await chain!.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    const known = await ok('consent', 'jongere', 'GET', '/me/wie-weet-wat');
    expect(known.items.map((k: Json) => [k.organisation.id, k.level])).toEqual([
      ['brin:25XY', 'signaal'],
      ['oin:00000001002564440000', 'signaal'],
    ]);
  });
});
