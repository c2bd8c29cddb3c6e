import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Download, Locator } from 'playwright-core';
import { DataSource } from 'typeorm';
import { today as amsterdamToday } from '@estafette/calendar';
import { RetentionRunner, RetentionRunRecord } from '@estafette/privacy';
import { schoolRetentionPlan } from '../../school/src/persistence/retention.js';
import { ServiceCalendar } from '@estafette/service-kit';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, schoolSystemToken } from './support/platform.js';
import { portalSteps } from './support/portal-steps.js';

// The privacy pages in a real browser against the real services (processes) on the test broker and PostgreSQL: the
// privacy officer's register, audit chains, bewaartermijnen (with a real retention run of the school; zorg and the
// monitor are not started, so their parts say they do not answer) and an inzage request made through the form; the
// young person's Inzage page with the privacy officer's read in it and its downloads. Every page is checked with
// axe-core and photographed into test-artifacts/privacy/.
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts/privacy');
const today = amsterdamToday();
// jongere@demo (BSN 111222333), 19 years old.
const leaver = {
  schoolReference: 'UIT-PRIVACY-1',
  studentNumber: '454545',
  bsn: '111222333',
  birthDate: `${Number(today.slice(0, 4)) - 19}-06-11`,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Lotte', lastName: 'Visser', phone: '0612345670', city: 'Amsterdam' },
};

