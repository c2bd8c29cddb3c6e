import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createEvent, uitschrijvingRegistered } from '@estafette/contracts';
import { createKafka, EventPublisher, toKafkaMessage, topicName } from '@estafette/messaging';
import { kafkaAccess } from '@estafette/testing';
import { launchBrowser, type Browser } from './support/browser.js';
import { startPlatform, type Platform, userToken } from './support/platform.js';
import { portalSteps } from './support/portal-steps.js';
import { addDays, today as amsterdamToday } from '@estafette/calendar';
import { formatDate } from '../web/src/components/format.js';

// The school staff and ops pages in a real browser against the real services (processes, with the monitor)
// on the test broker and PostgreSQL; every page checked with axe-core and photographed into
// test-artifacts/school-ops/.
const ARTEFACTS = path.resolve(import.meta.dirname, '../test-artifacts/school-ops');
const today = amsterdamToday();
const dutch = (iso: string) => iso.split('-').reverse().join('-');
// 18 years old and no startkwalificatie: each accepted row becomes a vsv-melding at the RMC (GM0363 is RMC region MC21).
const born = dutch(`${Number(today.slice(0, 4)) - 18}-03-14`);
const CSV = [
  'referentie;leerlingnummer;bsn;geboortedatum;datum_uitschrijving;onderwijssoort;niveau;hoogste_diploma;reden;exitgesprek;gemeentecode',
  `CSV-1;500001;;${born};${dutch(today)};mbo;mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363`,
  `CSV-2;500002;;${born};${dutch(today)};mbo;mbo-1;geen;zonder-vervolg;nee;GM0363`,
  // 123456789 fails the elfproef: this row is refused with its reason, the others go through.
  `CSV-3;500003;123456789;${born};${dutch(today)};mbo;mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363`,
].join('\n');

