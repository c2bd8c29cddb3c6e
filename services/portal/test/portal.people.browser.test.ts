import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { addDays, today as amsterdamToday } from '@estafette/calendar';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, schoolSystemToken, userToken } from './support/platform.js';
import { portalSteps } from './support/portal-steps.js';

// Issue 23 in a real browser against the real services: a consent request walked by keyboard only, from the RMC's
// request to the young person's approval and the guardian's co-signature; then every role's pages, and the main detail
// pages (an RMC task, a W&I verwijzing, a school's uitschrijving), at desktop width and at 360 px (a phone), with axe on
// every page, no horizontal scrolling, and no organisation code without its name; last the guardian declines a consent.
// The browser's locale is English on purpose: dates must still read and type the Dutch way.
// PORTAL_SCREENSHOTS=docs also writes each role's main page into docs/screenshots/ (the README's pictures).
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts/people');
const DOCS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
const today = amsterdamToday();
// 16 years old: a minor by the school's record, so the consent waits for the parent (ouder@demo) to co-sign.
const leaver = {
  schoolReference: 'UIT-PEOPLE-1',
  studentNumber: '737373',
  bsn: '111222333',
  birthDate: `${Number(today.slice(0, 4)) - 16}-03-14`,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Noa', lastName: 'Visser', city: 'Amsterdam' },
};
/** W&I of Amsterdam, as the organisation directory names it. */
const WI = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363', name: 'Gemeente Amsterdam, Werk & Inkomen' } as const;
/** A platform organisation id in text: it must have its name before it. */
const ORGANISATION_ID = /\b(brin|gemeente|rmc|agb|oin):[A-Za-z0-9]+/g;

