import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { addWorkingDays, today as amsterdamToday } from '@estafette/calendar';
import { eventually } from '@estafette/testing';
import { chainClient, freshBsn, type Json } from './chain-client.js';
import { PLATFORM, startChain, type Chain } from './support/chain.js';

const SECRET = 'e2e-inzage-secret-of-at-least-32-bytes!!';
const today = amsterdamToday();
const school = { organisationType: 'school', id: 'brin:25XY' };
const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' };

/**
 * The done-when of issue 20 (inzage): a young person goes through deregistration, the RMC, a warm handover to W&I with
 * consent, a plaatsing and uitval back to the RMC, with the holders reading their own records along the way; the
 * inzage then holds every read (by organisation and resource, also the holders' own) and each service's data.
 */
describe('one inzage for a young person who went through the whole chain', () => {
  type App = 'consent' | 'school' | 'rmc' | 'wi' | 'zorg';
  const apps = {} as Record<App, INestApplication>;
  const token: Record<string, string> = {};
  let chain: Chain<App> | undefined;
  const bsn = freshBsn();
  const subject = derivePseudonymousReference(SECRET, { organisationId: 'bsn', personId: bsn });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    chain = await startChain({
      label: 'e2ei',
      services: ['consent', 'school', 'rmc', 'wi', 'zorg'],
      schoolSecret: SECRET,
      schoolServesDossiers: true,
      rmcServiceToken: true,
      directory: [],
    });
    Object.assign(apps, chain.apps);
    token.schoolSystem = await chain.issue('school-system', school, 'client-25xy');
    token.schoolStaff = await chain.issue('school-staff', school, 'mentor-25xy');
    token.consulent = await chain.issue('rmc-consulent', rmc, 'consulent-a');
    token.wi = await chain.issue('wi-consulent', wi, 'wi-a');
    token.officer = await chain.issue('privacy-officer', PLATFORM, 'fg-1');
    token.jongere = await chain.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    token.otherService = await chain.issuer.issueToken({ role: 'service', organisationType: 'school', sub: 'estafette-school-service' });
  });

  afterAll(async () => {
    await chain?.close();
  });

  const { call, ok, until } = chainClient(apps, token);

  test('the chain, with reads by the holders themselves along the way', async () => {
    const deregistered = await ok('school', 'schoolSystem', 'POST', '/uitschrijvingen', {
      schoolReference: `UIT-${bsn}`,
      studentNumber: bsn.slice(0, 6),
      bsn,
      birthDate: '2005-03-14',
      deregistrationDate: today,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      highestDiploma: 'vmbo-kb',
      reason: 'zonder-vervolg',
      exitInterviewHeld: true,
      municipalityOfResidence: 'GM0363',
      contact: { firstName: 'Noor', lastName: 'de Boer', phone: '0612345678' },
    });
    ids.uitschrijving = deregistered.id;
    await ok('school', 'schoolStaff', 'GET', `/uitschrijvingen/${ids.uitschrijving}`); // the school reads its own record

    const list = await until('rmc', 'consulent', '/taken?pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject),
    );
    ids.taak = list.items.find((t: Json) => t.pseudonymousReference === subject).id;
    await ok('rmc', 'consulent', 'GET', `/taken/${ids.taak}`); // the RMC reads its own task
    await ok('rmc', 'consulent', 'POST', `/taken/${ids.taak}/contactmomenten`, {
      kind: 'contact',
      channel: 'telefoon',
      outcome: 'bereikt',
    });

    // W&I tries the school dossier before any referral: refused, and the refusal is logged too.
    expect((await call('school', 'wi', 'GET', `/uitschrijvingen/${ids.uitschrijving}/dossier`)).status).toBe(403);

    const given = await ok('consent', 'jongere', 'POST', '/me/toestemmingen', {
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: school,
      to: { organisationType: 'werk-inkomen' },
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'warme-overdracht-school-wi@1',
      wordingText: 'Mijn school mag mijn gegevens delen met Werk & Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    ids.toestemming = given.id;
    await until('consent', 'jongere', '/me/toestemmingen', (b) => b.items.some((t: Json) => t.id === given.id && !t.awaitingGuardian));

    const offered = await ok('rmc', 'consulent', 'POST', `/taken/${ids.taak}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries, RMC Amsterdam',
      firstContactProposedOn: addWorkingDays(today, 2),
    });
    ids.overdracht = offered.id;
    await until('wi', 'wi', '/verwijzingen', (b) => b.items.some((v: Json) => v.overdrachtId === offered.id)); // W&I's inbox
    await ok('wi', 'wi', 'GET', `/verwijzingen/${offered.id}`); // W&I reads its own referral
    const dossier = await eventually(async () => {
      const r = await call('school', 'wi', 'GET', `/uitschrijvingen/${ids.uitschrijving}/dossier`);
      return r.status === 200 ? r.body : undefined;
    });
    expect(dossier.basis).toBe(`consent:${ids.toestemming}`);

    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/acceptatie`, { contactPerson: 'A. Bakker, W&I Amsterdam' });
    await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/eerste-contact`, { held: true, date: today, contactType: 'driegesprek' });
    const plaatsing = await ok('wi', 'wi', 'POST', `/verwijzingen/${offered.id}/plaatsing`, {
      placementType: 'betaald-werk',
      startDate: today,
      hoursPerWeek: 32,
    });
    ids.plaatsing = plaatsing.id;
    await ok('wi', 'wi', 'GET', `/plaatsingen/${plaatsing.id}`); // W&I reads its own plaatsing
    await ok('wi', 'wi', 'POST', `/plaatsingen/${plaatsing.id}/uitval`, { dropoutDate: today, reason: 'baan-verloren' });

    // Back at the RMC: a new task, read by the RMC itself.
    const back = await until('rmc', 'consulent', '/taken?status=nieuw&pageSize=500', (l) =>
      l.items.some((t: Json) => t.pseudonymousReference === subject && t.id !== ids.taak),
    );
    ids.reopened = back.items.find((t: Json) => t.pseudonymousReference === subject && t.id !== ids.taak).id;
    await ok('rmc', 'consulent', 'GET', `/taken/${ids.reopened}`);
  });

  const sectionOf = (doc: Json, service: string) => doc.sections.find((s: Json) => s.service === service);
  const read = (organisation: string, resource: string, basis?: string) =>
    expect.objectContaining({ organisation: expect.objectContaining({ id: organisation }), resource, ...(basis ? { basis } : {}) });

  test('the inzage holds every read, also the holders own, and what each service holds', async () => {
    const doc = await ok('consent', 'jongere', 'GET', '/me/inzage');
    expect(doc).toMatchObject({ subject, requestedBy: { kind: 'jongere' } });
    expect(doc.sections.map((s: Json) => [s.service, s.status]).sort()).toEqual(
      ['consent', 'rmc', 'school', 'werk-inkomen', 'zorg'].map((s) => [s, 'beschikbaar']),
    );

    const schoolPart = sectionOf(doc, 'school');
    expect(schoolPart.accesses).toEqual(
      expect.arrayContaining([
        read(school.id, `uitschrijving/${ids.uitschrijving}`, 'own-organisation'),
        read(wi.id, `uitschrijving/${ids.uitschrijving}/dossier`, `consent:${ids.toestemming}`),
        expect.objectContaining({ organisation: expect.objectContaining({ id: wi.id }), refused: true, basis: 'refused:geen-verwijzing' }),
      ]),
    );
    expect(schoolPart.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          category: 'Uitschrijving van school',
          fields: expect.objectContaining({ BSN: bsn, 'Datum uitschrijving': today }),
        }),
      ]),
    );

    const rmcPart = sectionOf(doc, 'rmc');
    expect(rmcPart.accesses).toEqual(
      expect.arrayContaining([
        read(rmc.id, `taak/${ids.taak}`, 'own-organisation'),
        read(rmc.id, `taak/${ids.reopened}`, 'own-organisation'),
        expect.objectContaining({ resource: `taak/${ids.taak}`, purpose: 'werklijst' }),
      ]),
    );
    expect(rmcPart.records.filter((r: Json) => r.category === 'Registratie bij het RMC (taak)')).toHaveLength(2);
    expect(rmcPart.records).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'Overdracht aan een andere organisatie' })]),
    );

    const wiPart = sectionOf(doc, 'werk-inkomen');
    expect(wiPart.accesses).toEqual(
      expect.arrayContaining([
        read(wi.id, `verwijzing/${ids.overdracht}`, 'own-organisation'),
        read(wi.id, `plaatsing/${ids.plaatsing}`, 'own-organisation'),
      ]),
    );
    expect(wiPart.records.map((r: Json) => r.category)).toEqual(expect.arrayContaining(['Verwijzing', 'Plaatsing']));
    expect(wiPart.removals).toEqual([]);

    const consentPart = sectionOf(doc, 'consent');
    expect(consentPart.records).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'Toestemming' })]));
    expect(sectionOf(doc, 'zorg')).toMatchObject({ records: [], accesses: [] });
  });

  test('as a readable page and as a PDF', async () => {
    const base = await apps.consent.getUrl();
    const html = await fetch(`${base}/me/inzage.html`, { headers: { authorization: `Bearer ${token.jongere}` } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('Jouw inzage');
    expect(page).toContain(`taak`);
    expect(page).toContain('de Boer'); // the school's contact data, escaped into the page
    const pdf = await fetch(`${base}/me/inzage.pdf`, { headers: { authorization: `Bearer ${token.jongere}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  test('only the platform service client gets a service section; the privacy officer makes the inzage on a verified request, which is logged and listed', async () => {
    expect((await call('school', 'otherService', 'GET', `/inzage/${subject}`)).status).toBe(404);
    expect((await call('rmc', 'consulent', 'GET', `/inzage/${subject}`)).status).toBe(403);

    const bad = await call('consent', 'officer', 'POST', '/inzage-verzoeken', { subject: 'x', verificationNote: 'kort', reason: 'r' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('subject');
    expect(JSON.stringify(bad.body)).toContain('verificationNote');

    const doc = await ok('consent', 'officer', 'POST', '/inzage-verzoeken', {
      subject,
      verificationNote: 'ID-kaart gezien aan de balie',
      reason: 'verzoek per brief',
    });
    expect(doc.requestedBy).toMatchObject({ kind: 'privacy-officer', requestId: expect.any(String) });
    expect(sectionOf(doc, 'school').accesses.length).toBeGreaterThan(0);
    const listed = await ok('consent', 'officer', 'GET', '/inzage-verzoeken');
    expect(listed).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ id: doc.requestedBy.requestId, subject, officerSubject: 'fg-1' })],
    });
    // The request itself is a read, and shows in the next inzage.
    const next = await ok('consent', 'jongere', 'GET', '/me/inzage');
    expect(sectionOf(next, 'consent').accesses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'privacy-officer',
          resource: `inzage/${doc.requestedBy.requestId}`,
          basis: 'legal-basis:avg-art-15',
        }),
      ]),
    );
  });

  test('a service that does not answer makes its section "niet beschikbaar", never a failed inzage', async () => {
    await apps.zorg.close();
    const res = await call('consent', 'jongere', 'GET', '/me/inzage');
    expect(res.status).toBe(200);
    expect(sectionOf(res.body, 'zorg')).toMatchObject({ status: 'niet-beschikbaar', reason: expect.any(String) });
    expect(sectionOf(res.body, 'school')).toMatchObject({ status: 'beschikbaar' });
  });
});
