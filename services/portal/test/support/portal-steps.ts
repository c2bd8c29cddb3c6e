import { expect } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from './browser.js';
import type { Platform } from './platform.js';

/** The steps every portal browser test repeats: log in and out through the identity service, check a page, wait for the bus. */
export function portalSteps(platform: Platform, browser: Browser) {
  const page: Page = browser.page;

  /** A screenshot into the artefacts, and axe-core finds no serious or critical violation. */
  async function checkPage(label: string): Promise<void> {
    await browser.screenshot(label);
    expect(await browser.axe(label)).toEqual([]);
  }

  async function login(username: string): Promise<void> {
    await page.goto(`${platform.url.portal}/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(platform.demoPassword);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Welkom' }).waitFor();
  }

  async function logout(): Promise<void> {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  }

  /** Navigation by the main menu, as a user does; waits for the page's h1. */
  async function open(navLabel: string, heading: string | RegExp): Promise<void> {
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: navLabel }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  /** Events travel through Kafka: reload the page until the locator finds something. */
  async function reloadUntil(visible: () => Locator, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.waitForLoadState('networkidle');
      if ((await visible().count()) > 0) return;
      if (Date.now() > deadline) throw new Error(`not visible within ${timeoutMs / 1000} s`);
      await page.waitForTimeout(1_000);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
  }

  return { page, checkPage, login, logout, open, reloadUntil };
}
