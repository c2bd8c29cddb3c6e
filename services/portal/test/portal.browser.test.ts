import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, schoolSystemToken } from './support/platform.js';
import { addDays, today as amsterdamToday } from '@estafette/calendar';
import { formatDateField } from '../web/src/components/format.js';

// The done-when scenario of the portal, in a real browser against the real services (processes) on the test
// broker and PostgreSQL: every page is checked with axe-core and photographed into test-artifacts/.
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts');
const today = amsterdamToday();
const inDays = (n: number) => addDays(today, n);
// 20 years old: an adult consents alone. BSN 111222333 is the demo young person's (identity derives jongere@demo's subject from it).
const birthDate = `${Number(today.slice(0, 4)) - 20}-03-14`;
const leaver = {
  schoolReference: 'UIT-PORTAL-1',
  studentNumber: '424242',
  bsn: '111222333',
  birthDate,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Noor', lastName: 'Bakker', phone: '0612345678', city: 'Amsterdam' },
};

describe('the portal in a browser: from a deregistration to a refused dossier after withdrawn consent', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser(ARTEFACTS);
    page = browser.page;
    // Services get 180 s each to become healthy on a loaded machine, and a fresh one installs Chromium first.
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  }, 60_000);

  /** Every page the scenario visits: axe-core finds no serious or critical violation, and a screenshot is kept. */
  async function checkPage(label: string): Promise<void> {
    await browser.screenshot(label);
    expect(await browser.axe(label)).toEqual([]);
  }

  async function login(username: string, label: string): Promise<void> {
    await page.goto(`${platform.url.portal}/`);
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    await checkPage(`${label}-portaal-inloggen`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(platform.demoPassword);
    await checkPage(`${label}-inlogpagina`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Welkom' }).waitFor();
  }

  async function logout(): Promise<void> {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, uitloggen' }).waitFor();
    await checkPage('uitloggen');
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  }

  /** Searches the organisation picker `group` by name and chooses the organisation whose radio reads `choice`. */
  async function chooseOrganisation(group: string, search: string, choice: string): Promise<void> {
    const picker = page.getByRole('group', { name: group, exact: true });
    await picker.getByLabel('Zoek op naam').fill(search);
    await picker.getByRole('radio', { name: choice }).check();
  }

  /** Events travel through Kafka: reload the page until the row is there. */
  async function reloadUntil(visible: () => ReturnType<Page['getByRole']>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await visible().count()) > 0) return;
      if (Date.now() > deadline) throw new Error(`not visible within ${timeoutMs / 1000} s`);
      await page.waitForTimeout(1_000);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
    }
  }

  test('a school system posts an uitschrijving through the API (client credentials)', async () => {
    const access_token = await schoolSystemToken(platform);
    const res = await fetch(`${platform.url.school}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(leaver),
    });
    expect(res.status).toBe(201);
  });

  test('a wrong password on the login page gives a clear Dutch error tied to the fields', async () => {
    await page.goto(`${platform.url.portal}/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Gebruikersnaam').fill('jongere@demo');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Onbekende gebruikersnaam of verkeerd wachtwoord/ })
      .first()
      .waitFor();
    expect(await page.getByLabel('Wachtwoord').getAttribute('aria-describedby')).toBe('login-fout');
    await checkPage('inloggen-fout-wachtwoord');
  });

  test('the young person gives consent: the school may share contact and school data with W&I for the warm handover', async () => {
    await login('jongere@demo', 'jongere');
    await page.getByRole('link', { name: 'Mijn toestemmingen' }).first().click();
    await page.getByRole('heading', { name: 'Mijn toestemmingen' }).waitFor();
    // Organisations are chosen by name from the directory, never typed as codes.
    await chooseOrganisation('Welke organisatie deelt?', 'Demo', 'Demo College (brin:25XY)');
    await chooseOrganisation('Welke organisatie ontvangt?', 'amsterdam werk', 'Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)');
    await page
      .getByText(
        'Ik geef toestemming dat Demo College (brin:25XY) deze gegevens deelt met Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)',
        { exact: false },
      )
      .waitFor();
    // No birth date is asked: the school's record (20 years old) decides that no guardian must co-sign.
    expect(await page.getByLabel('Uw geboortedatum').count()).toBe(0);
    await page.getByRole('button', { name: 'Toestemming geven' }).click();
    await page.getByRole('status').filter({ hasText: 'Toestemming gegeven.' }).first().waitFor();
    await page
      .getByRole('table', { name: /Mijn toestemmingen/ })
      .filter({ hasText: 'gemeente:GM0363' })
      .first()
      .waitFor();
    await checkPage('jongere-toestemming-gegeven');
    await logout();
  });

  test('a parent logs in as themself and sees the consents of their child that wait for them (none: the school reports an adult)', async () => {
    await login('ouder@demo', 'ouder');
    await page.getByRole('link', { name: 'Toestemmingen van mijn kind' }).first().click();
    await page.getByRole('heading', { name: 'Toestemmingen van mijn kind' }).waitFor();
    await page.getByText('Er wachten geen toestemmingen op u.').first().waitFor();
    await checkPage('ouder-toestemmingen');
    await logout();
  });

  test('the RMC consulent logs in, sees the new task, reads the young person with the basis, and offers a handover to W&I', async () => {
    await login('consulent@mc21', 'rmc');
    await page.getByRole('link', { name: 'Werklijst' }).first().click();
    await reloadUntil(() => page.getByRole('link', { name: /Open taak/ }));
    // Keyboard and screen reader users land on the new page's title, and the next Tab goes into the page.
    expect(await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`)).toBe('H1 Werklijst');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent,
      ),
    ).toBe('Status');
    // Organisations by name, the code as secondary text: the school in the worklist, the consulent's own region in the header.
    await page.getByRole('cell', { name: 'Demo College (brin:25XY)' }).first().waitFor();
    expect(await page.getByRole('banner').innerText()).toContain('bij Agglomeratie Amsterdam (rmc:MC21)');
    await checkPage('rmc-werklijst');
    await page
      .getByRole('link', { name: /Open taak/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Gegevens van de melding' }).waitFor();

    await page.getByRole('button', { name: 'Gegevens ophalen bij de school' }).click();
    await page.getByText('Noor Bakker').first().waitFor();
    await page
      .getByText(/Grondslag: wettelijke taak/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Contactmoment vastgelegd.' }).first().waitFor();
    await page.getByLabel('Uw contactpersoon').fill('J. de Vries, RMC Amsterdam, 020 123 4567');
    await chooseOrganisation('Welke organisatie?', 'Amsterdam', 'Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)');
    // Dates are typed day first, whatever the browser's locale.
    await page.getByLabel('Voorgesteld eerste gesprek').fill(formatDateField(inDays(2)));
    await page.getByText('Ontvanger: Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)').waitFor();
    await checkPage('rmc-taak');
    await page.getByRole('button', { name: 'Overdracht aanbieden' }).click();
    await page.getByRole('status').filter({ hasText: 'Overdracht aangeboden' }).first().waitFor();
    await page
      .getByRole('table', { name: 'Overdrachten van deze taak' })
      .filter({ hasText: 'Aangeboden, wacht op antwoord' })
      .filter({ hasText: 'Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)' })
      .first()
      .waitFor();
    await checkPage('rmc-overdracht-aangeboden');
    await logout();
  });

  test('the young person sees who helps them now: the RMC, with the handover to W&I asked but not yet answered', async () => {
    await login('jongere@demo', 'jongere-wie-helpt');
    // The first page in the young person's navigation.
    await page.getByRole('link', { name: 'Wie helpt mij nu?' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Wie helpt mij nu?' }).waitFor();
    const nu = page.getByRole('region', { name: 'Wie helpt je nu?' });
    await nu.getByText('Agglomeratie Amsterdam (rmc:MC21) helpt je nu.', { exact: false }).first().waitFor();
    await nu.getByText('Je hebt een consulent bij het RMC.', { exact: false }).first().waitFor();
    const history = page.getByRole('region', { name: 'Wie hielp je eerder?' }).getByRole('listitem');
    await expect(history.allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Agglomeratie Amsterdam (rmc:MC21) kreeg bericht dat je van school ging'),
      expect.stringContaining(
        'Agglomeratie Amsterdam (rmc:MC21) vroeg Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363) om je verder te helpen',
      ),
    ]);
    await checkPage('jongere-wie-helpt-voor-overdracht');
    await logout();
  });

  test('the W&I consulent logs in, accepts the referral, registers first contact and a placement, and reads the school dossier with consent', async () => {
    await login('consulent@gm0363', 'wi');
    await page.getByRole('link', { name: 'Verwijzingen' }).first().click();
    await reloadUntil(() => page.getByRole('link', { name: /Open verwijzing/ }));
    await page.getByRole('cell', { name: 'Agglomeratie Amsterdam (rmc:MC21)' }).first().waitFor();
    await checkPage('wi-verwijzingen');
    await page
      .getByRole('link', { name: /Open verwijzing/ })
      .first()
      .click();
    await page.getByLabel('Uw contactpersoon').fill('A. Bakker, Werk & Inkomen Amsterdam');
    await checkPage('wi-verwijzing');
    await page.getByRole('button', { name: 'Verwijzing accepteren' }).click();

    await page.getByRole('heading', { name: 'Eerste contact vastleggen' }).waitFor();
    await page.getByLabel('Datum van het gesprek').fill(today);
    await page.getByRole('button', { name: 'Eerste contact opslaan' }).click();

    await page.getByRole('heading', { name: 'Plaatsing vastleggen' }).waitFor();
    await page.getByLabel('Uren per week').fill('32');
    await checkPage('wi-plaatsing-invullen');
    await page.getByRole('button', { name: 'Plaatsing opslaan' }).click();
    await page
      .getByRole('status')
      .or(page.getByRole('alert'))
      .filter({ hasText: /Plaatsing/ })
      .first()
      .waitFor();
    await browser.screenshot('wi-plaatsing-antwoord');
    await page
      .getByRole('definition')
      .filter({ hasText: /^Geplaatst$/ })
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Schooldossier bekijken' }).click();
    await page.getByText('Noor Bakker').first().waitFor();
    await page
      .getByText(/Grondslag: toestemming van de jongere/)
      .first()
      .waitFor();
    await checkPage('wi-geplaatst-dossier');
    await logout();
  });

  test('after the accepted handover the young person sees W&I helping, its contact person, and the handover in the history', async () => {
    await login('jongere@demo', 'jongere-wie-helpt-na');
    await page.getByRole('link', { name: 'Wie helpt mij nu?' }).first().click();
    const nu = page.getByRole('region', { name: 'Wie helpt je nu?' });
    await nu.getByText('Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363) helpt je nu.', { exact: false }).first().waitFor();
    await nu.getByText('Je contactpersoon is A. Bakker, Werk & Inkomen Amsterdam.', { exact: false }).first().waitFor();
    const history = await page.getByRole('region', { name: 'Wie hielp je eerder?' }).getByRole('listitem').allInnerTexts();
    expect(history).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363) zei ja en helpt je vanaf toen'),
      ]),
    );
    // Dates in Dutch words, never a code without its name.
    expect(history.join(' ')).toMatch(
      /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
    );
    await checkPage('jongere-wie-helpt-na-overdracht');
    await logout();
  });

  test('the RMC consulent sees the handover completed', async () => {
    await login('consulent@mc21', 'rmc-terug');
    // The navigation offers only this role's pages, and another role's page is refused by the portal too.
    const nav = await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).innerText();
    expect(nav).toContain('Werklijst');
    expect(nav).not.toMatch(/Verwijzingen|Mijn toestemmingen/);
    await page.goto(`${platform.url.portal}/mijn/toestemmingen`);
    await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
    await checkPage('rmc-geen-toegang');
    await page.getByRole('link', { name: 'Overdrachten' }).first().click();
    await reloadUntil(() => page.getByRole('cell', { name: 'Afgerond: geplaatst' }));
    // An accepted offer left the baton with the receiver.
    expect(await page.getByRole('row').filter({ hasText: 'Afgerond: geplaatst' }).filter({ hasText: 'Bij de ontvanger' }).count()).toBe(1);
    await checkPage('rmc-overdracht-afgerond');
    await logout();
  });

  test('the RMC coordinator sees on the task who holds the baton, and, once the responsibility ended, why and since when', async () => {
    await login('coordinator@mc21', 'rmc-coordinator');
    await page.getByRole('link', { name: 'Werklijst' }).first().click();
    await reloadUntil(() => page.getByRole('link', { name: /Open taak/ }));
    await page
      .getByRole('link', { name: /Open taak/ })
      .first()
      .click();
    // The RMC's one baton: W&I holds it since it accepted, by name with the code as secondary text.
    const baton = page.getByRole('region', { name: 'Estafettestokje' });
    await baton.getByText('Gemeente Amsterdam, Werk & Inkomen (gemeente:GM0363)').waitFor();
    expect(await baton.getByText(/Regie beëindigd/).count()).toBe(0);
    await checkPage('rmc-taak-stokje');

    // Ending a responsibility (regie.ended) is the RMC's to publish; here its answer is replaced in the browser only,
    // with the shape GET /baton/:pseudonymousReference gives, to check what the coordinator reads then.
    await page.route('**/api/rmc/baton/*', async (route) => {
      const response = await route.fetch();
      const ended = { reason: 'leeftijd-23', on: '2027-05-10', by: { organisationType: 'rmc', id: 'rmc:MC21' } };
      await route.fulfill({
        response,
        json: { ...(await response.json()), holder: null, regionName: null, inScope: false, ended, turns23On: '2027-05-10' },
      });
    });
    await page.reload();
    await baton.getByText('Regie beëindigd op 10 mei 2027: 23 jaar geworden').waitFor();
    expect(
      await baton
        .getByRole('definition')
        .filter({ hasText: /^niemand$/ })
        .count(),
    ).toBe(1);
    await checkPage('rmc-taak-regie-beeindigd');
    await page.unroute('**/api/rmc/baton/*');
    await logout();
  });

  test('the young person sees which organisations know THAT and which know WHAT', async () => {
    await login('jongere@demo', 'jongere-wie-weet-wat');
    await page.getByRole('link', { name: 'Mijn toestemmingen' }).first().click();
    const known = page.getByRole('table', { name: 'Organisaties die weten dat of wat' });
    // W&I read the school dossier with consent: it knows WHAT, from the school, because the young person consented.
    const wi = known.getByRole('row').filter({ hasText: 'gemeente:GM0363' });
    await wi.first().waitFor();
    expect(await wi.innerText()).toMatch(/Weet wat[\s\S]*je gaf toestemming/);
    await checkPage('jongere-wie-weet-wat');
    await logout();
  });

  test('the young person withdraws the consent and reads in plain language who looked', async () => {
    await login('jongere@demo', 'jongere-intrekken');
    await page.getByRole('link', { name: 'Mijn toestemmingen' }).first().click();
    await page.getByRole('button', { name: /Intrekken/ }).click();
    await page.getByRole('status').filter({ hasText: 'is ingetrokken' }).first().waitFor();
    await page
      .getByRole('table', { name: /Mijn toestemmingen/ })
      .filter({ hasText: 'Ingetrokken op' })
      .first()
      .waitFor();
    await checkPage('jongere-ingetrokken');
    await page.getByRole('link', { name: 'Wie keek in mijn gegevens' }).click();
    await page
      .getByRole('table', { name: /Inzageverzoeken/ })
      .filter({ hasText: 'gemeente:GM0363' })
      .first()
      .waitFor();
    await checkPage('jongere-inzage');
    await logout();
  });

  test("the W&I consulent's next view of the dossier is refused, in Dutch, with the reason", async () => {
    await login('consulent@gm0363', 'wi-geweigerd');
    await page.getByRole('link', { name: 'Verwijzingen' }).first().click();
    await page
      .getByRole('link', { name: /Open verwijzing/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Schooldossier bekijken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Inzage geweigerd' }).first().waitFor();
    await page.getByRole('alert').filter({ hasText: 'De jongere heeft de toestemming ingetrokken' }).first().waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/^Inzage geweigerd\. De jongere heeft de toestemming ingetrokken/);
    expect(await page.getByText('Noor Bakker').count()).toBe(0);
    await checkPage('wi-dossier-geweigerd');
  });
});
