import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Browser {
  page: Page;
  /** Saves a full-page screenshot as <n>-<name>.png in the artefacts folder. */
  screenshot(name: string): Promise<void>;
  /** Runs axe-core on the page as it is now; returns the serious and critical violations, printed when found. */
  axe(label: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * On a fresh Debian machine `npm test` fetches what it runs on, as it does Kafka's jars: as root with apt, Debian's
 * chromium is installed once (flock: two browser suites may start together). Anywhere else the caller says what to do.
 */
function installDebianChromium(executablePath: string): void {
  if (existsSync(executablePath) || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  const install = 'apt-get install -y --no-install-recommends chromium';
  process.stderr.write('[portal test] installing Debian chromium for the browser tests (once)\n');
  try {
    execFileSync(
      'flock',
      ['/tmp/estafette-chromium-install.lock', 'sh', '-c', `test -x ${executablePath} || ${install} || { apt-get update && ${install}; }`],
      { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 },
    );
  } catch (error) {
    process.stderr.write(`[portal test] could not install chromium: ${(error as Error).message}\n`);
  }
}

/** Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium) with a fresh profile, driven by playwright-core. */
export async function launchBrowser(artefacts: string, options: { locale?: string } = {}): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!process.env.CHROMIUM_PATH) installDebianChromium(executablePath);
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  mkdirSync(artefacts, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), 'estafette-chromium-'));
  // bypassCSP: the portal's CSP admits only its own scripts; axe-core is injected by the test.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
    // nl-NL unless a test shows the portal does not depend on it (dates are Dutch whatever the browser's locale).
    locale: options.locale ?? 'nl-NL',
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Generous: on a loaded 2-core CI machine a page with several API calls can take a while.
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => process.stderr.write(`[browser] page error: ${error.message}\n`));
  let shot = 0;
  return {
    page,
    async screenshot(name) {
      shot += 1;
      await page.screenshot({ path: path.join(artefacts, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
    },
    async axe(label) {
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(
                ctx: unknown,
                opts: unknown,
              ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      });
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const lines = serious.map((v) => `${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      for (const line of lines) process.stderr.write(`[axe] ${line}\n`);
      return lines;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
