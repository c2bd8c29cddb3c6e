import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { sql, type TestDatabase } from '@estafette/testing';
import { chainClient, freshBsn, type Json } from './chain-client.js';
import { PLATFORM, startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-directions-secret-of-at-least-32-bytes!';
const today = amsterdamToday();
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const rmc = { organisationType: 'rmc', id: 'rmc:MC19' };
const school = { organisationType: 'school', id: 'brin:25XY' };

type Org = typeof wi;

describe('handovers in the other directions (W&I back to the RMC, pro/vso school to W&I), through the real broker', () => {
  const apps = {} as Record<'school' | 'rmc' | 'wi', INestApplication>;
  const db = {} as Record<'school' | 'rmc' | 'wi', TestDatabase>;
  const token: Record<string, string> = {};
  let chain: Chain<'school' | 'rmc' | 'wi'> | undefined;

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2ed',
      services: ['school', 'rmc', 'wi'],
      schoolSecret: SECRET,
      directory: [{ kind: 'werk-inkomen', code: 'GM0344', name: 'Gemeente Utrecht, Werk & Inkomen' }],
    });
    Object.assign(apps, chain.apps);
    Object.assign(db, chain.db);
    token.schoolSystem = await chain.issue('school-system', school, 'client-25xy');
    token.schoolStaff = await chain.issue('school-staff', school, 'mentor-25xy');
    token.consulent = await chain.issue('rmc-consulent', rmc, 'consulent-u');
    token.otherRmc = await chain.issue('rmc-consulent', { organisationType: 'rmc', id: 'rmc:MC21' }, 'consulent-a');
    token.ops = await chain.issue('ops', PLATFORM, 'ops-1');
    token.wi = await chain.issue('wi-consulent', wi, 'wi-1');
  });

  afterAll(async () => {
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);
  /** The baton as ops sees it (a school-to-municipality handover involves no RMC region). */
  const batonIs = (subject: string, holder: Org, overdrachtId: string, status: string) =>
    until(
      'rmc',
      'ops',
      `/baton/${subject}`,
      (b) =>
        b.holder?.id === holder.id &&
        b.holder?.organisationType === holder.organisationType &&
        b.overdrachten[overdrachtId]?.status === status,
    );
  const withoutHolder = async () => (await ok('rmc', 'ops', 'GET', '/baton/without-holder')).items as Json[];

  async function deregister(schoolType: 'mbo' | 'pro', birthDate: string) {
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    const res = await call('school', 'schoolSystem', 'POST', '/uitschrijvingen', {
      schoolReference: `UIT-${bsn}`,
      studentNumber: bsn.slice(0, 6),
      bsn,
      birthDate,
      deregistrationDate: today,
      schoolType,
      schoolLevel: schoolType === 'pro' ? 'pro' : 'mbo-1',
      highestDiploma: schoolType === 'pro' ? 'geen' : 'vmbo-bb',
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0344',
    });
    expect(res.status).toBe(201);
    return { subject, uitschrijvingId: res.body.id as string };
  }

  test('W&I hands a young person back to the RMC: unanswered it expires and escalates, answered the RMC opens a task with the history', async () => {
    // RMC -> W&I, accepted: W&I holds the baton.
    const { subject } = await deregister('mbo', '2007-03-01');
    const taak = (
      await until('rmc', 'consulent', '/taken?pageSize=500', (l) => l.items.some((t: Json) => t.pseudonymousReference === subject))
    ).items.find((t: Json) => t.pseudonymousReference === subject);
    await ok('rmc', 'consulent', 'POST', `/taken/${taak.id}/contactmomenten`, {
      kind: 'contact',
      channel: 'huisbezoek',
      outcome: 'bereikt',
    });
    const toWi = await ok('rmc', 'consulent', 'POST', `/taken/${taak.id}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries, RMC Utrecht',
    });
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === toWi.id));
    await ok('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    await batonIs(subject, wi, toWi.id, 'geaccepteerd');

    // Not before the young person is W&I's to hand on: another organisation's referral is not found.
    expect(
      (
        await call('wi', 'wi', 'POST', `/verwijzingen/00000000-0000-4000-8000-000000000000/overdrachten`, {
          to: rmc,
          purpose: 'terug-naar-rmc',
          reason: 'terug-naar-onderwijs',
          contactPerson: 'x',
        })
      ).status,
    ).toBe(404);
    const back = {
      to: rmc,
      purpose: 'terug-naar-rmc',
      reason: 'terug-naar-onderwijs',
      contactPerson: 'A. Bakker, W&I Utrecht',
      firstContactProposedOn: addWorkingDays(today, 3),
    };
    expect(
      (await call('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/overdrachten`, { ...back, to: { organisationType: 'rmc', id: 'Utrecht' } }))
        .status,
    ).toBe(400);

    // First offer back: nobody at the RMC answers. W&I keeps the baton throughout; the expiry escalates to W&I and the RMC.
    const first = await ok('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/overdrachten`, back);
    expect(first).toMatchObject({ status: 'aangeboden', to: { organisationType: 'rmc', id: rmc.id } });
    expect((await call('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/overdrachten`, back)).status).toBe(409);
    await batonIs(subject, wi, first.id, 'aangeboden');
    const inbox = await until('rmc', 'consulent', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === first.id));
    expect(inbox.items.find((r: Json) => r.overdrachtId === first.id)).toMatchObject({
      status: 'aangeboden',
      fromType: 'werk-inkomen',
      fromId: wi.id,
      answerable: true,
      contactPerson: null,
    });
    expect((await call('rmc', 'otherRmc', 'GET', `/verwijzingen/${first.id}`)).status).toBe(404);
    await sql(db.wi.url, "UPDATE uitgaande_overdracht SET due_at = now() - interval '1 minute' WHERE id = $1", [first.id]);
    const expired = await until('wi', 'wi', `/overdrachten-uit/${first.id}`, (o) => o.status === 'verlopen');
    expect(expired.escalatedAt).not.toBeNull();
    await until('rmc', 'consulent', `/verwijzingen/${first.id}`, (r) => r.status === 'verlopen');
    expect((await call('rmc', 'consulent', 'POST', `/verwijzingen/${first.id}/acceptatie`, { contactPerson: 'te laat' })).status).toBe(409);
    await batonIs(subject, wi, first.id, 'verlopen');

    // Second offer: the RMC accepts. It holds the baton and works on a new task that knows where the young person came from.
    const second = await ok('wi', 'wi', 'POST', `/verwijzingen/${toWi.id}/overdrachten`, back);
    await until('rmc', 'consulent', '/verwijzingen?status=aangeboden', (b) => b.items.some((r: Json) => r.overdrachtId === second.id));
    await batonIs(subject, wi, second.id, 'aangeboden');
    const accepted = await ok('rmc', 'consulent', 'POST', `/verwijzingen/${second.id}/acceptatie`, {
      contactPerson: 'J. de Vries, RMC Utrecht',
    });
    expect(accepted).toMatchObject({ status: 'geaccepteerd', firstContactPlannedOn: addWorkingDays(today, 3) });
    await batonIs(subject, rmc, second.id, 'geaccepteerd');
    await until(
      'wi',
      'wi',
      `/overdrachten-uit/${second.id}`,
      (o) => o.status === 'geaccepteerd' && o.firstContactPlannedOn === addWorkingDays(today, 3),
    );

    const list = await ok('rmc', 'consulent', 'GET', '/taken?status=nieuw&pageSize=500');
    const reopened = list.items.find((t: Json) => t.pseudonymousReference === subject);
    expect(reopened.id).not.toBe(taak.id);
    const history = await ok('rmc', 'consulent', 'GET', `/taken/${reopened.id}/overdrachten`);
    expect(history.herkomst).toMatchObject({
      previousTaakId: taak.id,
      overdrachtId: second.id,
      handoverReason: 'terug-naar-onderwijs',
      reportedBy: wi.id,
      uitvalId: null,
    });

    // Named contact persons travel by dataref, never on the bus: each party reads the other's, nobody else does; reads are logged.
    expect(await ok('rmc', 'wi', 'GET', `/overdrachten/${toWi.id}/contactpersoon`)).toEqual({
      organisation: rmc,
      contactPerson: 'J. de Vries, RMC Utrecht',
    });
    expect(await ok('wi', 'consulent', 'GET', `/overdrachten-uit/${second.id}/contactpersoon`)).toEqual({
      organisation: wi,
      contactPerson: 'A. Bakker, W&I Utrecht',
    });
    expect(await ok('rmc', 'wi', 'GET', `/verwijzingen/${second.id}/contactpersoon`)).toEqual({
      organisation: rmc,
      contactPerson: 'J. de Vries, RMC Utrecht',
    });
    expect((await call('wi', 'otherRmc', 'GET', `/overdrachten-uit/${second.id}/contactpersoon`)).status).toBe(404);
    expect((await call('rmc', 'otherRmc', 'GET', `/verwijzingen/${second.id}/contactpersoon`)).status).toBe(404);
    expect(
      await sql(db.wi.url, 'SELECT actor_organisation_id, basis FROM access_log WHERE resource = $1', [
        `overdracht-uit/${second.id}/contactpersoon`,
      ]),
    ).toEqual([{ actor_organisation_id: rmc.id, basis: 'legal-basis:partij-in-overdracht' }]);

    // The RMC holds the first contact; W&I, the sender, follows it.
    await ok('rmc', 'consulent', 'POST', `/verwijzingen/${second.id}/eerste-contact`, {
      held: true,
      date: today,
      contactType: 'driegesprek',
    });
    await until('wi', 'wi', `/overdrachten-uit/${second.id}`, (o) => o.status === 'eerste-contact-gehad');
    const baton = await batonIs(subject, rmc, second.id, 'eerste-contact-gehad');
    expect(baton.conflicts).toEqual([]);
    expect((await withoutHolder()).map((b) => b.pseudonymousReference)).not.toContain(subject);
  });

  test('a pro school offers its leaver to W&I: no vsv-melding, the school holds the baton until W&I accepts and places', async () => {
    const { subject, uitschrijvingId } = await deregister('pro', '2007-09-15');
    const mbo = await deregister('mbo', '2007-09-15');
    // Before any offer the school already holds the baton (nazorg), so the young person is never without a holder.
    const nazorg = await until('rmc', 'ops', `/baton/${subject}`, (b) => b.holder?.id === school.id);
    expect(nazorg).toMatchObject({ holder: { organisationType: 'school', id: school.id }, overdrachten: {}, conflicts: [] });
    const offer = {
      to: wi,
      purpose: 'werk',
      reason: 'nazorg-pro-vso',
      contactPerson: 'K. Visser, mentor',
      firstContactProposedOn: addWorkingDays(today, 2),
    };
    expect((await call('school', 'schoolStaff', 'POST', `/uitschrijvingen/${mbo.uitschrijvingId}/overdrachten`, offer)).status).toBe(422);
    expect(
      (await call('school', 'schoolStaff', 'POST', `/uitschrijvingen/${uitschrijvingId}/overdrachten`, { ...offer, to: rmc })).status,
    ).toBe(422);
    expect((await call('school', 'schoolSystem', 'POST', `/uitschrijvingen/${uitschrijvingId}/overdrachten`, offer)).status).toBe(403);

    const offered = await ok('school', 'schoolStaff', 'POST', `/uitschrijvingen/${uitschrijvingId}/overdrachten`, offer);
    expect(offered).toMatchObject({ status: 'aangeboden', to: { organisationType: 'werk-inkomen', id: wi.id }, localRef: uitschrijvingId });
    await batonIs(subject, school, offered.id, 'aangeboden');

    const referral = await until('wi', 'wi', `/verwijzingen?status=aangeboden`, (b) =>
      b.items.some((r: Json) => r.overdrachtId === offered.id),
    );
    expect(referral.items.find((r: Json) => r.overdrachtId === offered.id)).toMatchObject({
      fromType: 'school',
      fromId: school.id,
      handoverReason: 'nazorg-pro-vso',
      firstContactProposedOn: addWorkingDays(today, 2),
    });
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    await batonIs(subject, wi, offered.id, 'geaccepteerd');
    await until('school', 'schoolStaff', `/overdrachten-uit/${offered.id}`, (o) => o.status === 'geaccepteerd');
    expect(await ok('school', 'wi', 'GET', `/overdrachten-uit/${offered.id}/contactpersoon`)).toEqual({
      organisation: school,
      contactPerson: 'K. Visser, mentor',
    });
    expect(await ok('wi', 'schoolStaff', 'GET', `/verwijzingen/${offered.id}/contactpersoon`)).toEqual({
      organisation: wi,
      contactPerson: 'A. Bakker, W&I Utrecht',
    });

    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/eerste-contact`, { held: true, date: today, contactType: 'driegesprek' });
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/plaatsing`, { placementType: 'beschut-werk', startDate: today });
    await until('school', 'schoolStaff', `/overdrachten-uit/${offered.id}`, (o) => o.status === 'geplaatst');
    const baton = await batonIs(subject, wi, offered.id, 'geplaatst');
    expect(baton.conflicts).toEqual([]);
    expect((await withoutHolder()).map((b) => b.pseudonymousReference)).not.toContain(subject);

    // The mbo leaver went to the RMC; the pro leaver never did (the school kept the baton, no vsv-melding).
    await until('rmc', 'consulent', '/taken?pageSize=500', (l) => l.items.some((t: Json) => t.pseudonymousReference === mbo.subject));
    expect((await ok('rmc', 'consulent', 'GET', '/taken?pageSize=500')).items.map((t: Json) => t.pseudonymousReference)).not.toContain(
      subject,
    );
  });

  test('late acceptance: past the deadline the receiver is refused with the reason, before the expiry even arrives; the sender keeps the baton', async () => {
    const { subject, uitschrijvingId } = await deregister('pro', '2008-01-20');
    const offered = await ok('school', 'schoolStaff', 'POST', `/uitschrijvingen/${uitschrijvingId}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'nazorg-pro-vso',
      contactPerson: 'K. Visser, mentor',
    });
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === offered.id));

    // The deadline passes at W&I before the school's timer fires.
    await sql(db.wi.url, "UPDATE verwijzing SET response_due_at = now() - interval '1 second' WHERE overdracht_id = $1", [offered.id]);
    const late = await call('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Utrecht' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: 'verlopen' });
    expect(late.body.message).toContain('ask them to offer again');
    expect(await ok('wi', 'wi', 'GET', `/verwijzingen/${offered.id}`)).toMatchObject({
      status: 'aangeboden',
      answerable: false,
      refusal: expect.stringContaining('verlopen'),
    });

    await sql(db.school.url, "UPDATE uitgaande_overdracht SET due_at = now() - interval '1 second' WHERE id = $1", [offered.id]);
    await until('wi', 'wi', `/verwijzingen/${offered.id}`, (r) => r.status === 'verlopen');
    const baton = await batonIs(subject, school, offered.id, 'verlopen');
    // Had the refused acceptance been published (made before the original deadline), W&I would hold the baton now.
    expect(baton.conflicts).toEqual([]);
  });
});