describe('the portal in a browser: the privacy officer pages and the young person’s inzage', () => {
  let platform: Platform;
  let browser: Browser;
  let steps: ReturnType<typeof portalSteps>;
  /** jongere@demo's pseudonymous reference, as their login token carries it. */
  let subject: string;

  beforeAll(async () => {
    rmSync(ARTEFACTS, { recursive: true, force: true });
    platform = await startPlatform();
    browser = await launchBrowser(ARTEFACTS);
    steps = portalSteps(platform, browser);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  }, 60_000);

  /** Clicks `button` and returns the file the page offers, with the request that fetched it (downloads are blobs). */
  async function download(button: Locator, apiPath?: string): Promise<{ bytes: Buffer; name: string; authorization?: string }> {
    const page = steps.page;
    const request = apiPath ? page.waitForRequest((r) => new URL(r.url()).pathname === `/api/consent${apiPath}`) : undefined;
    const [file]: [Download, unknown] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const fetched = await request;
    // The token travels in the header only, never in an address.
    if (fetched) expect(fetched.url()).not.toMatch(/token|Bearer/i);
    return {
      bytes: readFileSync((await file.path())!),
      name: file.suggestedFilename(),
      authorization: fetched ? ((await fetched.headerValue('authorization')) ?? undefined) : undefined,
    };
  }

  test('a school deregisters the young person (the school now holds a record on them)', async () => {
    const res = await fetch(`${platform.url.school}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await schoolSystemToken(platform)}`, 'content-type': 'application/json' },
      body: JSON.stringify(leaver),
    });
    expect(res.status).toBe(201);
  });

  test('the young person opens Inzage: per organisation what it holds, an unavailable part said plainly', async () => {
    const { page, login, open, checkPage, logout } = steps;
    await login('jongere@demo');
    // The portal keeps the session (with the access token's claims) in sessionStorage.
    subject = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('estafette.session')!) as { claims: { sub: string } }).claims.sub,
    );
    expect(subject).toMatch(/^pr_/);
    await open('Inzage', 'Inzage: jouw gegevens en wie ze bekeek');
    const school = page.getByRole('region', { name: /School: / }).first();
    await school.waitFor();
    expect(await school.innerText()).toMatch(/Leerlingnummer\s+454545/);
    // A calendar date as the portal shows dates (Amsterdam), not as the API sends it.
    expect(await school.innerText()).not.toContain(leaver.birthDate);
    // Zorg is not running in this platform: its part says so, the rest shows.
    expect(await page.getByRole('heading', { level: 2, name: 'Zorg' }).count()).toBe(1);
    expect(await page.getByText(/Niet beschikbaar\./).count()).toBeGreaterThan(0);
    await checkPage('jongere-inzage-eerste');
    await logout();
  });

  test('a retention run of the school (the real plan on its database, as its daily job runs it)', async () => {
    const dataSource = await new DataSource({
      type: 'postgres',
      url: platform.databaseUrl('school'),
      entities: [RetentionRunRecord],
    }).initialize();
    try {
      const run = await new RetentionRunner(dataSource, new ServiceCalendar(), schoolRetentionPlan).runNow();
      expect(run?.counts).toEqual(expect.objectContaining({ contactgegevens: 0, uitschrijving: 0 }));
    } finally {
      await dataSource.destroy();
    }
  });

  test('the privacy officer reads the register, verifies the audit chains and reads the bewaartermijnen with the run', async () => {
    const { page, login, open, checkPage } = steps;
    await login('fg@mc21');
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    for (const label of ['Register van verwerkingen', 'Auditketens', 'Bewaartermijnen', 'Inzageverzoeken'])
      expect(await nav.getByRole('link', { name: label }).count()).toBe(1);

    await open('Register van verwerkingen', 'Register van verwerkingen');
    const register = page.getByRole('table', { name: 'Register van verwerkingen' });
    await register.waitFor();
    expect(await register.getByRole('row').count()).toBeGreaterThan(1);
    expect(await register.innerText()).toMatch(/wettelijke verplichting|publieke taak|toestemming/);
    await checkPage('privacy-register');

    await open('Auditketens', 'Auditketens');
    await page.getByRole('button', { name: 'Nu controleren' }).click();
    await page.getByRole('status').filter({ hasText: 'Gecontroleerd: 2 ketens.' }).waitFor();
    const chains = page.getByRole('table', { name: /Auditketens/ });
    expect(await chains.getByText('intact', { exact: true }).count()).toBe(2);
    expect(await page.getByRole('heading', { name: 'Auditketens: in orde' }).count()).toBe(1);
    await checkPage('privacy-auditketens');

    await open('Bewaartermijnen', 'Bewaartermijnen');
    const runs = page.getByRole('table', { name: 'School: uitvoeringen, nieuwste eerst' });
    await runs.waitFor();
    expect(await runs.getByRole('row').count()).toBe(2);
    expect(await runs.innerText()).toMatch(/contactgegevens: 0/);
    const policy = page.getByRole('table', { name: 'RMC: bewaartermijnen' });
    expect(await policy.getByRole('row').filter({ hasText: 'rmc-dossier' }).innerText()).toMatch(/1 jaar[\s\S]*bron:[\s\S]*000:386-388/);
    // Zorg and the monitor are not running: a clear message in their own part; the other parts still show.
    for (const name of ['Zorg', 'Monitor (stuurinformatie)'])
      await page
        .getByRole('region', { name })
        .getByRole('alert')
        .filter({ hasText: `${name}: Deze dienst` })
        .waitFor();
    expect(
      (await page.getByRole('table', { name: 'Werk & Inkomen: uitvoeringen, nieuwste eerst' }).count()) +
        (await page.getByText('Nog geen uitvoeringen.').count()),
    ).toBeGreaterThan(0);
    await checkPage('privacy-bewaartermijnen');
  });

  test('the privacy officer makes an inzage through the form by keyboard: a field error first, then the document', async () => {
    const { page, open, checkPage, logout } = steps;
    await open('Inzageverzoeken', 'Inzageverzoeken');
    const subjectField = page.getByLabel('Pseudoniem van de jongere');
    const note = page.getByLabel('Hoe is de identiteit gecontroleerd?');
    const reason = page.getByLabel('Reden van het verzoek');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent);
    await subjectField.focus();
    await page.keyboard.type('pr_kort');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('verificationNote');
    await page.keyboard.type('ID-bewijs gezien aan de balie');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('reason');
    await page.keyboard.type('verzoek per brief');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Inzage maken');
    await page.keyboard.press('Enter');
    // The consent service's 400 names the field; the portal shows it next to that field only.
    const error = page.locator('.veld-fout .fouttekst');
    await error.first().waitFor();
    expect(await error.count()).toBe(1);
    expect(await error.innerText()).toBe('Een pseudoniem begint met pr_ en heeft daarna 26 tekens.');
    const errorId = await error.getAttribute('id');
    expect(await subjectField.getAttribute('aria-describedby')).toContain(errorId);
    expect(await subjectField.getAttribute('aria-invalid')).toBe('true');
    await checkPage('privacy-inzageverzoek-fout');

    await subjectField.fill('');
    await subjectField.focus();
    await page.keyboard.type(subject);
    await reason.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'De inzage is gemaakt.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Inzage voor ${subject}` }).waitFor();
    expect(await note.inputValue()).toBe('');
    const json = await download(page.getByRole('button', { name: 'Download als gegevensbestand (JSON)' }));
    const made = JSON.parse(json.bytes.toString('utf8')) as { subject: string; requestedBy: { kind: string }; sections: unknown[] };
    expect(made).toEqual(expect.objectContaining({ subject, requestedBy: expect.objectContaining({ kind: 'privacy-officer' }) }));
    const list = page.getByRole('table', { name: 'Inzageverzoeken, nieuwste eerst' });
    await list.getByRole('row').filter({ hasText: subject }).waitFor();
    expect(await list.innerText()).toContain('ID-bewijs gezien aan de balie');
    await checkPage('privacy-inzageverzoek-gemaakt');
    await logout();
  });

  test('the young person sees the privacy officer’s read and downloads the inzage as HTML, PDF and JSON', async () => {
    const { page, login, open, checkPage, logout } = steps;
    await login('jongere@demo');
    await open('Inzage', 'Inzage: jouw gegevens en wie ze bekeek');
    const reads = page.getByRole('table', { name: 'Toestemmingen: wie je gegevens bekeek' });
    await reads.waitFor();
    const officerRead = reads.getByRole('row').filter({ hasText: 'een privacyfunctionaris' });
    expect(await officerRead.count()).toBe(1);
    expect(await officerRead.innerText()).toMatch(/je inzage[\s\S]*om inzage vroeg/);
    await checkPage('jongere-inzage-met-lezing');

    const pdf = await download(page.getByRole('button', { name: 'Download als PDF' }), '/me/inzage.pdf');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.name).toBe('inzage.pdf');
    expect(pdf.authorization).toMatch(/^Bearer \S+/);
    const html = await download(page.getByRole('button', { name: 'Download als webpagina (HTML)' }), '/me/inzage.html');
    expect(html.bytes.toString('utf8')).toMatch(/^<!doctype html>[\s\S]*Jouw inzage/);
    const json = await download(page.getByRole('button', { name: 'Download als gegevensbestand (JSON)' }), '/me/inzage');
    expect((JSON.parse(json.bytes.toString('utf8')) as { subject: string }).subject).toBe(subject);
    await logout();
  });
});
