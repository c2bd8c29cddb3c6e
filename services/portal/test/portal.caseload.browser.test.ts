import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { today as amsterdamToday } from '@estafette/calendar';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, schoolSystemToken } from './support/platform.js';
import { portalSteps } from './support/portal-steps.js';

// The coordinator's caseload in a real browser against the real services (processes) on the test broker and
// PostgreSQL: three early school leavers reach the RMC, the coordinator reassigns two of them in one go, by keyboard,
// with a confirm step. Every page is checked with axe-core and photographed into test-artifacts/caseload/.
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts/caseload');
const today = amsterdamToday();
const leaver = (n: number) => ({
  schoolReference: `UIT-CASELOAD-${n}`,
  studentNumber: `61000${n}`,
  birthDate: `${Number(today.slice(0, 4)) - 18}-03-14`,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  // GM0363 Amsterdam: RMC region MC21, the demo coordinator's.
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Sam', lastName: `Caseload ${n}`, city: 'Amsterdam' },
});

describe("the portal in a browser: the coordinator's caseload and a bulk toewijzing", () => {
  let platform: Platform;
  let browser: Browser;
  let steps: ReturnType<typeof portalSteps>;

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

  const focused = () => steps.page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim()}`);
  /** Where focus is once the page has re-rendered (focus moves after React commits): waits up to 5 s for `expected`. */
  const focusSettled = async (expected: string) => {
    await steps.page
      .waitForFunction((want) => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim()}` === want, expected, {
        timeout: 5_000,
      })
      .catch(() => undefined);
    return focused();
  };

  test('a school system reports three early school leavers (client credentials)', async () => {
    const access_token = await schoolSystemToken(platform);
    for (const n of [1, 2, 3]) {
      const res = await fetch(`${platform.url.school}/uitschrijvingen`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify(leaver(n)),
      });
      expect(res.status).toBe(201);
    }
  });

  test('a consulent has no caseload: no menu entry, and the page refuses', async () => {
    const { page, login, logout, checkPage } = steps;
    await login('consulent@mc21');
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    await nav.getByRole('link', { name: 'Werklijst' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Caseload' }).count()).toBe(0);
    await page.goto(`${platform.url.portal}/rmc/caseload`);
    await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
    await checkPage('consulent-geen-caseload');
    await logout();
  });

  test('the coordinator sees the unassigned tasks and gives two to a consulent in one go, by keyboard, after confirming', async () => {
    const { page, login, open, reloadUntil, checkPage } = steps;
    await login('coordinator@mc21');
    await open('Caseload', 'Caseload');
    // Events travel through Kafka: the three tasks arrive unassigned.
    await reloadUntil(() => page.getByRole('definition').filter({ hasText: /^3$/ }));
    await page.getByText('Er zijn geen consulenten met open taken.').waitFor();
    await checkPage('caseload-niemand-toegewezen');

    await page.getByRole('button', { name: 'Niet toegewezen taken bekijken' }).focus();
    await page.keyboard.press('Enter');
    const tasks = page.getByRole('table', { name: /Open taken van niemand \(niet toegewezen\) \(3\)/ });
    await tasks.waitFor();
    // Keyboard and screen reader users are taken to the tasks.
    expect(await focusSettled('H2 Taken van niemand (niet toegewezen)')).toBe('H2 Taken van niemand (niet toegewezen)');
    expect(await tasks.getByRole('row').count()).toBe(4);
    for (const i of [0, 1]) {
      await page
        .getByRole('checkbox', { name: /Selecteer taak van/ })
        .nth(i)
        .focus();
      await page.keyboard.press('Space');
    }
    await page.getByLabel('Toewijzen aan (gebruikersnaam van de consulent)').fill('consulent@mc21');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('region', { name: '2 taken toewijzen aan consulent@mc21?' });
    await confirm.waitFor();
    await checkPage('caseload-bevestigen');
    // Escape cancels and returns to the button; nothing changed.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focusSettled('BUTTON Geselecteerde taken toewijzen (2)')).toBe('BUTTON Geselecteerde taken toewijzen (2)');
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Ja, toewijzen' }).focus();
    await page.keyboard.press('Enter');

    await page.getByRole('status').filter({ hasText: '2 taken toegewezen aan consulent@mc21.' }).waitFor();
    await page.getByRole('table', { name: /Open taken van niemand \(niet toegewezen\) \(1\)/ }).waitFor();
    const row = page.getByRole('table', { name: /Consulenten \(1\)/ }).getByRole('row', { name: /consulent@mc21/ });
    await row.waitFor();
    // Open taken: 2.
    expect(await row.getByRole('cell').first().innerText()).toBe('2');
    await checkPage('caseload-toegewezen');
  });

  test("the coordinator opens the consulent's tasks; a request the RMC refuses is explained in Dutch and changes nothing", async () => {
    const { page, checkPage, logout } = steps;
    await page.getByRole('button', { name: 'Taken bekijken van consulent@mc21' }).click();
    const tasks = page.getByRole('table', { name: /Open taken van consulent@mc21 \(2\)/ });
    await tasks.waitFor();
    await page.getByRole('button', { name: 'Alle taken op deze pagina selecteren' }).click();
    const field = page.getByLabel('Toewijzen aan (gebruikersnaam van de consulent)');
    // To the consulent who has them already: refused in the form, tied to the field.
    await field.fill('consulent@mc21');
    await page.getByRole('button', { name: 'Geselecteerde taken toewijzen (2)' }).click();
    await page.getByText('De taken zijn al van consulent@mc21.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await checkPage('caseload-formulierfout');

    // A task closed in the meantime: the RMC refuses the whole request (409, every refusal named). The answer is
    // replaced in the browser only, with the shape the RMC gives, to check what the coordinator reads.
    const firstId = (await tasks
      .getByRole('link', { name: /Open taak/ })
      .first()
      .getAttribute('href'))!
      .split('/')
      .pop()!;
    await page.route('**/api/rmc/caseload/toewijzing', (route) =>
      route.fulfill({
        status: 409,
        json: { statusCode: 409, message: 'nothing reassigned', refused: [{ taakId: firstId, reason: 'niet-open', status: 'gesloten' }] },
      }),
    );
    await field.fill('collega@mc21');
    await page.getByRole('button', { name: 'Geselecteerde taken toewijzen (2)' }).click();
    await page.getByRole('button', { name: 'Ja, toewijzen' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Er is niets toegewezen' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`Taak ${firstId}: niet meer open (Gesloten)`);
    await page.unroute('**/api/rmc/caseload/toewijzing');
    await page.getByRole('table', { name: /Open taken van consulent@mc21 \(2\)/ }).waitFor();
    await checkPage('caseload-geweigerd');
    await logout();
  });
});
