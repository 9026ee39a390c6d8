/**
 * Headless Chromium for the console's real-browser tests, driven by playwright-core: Debian's
 * `chromium` (or SLUIS_CHROMIUM), a fresh profile per launch, and axe-core injected into a page for
 * the accessibility check. A missing Chromium fails the test with the same line `npm test`'s
 * prerequisite check prints (scripts/check-prerequisites.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, missingChromium } from '../../scripts/check-prerequisites.js';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh user-data-dir (removed on close). */
export async function launchChromium(): Promise<Browser> {
  const missing = missingChromium({ env: process.env, exists: existsSync });
  if (missing) throw new Error(missing);
  const profile = mkdtempSync(join(tmpdir(), 'sluis-chromium-'));
  // playwright-core passes the profile as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(process.env),
    headless: true,
    args: [...CHROMIUM_FLAGS],
    acceptDownloads: true,
    locale: 'nl-NL',
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * axe-core over the page as it stands, against WCAG 2.0/2.1 A and AA: the serious and critical
 * violations. Evaluated through the DevTools protocol, so the console's CSP (no script at all) stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const all = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return (r.violations as { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in on the login page with `key`; the page ends on wherever the console sends it. */
export async function signIn(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/console/inloggen`);
  await page.getByLabel('API-sleutel').fill(key);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('domcontentloaded');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(/\/console\/inloggen$/);
}
