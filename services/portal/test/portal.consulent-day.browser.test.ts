import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { addDays, today as amsterdamToday } from '@estafette/calendar';
import { sql } from '@estafette/testing';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, schoolSystemToken } from './support/platform.js';
import { portalSteps } from './support/portal-steps.js';

// The RMC consulent's day in a real browser against the real services (processes) on the test broker and PostgreSQL:
// a contact moment with a note, the plan van aanpak in two versions, a note beyond the limit, and the two flags the
// durable timers set (next step: back on top; periodic contact too late). Every page is checked with axe-core and
// photographed into test-artifacts/consulent-day/.
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts/consulent-day');
const today = amsterdamToday();
const leaver = {
  schoolReference: 'UIT-DAG-1',
  studentNumber: '434343',
  bsn: '111222333',
  birthDate: `${Number(today.slice(0, 4)) - 19}-05-02`,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Sem', lastName: 'de Groot', phone: '0612345679', city: 'Amsterdam' },
};

describe("the portal in a browser: the consulent's day with plan van aanpak, notes and periodic contact", () => {
  let platform: Platform;
  let browser: Browser;
  let steps: ReturnType<typeof portalSteps>;
  let taakId: string;

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

  /** Time passes for one of the task's durable timers: it is due now, and the RMC's scheduler (every second) fires it. */
  const letTimerFallDue = (kind: 'next-step-due' | 'periodic-contact-due') =>
    sql(platform.databaseUrl('rmc'), "UPDATE timer SET due_at = now() - interval '1 minute' WHERE taak_id = $1 AND kind = $2", [
      taakId,
      kind,
    ]);

  test('a school system posts an uitschrijving; the consulent opens the new task', async () => {
    const access_token = await schoolSystemToken(platform);
    const res = await fetch(`${platform.url.school}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(leaver),
    });
    expect(res.status).toBe(201);

    const { page, login, open, reloadUntil } = steps;
    await login('consulent@mc21');
    await open('Werklijst', 'Werklijst');
    await reloadUntil(() => page.getByRole('link', { name: /Open taak/ }));
    await page
      .getByRole('link', { name: /Open taak/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Gegevens van de melding' }).waitFor();
    taakId = page.url().split('/').pop()!;
    // Before contact there is no plan to write: the page says why instead of offering the form.
    await page.getByText('Een plan van aanpak maken kan na contact met de jongere').waitFor();
    expect(await page.getByRole('button', { name: 'Plan van aanpak opslaan' }).count()).toBe(0);
  });

  test('the consulent records a contact with a note; the note shows with the contact moment', async () => {
    const { page, checkPage } = steps;
    await page.getByLabel('Notitie (optioneel)').fill('Sem wil een opleiding in de zorg.\nMoeder was bij het gesprek.');
    await page.getByText('61 van 4000 tekens').waitFor();
    await page.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Contactmoment vastgelegd.' }).first().waitFor();
    const moments = page.getByRole('table', { name: 'Contactmomenten, oudste eerst' });
    await moments.getByText(/Sem wil een opleiding in de zorg/).waitFor();
    expect(await page.getByLabel('Notitie (optioneel)').inputValue()).toBe('');
    await page
      .getByRole('definition')
      .filter({ hasText: /^In contact$/ })
      .waitFor();
    await checkPage('consulent-contact-met-notitie');
  });

  test('a note beyond 4000 characters is counted in the form and refused with the field named', async () => {
    const { page, checkPage } = steps;
    const field = page.getByLabel('Notitie (optioneel)');
    await field.fill('x'.repeat(4001));
    await page.getByText('4001 van 4000 tekens: 1 te veel').waitFor();
    await page.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await page.getByText(/notitie must be at most 4000 characters \(it has 4001\)/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = (await field.getAttribute('aria-describedby'))!.split(' ');
    expect(described.some((id) => id.endsWith('-fout'))).toBe(true);
    expect(await page.getByRole('table', { name: 'Contactmomenten, oudste eerst' }).getByRole('row').count()).toBe(2);
    await checkPage('consulent-notitie-te-lang');
    await field.fill('');
  });

  test('the consulent writes a plan van aanpak with the keyboard: the task becomes Traject; a change is a second version', async () => {
    const { page, checkPage } = steps;
    await page.getByRole('heading', { name: 'Plan van aanpak maken' }).waitFor();
    await page.getByLabel('Doelen').focus();
    await page.keyboard.type('Starten met mbo-2 Zorg en welzijn');
    await page.keyboard.press('Tab');
    // From Doelen the next Tab lands in the next field of the form (the counter is text, not a stop).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('agreements');
    await page.keyboard.type('Sem meldt zich aan voor de open dag; RMC belt na afloop');
    await page.getByRole('textbox', { name: 'Volgende stap', exact: true }).fill('Open dag ROC bezoeken');
    await page.getByLabel('Datum volgende stap').fill(addDays(today, 7));
    await page.getByLabel('Notitie bij het plan (optioneel)').fill('Vervoer naar de open dag nog regelen.');
    await page.getByRole('button', { name: 'Plan van aanpak opslaan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Plan van aanpak opgeslagen als nieuwe versie.' }).first().waitFor();
    await page
      .getByRole('definition')
      .filter({ hasText: /^Traject$/ })
      .waitFor();
    const plan = page.getByRole('region', { name: 'Plan van aanpak' });
    await plan.getByText('Vervoer naar de open dag nog regelen.').waitFor();
    await plan.getByRole('heading', { name: 'Plan van aanpak wijzigen' }).waitFor();
    await checkPage('consulent-plan-versie-1');

    // The form starts from the current version: only the date changes.
    expect(await page.getByLabel('Doelen').inputValue()).toBe('Starten met mbo-2 Zorg en welzijn');
    await page.getByLabel('Datum volgende stap').fill(addDays(today, 14));
    await page.getByRole('button', { name: 'Plan van aanpak opslaan' }).click();
    const versions = page.getByRole('table', { name: 'Versies van het plan van aanpak, nieuwste eerst' });
    await versions.getByRole('rowheader', { name: '2' }).waitFor();
    expect(await versions.getByRole('row').count()).toBe(3);
    await plan.getByText(/^2, gewijzigd door/).waitFor();
    await checkPage('consulent-plan-versie-2');
  });

  test('when the next step comes, the task is back on top of the worklist, and filtered so', async () => {
    const { page, open, reloadUntil, checkPage } = steps;
    await letTimerFallDue('next-step-due');
    await open('Werklijst', 'Werklijst');
    await reloadUntil(() => page.getByRole('row').filter({ hasText: 'terug bovenaan' }));
    // On top: the first row of the table.
    expect(await page.getByRole('row').nth(1).innerText()).toContain('terug bovenaan');
    await page.getByLabel('Terug bovenaan (volgende stap)').check();
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.getByRole('table', { name: /^Taken \(1\)/ }).waitFor();
    await checkPage('consulent-werklijst-terug-bovenaan');
  });

  test('when the periodic contact is overdue the task is flagged, on the worklist and on the task', async () => {
    const { page, open, reloadUntil, checkPage, logout } = steps;
    await letTimerFallDue('periodic-contact-due');
    await open('Werklijst', 'Werklijst');
    await reloadUntil(() => page.getByRole('row').filter({ hasText: 'periodiek contact te laat' }));
    await page.getByLabel('Periodiek contact te laat').check();
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.getByRole('table', { name: /^Taken \(1\)/ }).waitFor();
    await checkPage('consulent-werklijst-periodiek-contact');
    await page
      .getByRole('link', { name: /Open taak/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Gegevens van de melding' }).waitFor();
    await page.getByText('periodiek contact te laat').first().waitFor();
    await checkPage('consulent-taak-periodiek-contact-te-laat');

    // A new contact clears the flag and sets the next due date.
    await page.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Contactmoment vastgelegd.' }).first().waitFor();
    // The task reloads after the command: wait until the label is gone rather than for a load state reached long before.
    await page.waitForFunction(() => !document.body.innerText.includes('periodiek contact te laat'));
    expect(await page.getByText('periodiek contact te laat').count()).toBe(0);
    await logout();
  });
});