describe('the portal in a browser: school staff upload and nazorg, ops flows, dead letters, baton and steering', () => {
  let platform: Platform;
  let browser: Browser;
  let steps: ReturnType<typeof portalSteps>;

  beforeAll(async () => {
    // Only this run's screenshots: an old run's pictures next to new ones would mislead.
    rmSync(ARTEFACTS, { recursive: true, force: true });
    platform = await startPlatform({ monitor: true });
    browser = await launchBrowser(ARTEFACTS);
    steps = portalSteps(platform, browser);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  }, 60_000);

  /** The RMC's API as one of its demo users (a password grant at the identity service). */
  async function rmcApi(username: string) {
    const access_token = await userToken(platform, username);
    return async (method: string, route: string, body?: unknown) => {
      const res = await fetch(`${platform.url.rmc}${route}`, {
        method,
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect([200, 201]).toContain(res.status);
      return (await res.json()) as Record<string, any>;
    };
  }

  test('a school staff member uploads a CSV and sees each row come back, one refused with its reason', async () => {
    const { page, login, open, checkPage } = steps;
    await login('docent@25xy');
    await open('CSV uploaden', 'CSV uploaden');
    await checkPage('school-upload-leeg');
    await page
      .getByLabel('CSV-bestand met uitschrijvingen')
      .setInputFiles({ name: 'uitschrijvingen.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await page.getByRole('status').filter({ hasText: 'Klaar: 3 regels, 2 verwerkt, 0 al eerder ontvangen, 1 geweigerd.' }).waitFor();
    const results = page.getByRole('table', { name: /Resultaat per regel/ });
    expect(await results.getByRole('row').count()).toBe(4);
    const refused = results.getByRole('row').filter({ hasText: 'CSV-3' });
    await expect(refused.textContent()).resolves.toMatch(/Geweigerd.*Kolom bsn: moet 9 cijfers zijn die de elfproef doorstaan/);
    expect(await results.getByRole('row').filter({ hasText: 'Verwerkt' }).count()).toBe(2);
    await checkPage('school-upload-resultaat');
  });

  test('the school staff member filters their deregistrations', async () => {
    const { page, open, checkPage } = steps;
    await open('Uitschrijvingen', 'Uitschrijvingen');
    await page.getByRole('table', { name: /Uitschrijvingen \(2\)/ }).waitFor();
    await page.getByLabel('Referentie of leerlingnummer').fill('500002');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.getByRole('table', { name: /Uitschrijvingen \(1\)/ }).waitFor();
    expect(await page.getByRole('cell', { name: '500002' }).count()).toBe(1);
    await checkPage('school-uitschrijvingen-gefilterd');
  });

  test('the school staff member corrects an uitschrijving, the municipality chosen by name: refused first, then kept in its history', async () => {
    const { page, checkPage } = steps;
    // The list is still filtered to 500002 (CSV-2).
    await page.getByRole('link', { name: 'CSV-2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uitschrijving' }).waitFor();
    // No corrections yet: the section says so instead of an empty table.
    await page.getByText('Nog niet gecorrigeerd.').waitFor();
    await checkPage('school-uitschrijving');

    const form = page.getByRole('form', { name: 'Uitschrijving corrigeren' });
    await form.getByLabel('Reden van de correctie').selectOption('invoerfout');
    // The municipality is chosen by its CBS name from the organisation directory, never typed as a code; "Niet wijzigen"
    // is chosen until the school picks one.
    const picker = form.getByRole('group', { name: 'Juiste woongemeente' });
    const unchanged = picker.getByRole('radio', { name: 'Niet wijzigen' });
    expect(await unchanged.isChecked()).toBe(true);
    await picker.getByLabel('Zoek op naam').fill('Amsterdam');
    // The directory answers a school staff member's search among the CBS municipalities (kind gemeente), and the answer
    // is a visible choice (check() waits for it to be visible and enabled).
    await picker.getByRole('status').filter({ hasText: '1 organisatie gevonden.' }).waitFor();
    const amsterdam = picker.getByRole('radio', { name: 'Amsterdam (gemeente:GM0363)' });
    await amsterdam.check();
    // The student lives in Amsterdam already: the school answers that this changes nothing.
    await form.getByRole('button', { name: 'Correctie opslaan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Er is niets gewijzigd' }).waitFor();

    // A date past the school's limit is refused on its own field.
    await unchanged.check();
    await form.getByLabel('Juiste datum van uitschrijving').fill(addDays(today, 100));
    await form.getByRole('button', { name: 'Correctie opslaan' }).click();
    // The school's answer names the field: it is marked invalid once the answer is in (waited for, not read at once).
    await form.locator('[name="deregistrationDate"][aria-invalid="true"]').waitFor();
    await expect(form.getByText('hoogstens 60 dagen vooruit', { exact: false }).count()).resolves.toBe(1);
    await checkPage('school-correctie-geweigerd');

    // Then the right date and the right municipality (Diemen, in the same RMC region), by name.
    const yesterday = addDays(today, -1);
    await form.getByLabel('Juiste datum van uitschrijving').fill(yesterday);
    await picker.getByLabel('Zoek op naam').fill('diemen');
    await picker.getByRole('radio', { name: 'Diemen (gemeente:GM0384)' }).check();
    await form.getByRole('button', { name: 'Correctie opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Correctie opgeslagen.' }).waitFor();
    // The form starts afresh: the municipality is "Niet wijzigen" again.
    expect(await unchanged.isChecked()).toBe(true);
    const row = page
      .getByRole('table', { name: /Correcties en intrekking/ })
      .getByRole('row')
      .filter({ hasText: 'Invoerfout' });
    await expect(row.textContent()).resolves.toContain(`Datum uitschrijving: ${formatDate(today)} → ${formatDate(yesterday)}`);
    await row.getByText('Woongemeente: Amsterdam (GM0363) → Diemen (GM0384)').waitFor();
    await page
      .getByRole('definition')
      .filter({ hasText: formatDate(yesterday) })
      .first()
      .waitFor();
    await page.getByRole('definition').filter({ hasText: 'Diemen (GM0384)' }).waitFor();
    await checkPage('school-uitschrijving-gecorrigeerd');
    await page.getByRole('link', { name: 'Terug naar de uitschrijvingen' }).click();
  });

  test('the nazorg view shows what happened to each former student: reported to the RMC', async () => {
    const { page, open, checkPage, reloadUntil, logout } = steps;
    await open('Nazorg', /Nazorg/);
    const reported = () =>
      page
        .getByRole('table', { name: /Oud-leerlingen \(2\)/ })
        .getByRole('row')
        .filter({ hasText: 'Gemeld bij het RMC' });
    // The RMC's vsv-melding travels back over the bus to the school: both former students, once it arrived.
    await reloadUntil(() => reported().nth(1));
    expect(await reported().count()).toBe(2);
    await page.getByRole('img', { name: /Oud-leerlingen per stap/ }).waitFor();
    await checkPage('school-nazorg');
    await logout();
  });

  test("the RMC consulent sees the school's correction on the task, with what it did", async () => {
    const { page, login, open, checkPage, logout } = steps;
    const rmc = await rmcApi('consulent@mc21');
    // The correction travels over the bus; the task that received it has it in its history.
    const deadline = Date.now() + 60_000;
    let corrected: string | undefined;
    while (!corrected && Date.now() < deadline) {
      for (const { id } of (await rmc('GET', '/taken?pageSize=10')).items as { id: string }[])
        if ((await rmc('GET', `/taken/${id}`)).correcties.length > 0) corrected = id;
      if (!corrected) await page.waitForTimeout(1_000);
    }
    expect(corrected).toBeDefined();
    await login('consulent@mc21');
    await open('Werklijst', /Werklijst/);
    await page.locator(`a[href="/rmc/taken/${corrected}"]`).click();
    const row = page
      .getByRole('table', { name: /Correcties van de uitschrijving/ })
      .getByRole('row')
      .filter({ hasText: 'Invoerfout' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Datum uitschrijving: .* → .*Termijnen opnieuw berekend/);
    // The municipalities by their CBS names, the code as secondary text.
    await row.getByText('Woongemeente: Amsterdam (GM0363) → Diemen (GM0384)').waitFor();
    await checkPage('rmc-taak-correctie');
    await logout();
  });

  test('school staff take young people back: the RMC offers them, the school accepts one with an enrolment date and rejects one', async () => {
    const { page, login, open, checkPage, reloadUntil, logout } = steps;
    // The RMC's side through its API (a consulent of Amsterdam-Diemen, where the uploaded leavers live).
    const rmc = await rmcApi('consulent@mc21');
    const taken = (await rmc('GET', '/taken?pageSize=10')).items as { id: string }[];
    expect(taken.length).toBeGreaterThanOrEqual(2);
    for (const taak of taken.slice(0, 2)) {
      await rmc('POST', `/taken/${taak.id}/contactmomenten`, { kind: 'contact', channel: 'huisbezoek', outcome: 'bereikt' });
      await rmc('POST', `/taken/${taak.id}/overdrachten`, {
        to: { organisationType: 'school', id: 'brin:31QQ' },
        purpose: 'onderwijs',
        reason: 'terug-naar-onderwijs',
        contactPerson: 'J. de Vries, RMC Amsterdam',
      });
    }

    await login('docent@31qq');
    await open('Verwijzingen', 'Verwijzingen');
    const link = () => page.getByRole('link', { name: /Open verwijzing/ });
    await reloadUntil(() => link().nth(1));
    await checkPage('school-verwijzingen');
    await link().first().click();
    await page.getByRole('heading', { name: 'Accepteren' }).waitFor();
    await page.getByLabel('Uw contactpersoon').fill('M. Smit, zorgcoördinator');
    await page.getByLabel('Inschrijving gepland op').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await checkPage('school-verwijzing-beantwoorden');
    await page.getByRole('button', { name: 'Verwijzing accepteren' }).click();
    // The page reloads the referral: accepted, the planned enrolment date shown, the first contact next.
    await page.getByRole('heading', { name: 'Eerste contact vastleggen' }).waitFor();
    await page
      .getByRole('definition')
      .filter({ hasText: /^Geaccepteerd$/ })
      .first()
      .waitFor();
    await checkPage('school-verwijzing-geaccepteerd');

    await page.getByRole('link', { name: 'Terug naar de verwijzingen' }).click();
    await page
      .getByRole('table', { name: /Verwijzingen/ })
      .getByRole('row')
      .filter({ hasText: 'Nieuw: wacht op uw antwoord' })
      .first()
      .waitFor();
    await page
      .getByRole('table', { name: /Verwijzingen/ })
      .getByRole('row')
      .filter({ hasText: 'Nieuw: wacht op uw antwoord' })
      .getByRole('link', { name: /Open verwijzing/ })
      .click();
    await page.getByLabel('Reden van afwijzing').selectOption('geen-capaciteit');
    await page.getByRole('button', { name: 'Verwijzing afwijzen' }).click();
    await page
      .getByRole('definition')
      .filter({ hasText: /^Afgewezen$/ })
      .first()
      .waitFor();
    await checkPage('school-verwijzing-afgewezen');
    await logout();
  });

  test('an ops user sees the event flows and the consumer lag', async () => {
    const { page, login, open, checkPage, reloadUntil } = steps;
    await login('ops@platform');
    await open('Eventstromen', 'Eventstromen en achterstand');
    await reloadUntil(() =>
      page
        .getByRole('table', { name: /Events van/ })
        .getByRole('row')
        .filter({ hasText: uitschrijvingRegistered.type }),
    );
    await page.getByRole('table', { name: /Achterstand per consumergroep/ }).waitFor();
    await checkPage('ops-stromen');
  });

  test('an ops user inspects a dead letter and replays it after confirming; the replay is in its audit log', async () => {
    const { page, open, checkPage, reloadUntil } = steps;
    // A record the RMC cannot read (not JSON) on the uitschrijving topic: the RMC dead-letters it, the monitor records it.
    const publisher = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'portal-test-poison' }), platform.topicPrefix);
    const poison = toKafkaMessage(createEvent(uitschrijvingRegistered, { ...uitschrijvingRegistered.example, id: randomUUID() }));
    await publisher.send([
      { topic: topicName(platform.topicPrefix, uitschrijvingRegistered.topic), messages: [{ ...poison, value: '{"dit is": geen json' }] },
    ]);
    await publisher.disconnect();

    await open('Dead letters', 'Dead letters');
    await reloadUntil(() => page.getByRole('link', { name: /Bekijken/ }));
    await checkPage('ops-dead-letters');
    await page
      .getByRole('link', { name: /Bekijken/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dead letter bekijken' }).waitFor();
    await page.getByText('Dit bericht is nog niet opnieuw aangeboden.').waitFor();
    await page.getByRole('button', { name: 'Opnieuw aanbieden' }).click();
    await page.getByRole('region', { name: 'Dit bericht opnieuw aanbieden?' }).waitFor();
    await checkPage('ops-dead-letter-bevestigen');
    await page.getByRole('button', { name: /Ja, opnieuw aanbieden op/ }).click();
    await page.getByRole('status').filter({ hasText: 'is opnieuw aangeboden' }).waitFor();
    const audit = page.getByRole('table', { name: 'Wie bood dit bericht opnieuw aan, en wanneer' });
    await audit.getByRole('row').filter({ hasText: 'ops@platform' }).waitFor();
    expect(await audit.getByRole('row').filter({ hasText: uitschrijvingRegistered.topic }).count()).toBe(1);
    await checkPage('ops-dead-letter-opnieuw-aangeboden');
  });

  test('an ops user sees the deadlines and the baton invariant: every young person has a holder', async () => {
    const { page, open, checkPage } = steps;
    await open('Termijnen en stokje', 'Termijnen en estafettestokje');
    await page.getByRole('heading', { name: 'Estafettestokje: in orde' }).waitFor();
    await page
      .getByRole('table', { name: /Houders van het estafettestokje/ })
      .or(page.getByText('Nog geen jongeren gevolgd.'))
      .first()
      .waitFor();
    expect(await page.getByRole('heading', { name: /zonder houder|buiten de doelgroep/ }).count()).toBe(0);
    // Beside the invariant, the monitor's counts of the same baton: held out of scope must be 0; ends per reason.
    await page.getByText('met houder buiten de doelgroep (moet 0 zijn)').waitFor();
    expect(await page.locator('.kerncijfers li', { hasText: 'met houder buiten de doelgroep' }).locator('.getal').textContent()).toBe('0');
    await page
      .getByRole('table', { name: /Regie beëindigd, naar de reden/ })
      .getByRole('rowheader', { name: '23 jaar geworden' })
      .waitFor();
    await checkPage('ops-termijnen-stokje');

    // The services keep the invariant, so its broken state cannot be reached honestly here: the RMC's answer is
    // replaced in the browser only, to check that the alarm is what ops see first, and is accessible.
    await page.route('**/api/rmc/baton/without-holder', (route) =>
      route.fulfill({
        json: { items: [{ pseudonymousReference: 'pr_TESTALARM0000000000000000', holderType: 'werk-inkomen', holderId: null }], total: 1 },
      }),
    );
    await page.reload();
    const alarm = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /1 jongere zonder houder/ }) });
    await alarm.waitFor();
    expect(await alarm.getByRole('row').filter({ hasText: 'pr_TESTALARM0000000000000000' }).count()).toBe(1);
    await checkPage('ops-stokje-alarm');
    await page.unroute('**/api/rmc/baton/without-holder');

    // The same for a baton held out of scope (the RMC past the 23rd birthday): the monitor's answer replaced in the browser.
    await page.route('**/api/monitor/deadlines*', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, baton: { ...body.baton, heldOutOfScope: 1 } } });
    });
    await page.reload();
    await page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: /1 jongere met een houder buiten de doelgroep/ }) })
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Estafettestokje: in orde' }).count()).toBe(0);
    await checkPage('ops-stokje-buiten-doelgroep');
    await page.unroute('**/api/monitor/deadlines*');
  });

  test("an ops user sees the consent service's audit chains: verified intact, anchored on the bus and in the monitor; a broken chain is an alert", async () => {
    const { page, open, checkPage, reloadUntil } = steps;
    await open('Auditketens', 'Auditketens');
    await page.getByRole('heading', { name: 'Auditketens: in orde' }).waitFor();
    const table = page.getByRole('table', { name: /Auditketens met de laatste controle/ });
    const decisions = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Besluiten over delen/ }) });
    expect(await decisions.textContent()).toMatch(/intact/);
    // One decision through the consent service's API, so the decision chain has a head to anchor, seen by the monitor too.
    const access_token = await userToken(platform, 'consulent@mc21');
    const decision = await fetch(`${platform.url.consent}/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: { organisationType: 'rmc', id: 'rmc:MC21' },
        to: { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' },
        subject: 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V',
        dataCategories: ['contactgegevens'],
        purpose: 'warme-overdracht',
      }),
    });
    expect(decision.status).toBe(200);
    await reloadUntil(() => decisions.filter({ hasText: /regel \d+.*regel \d+/ }));
    await checkPage('ops-auditketens');

    // A broken chain cannot be made honestly from the browser: the consent service's answer is replaced in the browser
    // only, to check that the alarm comes first, names the chain and the entry, and is accessible.
    await page.route('**/api/consent/audit/status', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Record<string, unknown>[] };
      body.items[0] = {
        ...body.items[0],
        lastVerification: {
          intact: false,
          verifiedAt: new Date().toISOString(),
          checked: 3,
          brokenAt: 4,
          kind: 'truncated',
          problem: 'truncated',
        },
      };
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    const alarm = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '1 auditketen is niet intact' }) });
    await alarm.waitFor();
    expect(await alarm.textContent()).toMatch(/Besluiten over delen.*ingekort.*vanaf regel 4/);
    await checkPage('ops-auditketen-alarm');
    await page.unroute('**/api/consent/audit/status');
  });

  test('an ops user sees the steering figures as a chart with a table, small numbers shown as <10', async () => {
    const { page, open, checkPage, reloadUntil, logout } = steps;
    await open('Stuurinformatie', 'Stuurinformatie');
    await page.getByLabel('Per', { exact: true }).selectOption('municipality');
    await page.getByRole('button', { name: 'Toon', exact: true }).click();
    // Two vsv-meldingen in GM0363: fewer than 10, so the chart and the table say <10, never 2. The chart can show
    // before the monitor has consumed them, so wait for the municipality's row itself.
    const table = page.getByRole('table', { name: /Stuurinformatie per maand en gemeente/ });
    // Each municipality by its CBS name, its code as secondary text.
    await reloadUntil(() => table.getByRole('row').filter({ hasText: 'Amsterdam (GM0363)' }));
    await page.getByRole('img', { name: /Vsv-meldingen per maand en gemeente/ }).waitFor();
    expect(await table.getByText('minder dan 10').count()).toBeGreaterThan(0);
    await expect(page.locator('figure.grafiek').textContent()).resolves.toMatch(/minder dan 10/);
    await checkPage('ops-sturing-grafiek');
    await logout();
  });
});
