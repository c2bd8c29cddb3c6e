import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { inschrijvingRegistered, overdrachtAccepted, type CloudEvent } from '@estafette/contracts';
import { createKafka, derivePseudonymousReference, fromKafkaMessage, topicName } from '@estafette/messaging';
import { addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { eventually, kafkaAccess, rolesConnectedTo } from '@estafette/testing';
import { chainClient, freshBsn, type Json } from './chain-client.js';
import { PLATFORM, startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-next-holders-secret-of-at-least-32-bytes!';
const today = amsterdamToday();
const oldSchool = { organisationType: 'school', id: 'brin:25XY' };
const newSchool = { organisationType: 'school', id: 'brin:30AB' };
// Region codes as the region map has them today (Amsterdam-Diemen MC21 with GM0363, Utrecht MC19 with GM0344).
const amsterdam = { organisationType: 'rmc', id: 'rmc:MC21' };
const utrecht = { organisationType: 'rmc', id: 'rmc:MC19' };
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const zorg = { organisationType: 'zorg', id: 'agb:12345678' };
type Org = typeof wi;
type App = 'school' | 'rmc' | 'wi' | 'zorg';

/** A birth date that makes the young person `years` old today, with their birthday `daysAgo` days behind them. */
function bornYearsAgo(years: number, daysAgo: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  return date.toISOString().slice(0, 10);
}

const daysFromToday = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('where the baton goes next: back to school, uitval from 23 to W&I, a move between RMC regions (real broker)', () => {
  const seen: CloudEvent[] = [];
  let observer: Consumer | undefined;
  const apps = {} as Record<App, INestApplication>;
  const token: Record<string, string> = {};
  let chain: Chain<App> | undefined;

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2en',
      services: ['school', 'rmc', 'wi', 'zorg'],
      schoolSecret: SECRET,
      // The demo organisations, this test's second school and W&I.
      directory: [
        { kind: 'school', code: '30AB', name: 'Tweede testschool' },
        { kind: 'werk-inkomen', code: 'GM0344', name: 'Gemeente Utrecht, Werk & Inkomen' },
      ],
    });
    Object.assign(apps, chain.apps);
    const kafka = createKafka({ ...kafkaAccess(), clientId: 'e2e-next-holders' });
    observer = kafka.consumer({ groupId: `${chain.prefix}observer` });
    await observer.connect();
    await observer.subscribe({
      topics: ['estafette.overdracht', 'estafette.inschrijving'].map((t) => topicName(chain!.prefix, t)),
      fromBeginning: true,
    });
    await observer.run({ eachMessage: async ({ message }) => void seen.push(fromKafkaMessage(message)) });
    const issue = chain.issue;
    token.oldSchoolSystem = await issue('school-system', oldSchool, 'client-25xy');
    token.oldSchoolStaff = await issue('school-staff', oldSchool, 'mentor-25xy');
    token.newSchoolSystem = await issue('school-system', newSchool, 'client-30ab');
    token.newSchoolStaff = await issue('school-staff', newSchool, 'zorgcoordinator-30ab');
    token.utrecht = await issue('rmc-consulent', utrecht, 'consulent-u');
    token.utrechtCoordinator = await issue('rmc-coordinator', utrecht, 'coordinator-u');
    token.amsterdam = await issue('rmc-consulent', amsterdam, 'consulent-a');
    token.wi = await issue('wi-consulent', wi, 'wi-1');
    token.otherWi = await issue('wi-consulent', { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' }, 'wi-a');
    token.zorg = await issue('zorg-consulent', zorg, 'zorg-1');
    token.ops = await issue('ops', PLATFORM, 'ops-1');
  });

  afterAll(async () => {
    await observer?.disconnect();
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);
  const batonIs = (subject: string, holder: Org, overdrachtId?: string, status?: string) =>
    until(
      'rmc',
      'ops',
      `/baton/${subject}`,
      (b) =>
        b.holder?.id === holder.id &&
        b.holder?.organisationType === holder.organisationType &&
        (!overdrachtId || b.overdrachten[overdrachtId]?.status === status),
    );
  const withoutHolder = async () => (await ok('rmc', 'ops', 'GET', '/baton/without-holder')).items as Json[];

  /** A deregistration at the old school; the RMC of the municipality's region opens a task. */
  async function deregistered(birthDate: string, municipality: string, rmcToken: string) {
    const bsn = freshBsn();
    const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
    const res = await call('school', 'oldSchoolSystem', 'POST', '/uitschrijvingen', {
      schoolReference: `UIT-${bsn}`,
      studentNumber: bsn.slice(0, 6),
      bsn,
      birthDate,
      deregistrationDate: today,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      highestDiploma: 'vmbo-kb',
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: municipality,
    });
    expect(res.status).toBe(201);
    const list = await until('rmc', rmcToken, '/taken?pageSize=500', (l) => l.items.some((t: Json) => t.pseudonymousReference === subject));
    const taak = list.items.find((t: Json) => t.pseudonymousReference === subject);
    return { bsn, subject, taak, birthDate };
  }

  const inContact = (taakId: string, who = 'utrecht') =>
    ok('rmc', who, 'POST', `/taken/${taakId}/contactmomenten`, { kind: 'contact', channel: 'huisbezoek', outcome: 'bereikt' });

  const offerToNewSchool = (taakId: string) =>
    ok('rmc', 'utrecht', 'POST', `/taken/${taakId}/overdrachten`, {
      to: newSchool,
      purpose: 'onderwijs',
      reason: 'terug-naar-onderwijs',
      contactPerson: 'J. de Vries, RMC Utrecht',
      firstContactProposedOn: addWorkingDays(today, 2),
    });

  test('every service of the chain is connected to its database as its own runtime role, none as a superuser or owner', async () => {
    for (const [service, db] of Object.entries(chain!.db) as [App, { name: string }][])
      expect([service, await rolesConnectedTo(chain!.db[service])]).toEqual([service, [{ role: `${db.name}_app`, superuser: false }]]);
  });

  test('back to school: the school accepts with a contact person and an enrolment date, takes the baton, and its inschrijving names the overdracht', async () => {
    const young = await deregistered(bornYearsAgo(17, 40), 'GM0344', 'utrecht');
    await inContact(young.taak.id);
    const offer = await offerToNewSchool(young.taak.id);
    expect(offer).toMatchObject({ status: 'aangeboden', to: newSchool, taakId: young.taak.id });

    // The offer lands in the new school's inbox only; the school that deregistered the young person sees nothing of it.
    const inbox = await until('school', 'newSchoolStaff', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === offer.id));
    expect(inbox.items.find((r: Json) => r.overdrachtId === offer.id)).toMatchObject({
      status: 'aangeboden',
      fromType: 'rmc',
      fromId: utrecht.id,
      purpose: 'onderwijs',
      handoverReason: 'terug-naar-onderwijs',
      firstContactProposedOn: addWorkingDays(today, 2),
      answerable: true,
      herkomst: null,
    });
    expect((await ok('school', 'oldSchoolStaff', 'GET', '/verwijzingen')).items).toEqual([]);
    expect((await call('school', 'oldSchoolStaff', 'GET', `/verwijzingen/${offer.id}`)).status).toBe(404);
    // A school administration system is no person: it cannot take a young person on.
    expect((await call('school', 'newSchoolSystem', 'GET', '/verwijzingen')).status).toBe(403);
    await batonIs(young.subject, utrecht, offer.id, 'aangeboden');

    // Accepting names the contact person and the planned enrolment date; each missing or wrong field is named.
    const accept = { contactPerson: 'M. Smit, zorgcoördinator ROC', enrolmentPlannedOn: daysFromToday(14) };
    const noDate = await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, { contactPerson: 'M. Smit' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors).toEqual([{ field: 'enrolmentPlannedOn', reason: expect.stringContaining('required') }]);
    const badDate = await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, {
      ...accept,
      enrolmentPlannedOn: '2026-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors.map((e: Json) => e.field)).toContain('enrolmentPlannedOn');
    expect(
      (await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, { enrolmentPlannedOn: daysFromToday(14) }))
        .body.errors,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'contactPerson' })]));
    expect((await call('school', 'oldSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, accept)).status).toBe(404);
    const accepted = await ok('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, accept);
    expect(accepted).toMatchObject({
      status: 'geaccepteerd',
      contactPerson: accept.contactPerson,
      enrolmentPlannedOn: accept.enrolmentPlannedOn,
    });

    // The baton moves to the school, the RMC's task follows, and the RMC sees the promised date; names stay off the bus.
    await batonIs(young.subject, newSchool, offer.id, 'geaccepteerd');
    await until(
      'rmc',
      'utrecht',
      `/overdrachten-uit/${offer.id}`,
      (o) => o.status === 'geaccepteerd' && o.enrolmentPlannedOn === accept.enrolmentPlannedOn,
    );
    await until('rmc', 'utrecht', `/taken/${young.taak.id}`, (t) => t.status === 'overgedragen');
    const acceptedEvent = await eventually(() =>
      seen.find((e) => e.type === overdrachtAccepted.type && (e.data as Json).overdrachtId === offer.id),
    );
    expect(acceptedEvent.data).toEqual({
      overdrachtId: offer.id,
      from: utrecht,
      to: newSchool,
      firstContactPlannedOn: addWorkingDays(today, 2),
      enrolmentPlannedOn: accept.enrolmentPlannedOn,
    });
    expect(JSON.stringify(acceptedEvent)).not.toContain('Smit');
    expect(await ok('school', 'utrecht', 'GET', `/verwijzingen/${offer.id}/contactpersoon`)).toEqual({
      organisation: newSchool,
      contactPerson: accept.contactPerson,
    });
    expect((await call('school', 'amsterdam', 'GET', `/verwijzingen/${offer.id}/contactpersoon`)).status).toBe(404);

    // The enrolment at that school names the overdracht it completes, in the answer and on the event.
    const inschrijving = await ok('school', 'newSchoolSystem', 'POST', '/inschrijvingen', {
      studentNumber: 'N-1',
      bsn: young.bsn,
      birthDate: young.birthDate,
      enrolmentDate: accept.enrolmentPlannedOn,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      municipalityOfResidence: 'GM0344',
    });
    expect(inschrijving).toMatchObject({ created: true, overdrachtId: offer.id });
    const event = await eventually(() =>
      seen.find((e) => e.type === inschrijvingRegistered.type && (e.data as Json).inschrijvingId === inschrijving.id),
    );
    expect(event).toMatchObject({ subject: young.subject, data: { school: newSchool, overdrachtId: offer.id } });
    // The same enrolment sent again names the same overdracht; an enrolment of someone else names none.
    expect(
      await ok('school', 'newSchoolSystem', 'POST', '/inschrijvingen', {
        studentNumber: 'N-1',
        bsn: young.bsn,
        birthDate: young.birthDate,
        enrolmentDate: accept.enrolmentPlannedOn,
        schoolType: 'mbo',
        municipalityOfResidence: 'GM0344',
      }),
    ).toMatchObject({ created: false, overdrachtId: offer.id });
    expect(
      await ok('school', 'newSchoolSystem', 'POST', '/inschrijvingen', {
        studentNumber: 'N-2',
        bsn: freshBsn(),
        birthDate: young.birthDate,
        enrolmentDate: today,
        schoolType: 'mbo',
        municipalityOfResidence: 'GM0344',
      }),
    ).toMatchObject({ created: true, overdrachtId: null });
    // The enrolment at the school holding the baton ends the responsibility: back to school, a success; nobody holds it now.
    const ended = await until('rmc', 'ops', `/baton/${young.subject}`, (b) => b.ended?.reason === 'terug-naar-school');
    expect(ended).toMatchObject({ holder: null, inScope: false, ended: { by: newSchool, on: accept.enrolmentPlannedOn } });
    expect((await withoutHolder()).map((b) => b.pseudonymousReference)).not.toContain(young.subject);
    const heldOut = (await ok('rmc', 'ops', 'GET', '/baton/held-out-of-scope')).items as Json[];
    expect(heldOut.map((b) => b.pseudonymousReference)).not.toContain(young.subject);
  });

  test('back to school rejected with a reason: the RMC keeps the baton and its task', async () => {
    const young = await deregistered(bornYearsAgo(18, 10), 'GM0344', 'utrecht');
    await inContact(young.taak.id);
    const offer = await offerToNewSchool(young.taak.id);
    await until('school', 'newSchoolStaff', '/verwijzingen?status=aangeboden', (b) =>
      b.items.some((r: Json) => r.overdrachtId === offer.id),
    );
    const bad = await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/afwijzing`, { reason: 'vol' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['reason']);
    expect(
      (await call('school', 'oldSchoolStaff', 'POST', `/verwijzingen/${offer.id}/afwijzing`, { reason: 'geen-capaciteit' })).status,
    ).toBe(404);
    const rejected = await ok('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/afwijzing`, { reason: 'geen-capaciteit' });
    expect(rejected).toMatchObject({ status: 'afgewezen', rejectReason: 'geen-capaciteit' });
    expect((await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, {})).status).toBe(400);
    expect(
      (
        await call('school', 'newSchoolStaff', 'POST', `/verwijzingen/${offer.id}/acceptatie`, {
          contactPerson: 'M. Smit',
          enrolmentPlannedOn: today,
        })
      ).status,
    ).toBe(409);

    await until('rmc', 'utrecht', `/overdrachten-uit/${offer.id}`, (o) => o.status === 'afgewezen' && o.answerReason === 'geen-capaciteit');
    const baton = await batonIs(young.subject, utrecht, offer.id, 'afgewezen');
    expect(baton.conflicts).toEqual([]);
    expect((await ok('rmc', 'utrecht', 'GET', `/taken/${young.taak.id}`)).status).toBe('in-contact');
    // The RMC may offer again, to another school.
    expect(await offerToNewSchool(young.taak.id)).toMatchObject({ status: 'aangeboden' });
  });

  test("uitval at 23 from zorg lands in W&I's worklist with its history, and W&I holds the baton", async () => {
    // 22 at the deregistration; the care trajectory fails more than a year later, when they are 23.
    const young = await deregistered(bornYearsAgo(22, 100), 'GM0344', 'utrecht');
    await inContact(young.taak.id);
    const toZorg = await ok('rmc', 'utrecht', 'POST', `/taken/${young.taak.id}/overdrachten`, {
      to: zorg,
      purpose: 'zorg',
      reason: 'ondersteuning-nodig',
      contactPerson: 'J. de Vries, RMC Utrecht',
    });
    await until('zorg', 'zorg', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === toZorg.id));
    await ok('zorg', 'zorg', 'POST', `/verwijzingen/${toZorg.id}/acceptatie`, { contactPerson: 'M. Jansen, wijkteam' });
    await ok('zorg', 'zorg', 'POST', `/verwijzingen/${toZorg.id}/eerste-contact`, { held: true, date: today, contactType: 'driegesprek' });
    const plaatsing = await ok('zorg', 'zorg', 'POST', `/verwijzingen/${toZorg.id}/plaatsing`, {
      placementType: 'zorgtraject',
      startDate: today,
    });
    await batonIs(young.subject, zorg, toZorg.id, 'geplaatst');
    const dropoutDate = daysFromToday(400);
    const uitval = await ok('zorg', 'zorg', 'POST', `/plaatsingen/${plaatsing.id}/uitval`, { dropoutDate, reason: 'traject-afgebroken' });
    expect(uitval).toMatchObject({ status: 'uitgevallen', returnsTo: wi });

    // W&I of the municipality of residence finds the young person in its worklist at once: no offer to answer, the baton is theirs.
    const inbox = await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((r: Json) => r.overdrachtId === uitval.uitvalId));
    const item = inbox.items.find((r: Json) => r.overdrachtId === uitval.uitvalId);
    expect(item).toMatchObject({
      status: 'geaccepteerd',
      pseudonymousReference: young.subject,
      fromType: 'zorg',
      fromId: zorg.id,
      handoverReason: 'uitval-na-plaatsing',
      ageAtOffer: 23,
      municipality: 'GM0344',
      answerable: false,
      herkomst: {
        uitvalId: uitval.uitvalId,
        plaatsingId: plaatsing.id,
        placementType: 'zorgtraject',
        dropoutDate,
        dropoutReason: 'traject-afgebroken',
        reportedBy: zorg,
        previousOverdrachtId: null,
      },
    });
    expect((await call('wi', 'otherWi', 'GET', `/verwijzingen/${uitval.uitvalId}`)).status).toBe(404);
    let baton = await batonIs(young.subject, wi);
    expect(baton.conflicts).toEqual([]);
    // The RMC's part ended: no new task opens there.
    const taken = (await ok('rmc', 'utrecht', 'GET', '/taken?pageSize=500')).items.filter(
      (t: Json) => t.pseudonymousReference === young.subject,
    );
    expect(taken.map((t: Json) => t.id)).toEqual([young.taak.id]);

    // W&I works on from the item: the contact is recorded at W&I (there is no sender to tell), then a new plaatsing.
    expect(
      await ok('wi', 'wi', 'POST', `/verwijzingen/${uitval.uitvalId}/eerste-contact`, {
        held: true,
        date: today,
        contactType: 'huisbezoek',
      }),
    ).toMatchObject({ status: 'eerste-contact-gehad' });
    expect((await call('wi', 'wi', 'POST', `/verwijzingen/${uitval.uitvalId}/afwijzing`, { reason: 'geen-capaciteit' })).status).toBe(409);
    await ok('wi', 'wi', 'POST', `/verwijzingen/${uitval.uitvalId}/plaatsing`, { placementType: 'participatieplek', startDate: today });
    // The new plaatsing (its event names the uitval's item) is W&I's own: the baton stays, without a conflict.
    baton = await until('rmc', 'ops', `/baton/${young.subject}`, (b) => b.holder?.id === wi.id && b.events > baton.events);
    expect(baton.conflicts).toEqual([]);
    expect((await withoutHolder()).map((b) => b.pseudonymousReference)).not.toContain(young.subject);
  });

  test('a move Amsterdam -> Utrecht: region MC21 offers the task to MC19, which accepts; the old task is overgedragen, the new one knows its history', async () => {
    const young = await deregistered(bornYearsAgo(17, 200), 'GM0363', 'amsterdam');
    const move = (who: string, body: unknown, taakId = young.taak.id) => call('rmc', who, 'POST', `/taken/${taakId}/verhuizing`, body);
    const contactPerson = 'P. de Boer, RMC Amsterdam';

    // Every refusal names the field and why; another region cannot move this region's task.
    for (const [municipality, why] of [
      ['GM0384', 'in your own region'],
      ['GM9999', 'in no RMC region'],
      ['Utrecht', 'CBS municipality code'],
    ]) {
      const refused = await move('amsterdam', { municipality, contactPerson });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'municipality', reason: expect.stringContaining(why) }]);
    }
    expect([...new Set((await move('amsterdam', { municipality: 'GM0344' })).body.errors.map((e: Json) => e.field))]).toEqual([
      'contactPerson',
    ]);
    expect((await move('utrecht', { municipality: 'GM0363', contactPerson })).status).toBe(404);

    // Before any contact, the task may move: it is offered, not reassigned; Amsterdam keeps the baton until Utrecht accepts.
    const offer = await ok('rmc', 'amsterdam', 'POST', `/taken/${young.taak.id}/verhuizing`, {
      municipality: 'GM0344',
      contactPerson,
      firstContactProposedOn: addWorkingDays(today, 3),
    });
    expect(offer).toMatchObject({ status: 'aangeboden', to: utrecht, taakId: young.taak.id, handoverReason: 'verhuizing' });
    expect((await move('amsterdam', { municipality: 'GM0344', contactPerson })).status).toBe(409);
    await batonIs(young.subject, amsterdam, offer.id, 'aangeboden');
    expect((await ok('rmc', 'amsterdam', 'GET', `/taken/${young.taak.id}`)).status).toBe('nieuw');

    // Utrecht's coordinator sees it in the region's inbox; Amsterdam does not see Utrecht's inbox item.
    const inbox = await until('rmc', 'utrechtCoordinator', '/verwijzingen?status=aangeboden', (b) =>
      b.items.some((r: Json) => r.overdrachtId === offer.id),
    );
    expect(inbox.items.find((r: Json) => r.overdrachtId === offer.id)).toMatchObject({
      fromType: 'rmc',
      fromId: amsterdam.id,
      handoverReason: 'verhuizing',
      purpose: 'terug-naar-rmc',
      municipality: 'GM0344',
      ageAtOffer: 17,
    });
    expect((await call('rmc', 'amsterdam', 'GET', `/verwijzingen/${offer.id}`)).status).toBe(404);
    expect((await call('rmc', 'amsterdam', 'POST', `/verwijzingen/${offer.id}/acceptatie`, { contactPerson: 'x' })).status).toBe(404);

    await ok('rmc', 'utrechtCoordinator', 'POST', `/verwijzingen/${offer.id}/acceptatie`, { contactPerson: 'J. de Vries, RMC Utrecht' });
    const baton = await batonIs(young.subject, utrecht, offer.id, 'geaccepteerd');
    expect(baton.conflicts).toEqual([]);
    await until('rmc', 'amsterdam', `/taken/${young.taak.id}`, (t) => t.status === 'overgedragen');
    expect((await ok('rmc', 'amsterdam', 'GET', `/taken/${young.taak.id}/overdrachten`)).items).toEqual([
      expect.objectContaining({ id: offer.id, status: 'geaccepteerd', to: utrecht }),
    ]);

    // Utrecht works on a new task, in its own region and by the new municipality, that knows where it came from.
    const list = await until('rmc', 'utrecht', '/taken?pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === young.subject),
    );
    const taak = list.items.find((t: Json) => t.pseudonymousReference === young.subject);
    expect(taak).toMatchObject({ region: 'MC19', status: 'nieuw', municipality: 'GM0344', school: oldSchool.id });
    expect((await ok('rmc', 'utrecht', 'GET', `/taken/${taak.id}/overdrachten`)).herkomst).toMatchObject({
      previousTaakId: young.taak.id,
      overdrachtId: offer.id,
      handoverReason: 'verhuizing',
      reportedBy: amsterdam.id,
    });
    expect((await call('rmc', 'amsterdam', 'GET', `/taken/${taak.id}`)).status).toBe(404);
    // Each region reads the other's contact person through the dataref, as parties of this overdracht.
    expect(await ok('rmc', 'utrecht', 'GET', `/overdrachten-uit/${offer.id}/contactpersoon`)).toEqual({
      organisation: amsterdam,
      contactPerson,
    });
    expect((await withoutHolder()).map((b) => b.pseudonymousReference)).not.toContain(young.subject);
  });

  test('a move the other region rejects: the task and the baton stay where they were', async () => {
    const young = await deregistered(bornYearsAgo(19, 30), 'GM0363', 'amsterdam');
    const offer = await ok('rmc', 'amsterdam', 'POST', `/taken/${young.taak.id}/verhuizing`, {
      municipality: 'GM0344',
      contactPerson: 'P. de Boer, RMC Amsterdam',
    });
    await until('rmc', 'utrecht', '/verwijzingen?status=aangeboden', (b) => b.items.some((r: Json) => r.overdrachtId === offer.id));
    await ok('rmc', 'utrecht', 'POST', `/verwijzingen/${offer.id}/afwijzing`, { reason: 'verkeerde-regio' });
    await until(
      'rmc',
      'amsterdam',
      `/overdrachten-uit/${offer.id}`,
      (o) => o.status === 'afgewezen' && o.answerReason === 'verkeerde-regio',
    );
    await batonIs(young.subject, amsterdam, offer.id, 'afgewezen');
    expect((await ok('rmc', 'amsterdam', 'GET', `/taken/${young.taak.id}`)).status).toBe('nieuw');
    expect(
      (await ok('rmc', 'utrecht', 'GET', '/taken?pageSize=500')).items.filter((t: Json) => t.pseudonymousReference === young.subject),
    ).toEqual([]);
  });
});