describe('the portal people would choose: consent asked in context by keyboard, every role at desktop and phone width', () => {
  let platform: Platform;
  let browser: Browser;
  let steps: ReturnType<typeof portalSteps>;

  beforeAll(async () => {
    rmSync(ARTEFACTS, { recursive: true, force: true });
    platform = await startPlatform({ monitor: true });
    browser = await launchBrowser(ARTEFACTS, { locale: 'en-US' });
    steps = portalSteps(platform, browser);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  }, 60_000);

  /** Tab (never the mouse) until `target` has the focus. */
  async function tabTo(target: Locator, max = 400): Promise<void> {
    const { page } = steps;
    await target.waitFor();
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${String(target)}`);
  }

  async function keyboardLogin(username: string): Promise<void> {
    const { page } = steps;
    await page.goto(`${platform.url.portal}/`);
    await tabTo(page.getByRole('button', { name: 'Inloggen' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/interaction\//);
    await tabTo(page.getByLabel('Gebruikersnaam'));
    await page.keyboard.type(username);
    await tabTo(page.getByLabel('Wachtwoord'));
    await page.keyboard.type(platform.demoPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welkom' }).waitFor();
  }

  async function keyboardOpen(navLabel: string, heading: string): Promise<void> {
    const { page } = steps;
    await tabTo(page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: navLabel }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function keyboardLogout(): Promise<void> {
    const { page } = steps;
    await tabTo(page.getByRole('button', { name: 'Uitloggen' }));
    await page.keyboard.press('Enter');
    await tabTo(page.getByRole('button', { name: 'Ja, uitloggen' }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  }

  test('a school deregisters a 16-year-old: the RMC gets the task', async () => {
    const access_token = await schoolSystemToken(platform);
    const res = await fetch(`${platform.url.school}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(leaver),
    });
    expect(res.status).toBe(201);
  });

  test('keyboard only: the RMC consulent asks the young person for consent from the task, choosing the school by name', async () => {
    const { page, reloadUntil, checkPage } = steps;
    await keyboardLogin('consulent@mc21');
    await keyboardOpen('Werklijst', 'Werklijst');
    await reloadUntil(() => page.getByRole('link', { name: /Open taak/ }));
    await tabTo(page.getByRole('link', { name: /Open taak/ }).first());
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Toestemming vragen aan de jongere' });
    await tabTo(form.getByRole('checkbox', { name: 'Waar ik hulp bij nodig heb' }));
    await page.keyboard.press('Space');
    const picker = form.getByRole('group', { name: 'Van welke organisatie?' });
    await tabTo(picker.getByLabel('Zoek op naam'));
    await page.keyboard.type('Demo College');
    const school = picker.getByRole('radio', { name: 'Demo College (brin:25XY)' });
    await school.waitFor();
    await tabTo(school);
    await page.keyboard.press('Space');
    expect(await school.isChecked()).toBe(true);
    await tabTo(form.getByLabel('Waarom vraagt u dit? (de jongere leest dit)'));
    await page.keyboard.type('We willen je beter helpen met een opleiding die bij je past.');
    // The date field reads dd-mm-jjjj even in an English browser.
    const until = form.getByLabel('Tot wanneer geldt de toestemming?', { exact: false });
    expect(await until.inputValue()).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await tabTo(form.getByRole('button', { name: 'Verzoek versturen' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Verzoek verstuurd' }).first().waitFor();
    await form
      .getByText('Agglomeratie Amsterdam (rmc:MC21) vraagt je toestemming om deze gegevens van Demo College (brin:25XY) te krijgen', {
        exact: false,
      })
      .first()
      .waitFor();
    await checkPage('rmc-verzoek-verstuurd');
    await keyboardOpen('Toestemmingsverzoeken', 'Toestemmingsverzoeken');
    await page.getByRole('cell', { name: 'Wacht op antwoord van de jongere' }).first().waitFor();
    await checkPage('rmc-verzoeken-open');
    await keyboardLogout();
  });

  test('keyboard only: the young person reads the exact request with names and approves it', async () => {
    const { page, checkPage } = steps;
    await keyboardLogin('jongere@demo');
    await keyboardOpen('Vragen om toestemming', 'Vragen om toestemming');
    const request = page.getByRole('region', { name: 'Agglomeratie Amsterdam (rmc:MC21) vraagt toestemming' });
    await request
      .getByText('van Demo College (brin:25XY) te krijgen: je schoolgegevens (school, opleiding, diploma), waar je hulp bij nodig hebt.', {
        exact: false,
      })
      .waitFor();
    await request.getByText('We willen je beter helpen met een opleiding die bij je past.', { exact: false }).waitFor();
    await checkPage('jongere-verzoek-open');
    await tabTo(request.getByRole('button', { name: /Ja, ik geef toestemming/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Je hebt Agglomeratie Amsterdam toestemming gegeven.' }).first().waitFor();
    await page.getByText('je zei ja; nu moet je ouder of voogd nog tekenen', { exact: false }).waitFor();
    await checkPage('jongere-verzoek-akkoord');
    await keyboardLogout();
  });

  test('keyboard only: the parent reads the same text and co-signs; the RMC then sees the consent counts', async () => {
    const { page, checkPage } = steps;
    await keyboardLogin('ouder@demo');
    await keyboardOpen('Toestemmingen van mijn kind', 'Toestemmingen van mijn kind');
    const row = page.getByRole('row').filter({ hasText: 'Agglomeratie Amsterdam (rmc:MC21) vraagt je toestemming' });
    await row.waitFor();
    await checkPage('ouder-verzoek');
    await tabTo(row.getByRole('button', { name: /Ondertekenen/ }));
    await page.keyboard.press('Enter');
    await page.getByText('Er wachten geen toestemmingen op u.').waitFor();
    await keyboardLogout();

    await keyboardLogin('consulent@mc21');
    await keyboardOpen('Toestemmingsverzoeken', 'Toestemmingsverzoeken');
    await page
      .getByRole('cell', { name: /Akkoord: de toestemming geldt/ })
      .first()
      .waitFor();
    await checkPage('rmc-verzoek-akkoord');
    await keyboardLogout();
  });

  /** A demo user's call to a service's API (the test's own steps, not what the pages do). */
  async function apiAs(username: string) {
    const token = await userToken(platform, username);
    return async (service: keyof Platform['url'], method: string, route: string, body?: unknown) => {
      const res = await fetch(`${platform.url[service]}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect([200, 201]).toContain(res.status);
      return (await res.json()) as Record<string, any>;
    };
  }

  test('through the APIs: the young person gives W&I a second consent (it waits for the parent) and the RMC offers the task to W&I', async () => {
    const jongere = await apiAs('jongere@demo');
    const given = await jongere('consent', 'POST', '/me/toestemmingen', {
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: { organisationType: 'school', id: 'brin:25XY' },
      to: { organisationType: WI.organisationType, id: WI.id },
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'portaal-toestemming@1',
      wordingText: `Ik geef toestemming dat Demo College (brin:25XY) mijn contactgegevens en schoolgegevens deelt met ${WI.name} (${WI.id}).`,
      howGiven: 'digitaal-ondertekend',
    });
    expect(given).toMatchObject({ awaitingGuardian: true });
    // A verwijzing for W&I's detail page: contact first, then the offer (the RMC keeps the baton until W&I answers).
    const rmc = await apiAs('consulent@mc21');
    const [taak] = (await rmc('rmc', 'GET', '/taken?pageSize=10')).items as { id: string }[];
    await rmc('rmc', 'POST', `/taken/${taak!.id}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' });
    await rmc('rmc', 'POST', `/taken/${taak!.id}/overdrachten`, {
      to: { organisationType: WI.organisationType, id: WI.id },
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries, RMC Amsterdam, 020 123 4567',
      firstContactProposedOn: addDays(today, 2),
    });
  });

  /** Codes in the page's text that have no name before them (outside the organisation component, or a bare "(id)"). */
  async function codesWithoutName(): Promise<string[]> {
    return steps.page.evaluate((source) => {
      const pattern = new RegExp(source, 'g');
      const bad: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(pattern)) {
          const named = (node.parentElement?.closest('.organisatie') && node.parentElement.closest('.organisatie-code')) ?? null;
          const before = text.slice(0, m.index).trimEnd();
          // "Demo College (brin:25XY)" in running text, e.g. the wording of a consent, names it too.
          if (!named && !(before.endsWith('(') && before.slice(0, -1).trim().length > 0)) bad.push(text.trim().slice(0, 120));
        }
      }
      return bad;
    }, ORGANISATION_ID.source);
  }

  /** A detail page is checked too: the first link named `link` on the list page `list` (waited for: events travel the bus). */
  type Detail = { list: string; link: RegExp };
  const ROLES: { username: string; role: string; details?: Detail[] }[] = [
    { username: 'jongere@demo', role: 'jongere' },
    { username: 'ouder@demo', role: 'ouder-of-voogd' },
    { username: 'consulent@mc21', role: 'rmc-consulent', details: [{ list: '/rmc/taken', link: /Open taak/ }] },
    { username: 'coordinator@mc21', role: 'rmc-coordinator' },
    { username: 'consulent@gm0363', role: 'wi-consulent', details: [{ list: '/verwijzingen', link: /Open verwijzing/ }] },
    { username: 'docent@25xy', role: 'school-staff', details: [{ list: '/school/uitschrijvingen', link: /UIT-PEOPLE-1/ }] },
    { username: 'ops@platform', role: 'ops' },
    { username: 'fg@mc21', role: 'privacy-officer' },
  ];

  test.each(ROLES)(
    '$role: every page and its main detail page at 1280 px and at 360 px, axe-clean, no sideways scrolling, no code without its name',
    async ({ username, role, details = [] }) => {
      const { page, login, logout, reloadUntil } = steps;
      await page.setViewportSize({ width: 1280, height: 900 });
      await login(username);
      // Every page and width is checked and every problem collected, so one report names them all.
      const problems: unknown[] = [];
      try {
        const links = await page
          .getByRole('navigation', { name: 'Hoofdnavigatie' })
          .getByRole('link')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(links.length).toBeGreaterThan(0);
        for (const { list, link } of details) {
          await page.goto(`${platform.url.portal}${list}`);
          await reloadUntil(() => page.getByRole('main').getByRole('link', { name: link }));
          links.push((await page.getByRole('main').getByRole('link', { name: link }).first().getAttribute('href'))!);
        }
        for (const [i, href] of links.entries()) {
          for (const width of [1280, 360]) {
            try {
              await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
              await page.goto(`${platform.url.portal}${href}`);
              await page.getByRole('heading', { level: 1 }).waitFor();
              await page.waitForLoadState('networkidle');
              await browser.screenshot(`${role}-${href.replace(/\W+/g, '-')}-${width}`);
              const axe = await browser.axe(`${role} ${href} ${width}`);
              // Sideways scrolling of the page (a wide table scrolls in its own region): how wide the page is and which
              // elements stick out. One inside a table's region counts only when that region does not clip it (an
              // absolutely positioned text whose containing block lies outside the region widens the page all the same).
              const overflow = await page.evaluate(() => {
                if (document.documentElement.scrollWidth <= window.innerWidth) return [];
                const culprits = [...document.querySelectorAll('body *')]
                  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .filter((e) => !e.closest('.tabel-houder') || ['absolute', 'fixed'].includes(getComputedStyle(e).position))
                  .slice(0, 5)
                  .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
                return [`the page is ${document.documentElement.scrollWidth} px wide`, ...culprits];
              });
              const codes = await codesWithoutName();
              if (axe.length || overflow.length || codes.length) problems.push({ href, width, axe, overflow, codes });
              if (i === 0 && process.env.PORTAL_SCREENSHOTS === 'docs') {
                mkdirSync(DOCS, { recursive: true });
                await page.screenshot({ path: path.join(DOCS, `${role}${width === 360 ? '-telefoon' : ''}.png`) });
              }
            } catch (error) {
              problems.push({ href, width, error: (error as Error).message.split('\n')[0] });
            }
          }
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
        await logout();
      }
      expect(problems).toEqual([]);
    },
  );

  test('keyboard only: the parent declines the second consent after confirming it; the young person sees it declined', async () => {
    const { page, checkPage } = steps;
    await keyboardLogin('ouder@demo');
    await keyboardOpen('Toestemmingen van mijn kind', 'Toestemmingen van mijn kind');
    const row = page.getByRole('row').filter({ hasText: `${WI.name} (${WI.id})` });
    // The button names the organisation by name for a screen reader, never by its code.
    await tabTo(row.getByRole('button', { name: `Weigeren (toestemming voor ${WI.name})` }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('region', { name: `Toestemming voor ${WI.name} weigeren?` });
    await confirm.waitFor();
    expect(await confirm.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await checkPage('ouder-weigeren-bevestigen');
    await tabTo(confirm.getByRole('button', { name: 'Ja, weigeren' }));
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `U heeft de toestemming voor ${WI.name} geweigerd.` })
      .waitFor();
    await page.getByText('Er wachten geen toestemmingen op u.').waitFor();
    await checkPage('ouder-geweigerd');
    await keyboardLogout();

    await keyboardLogin('jongere@demo');
    await keyboardOpen('Mijn toestemmingen', 'Mijn toestemmingen');
    await page
      .getByRole('row')
      .filter({ hasText: `${WI.name} (${WI.id})` })
      .getByRole('cell', { name: /^Geweigerd door je ouder of voogd op / })
      .waitFor();
    await checkPage('jongere-toestemming-geweigerd');
    await keyboardLogout();
  });
});
