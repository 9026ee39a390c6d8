/**
 * A contract's history and end-dating in the console, in a real browser (headless Chromium,
 * playwright-core) against a running gateway on PGlite and PostgreSQL: an operator edits a contract
 * with a reden and sees the new version (who, via, reden, the fields before and after) in the
 * history; end-dates it with the CSRF-protected form and sees that version too; the page passes
 * axe-core (no serious or critical WCAG 2.1 A/AA violations); a gemeente sees neither the history
 * nor the form and cannot post it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchChromium, signIn, signOut, type Browser } from './browser.js';
import { CONSOLE_KEYS, startConsoleFixture, type ConsoleFixture } from './fixture.js';
import { STORES } from '../gateway/harness.js';

const START = new Date('2026-11-04T09:00:00Z');
const ID = 'DEMO-0363-JW-OG';

async function rows(page: Page): Promise<string[][]> {
  return page
    .locator('#geschiedenis + table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

describe.each(STORES)('contract history in the console on %s', (store) => {
  let fx: ConsoleFixture;
  let b: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    fx = await startConsoleFixture(store, START);
    base = fx.gw.url;
    b = await launchChromium();
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
    await fx?.close();
  });

  it('an operator edits the contract with a reden and sees the new version with that reden in the history', async () => {
    await signIn(page, base, CONSOLE_KEYS.operator);
    await page.goto(`${base}/console/contracten/${ID}`);
    const before = await rows(page);
    expect(before).toHaveLength(1);
    expect([before[0]![2], before[0]![3], before[0]![5]]).toEqual(['import (registerbestand)', 'import', 'aangemaakt']);
    expect(before[0]![4]).toBe('import demo.registry.json');
    const area = page.getByLabel('Contract (JSON, zoals in het register)');
    const contract = JSON.parse(await area.inputValue()) as { naam?: string };
    const oud = contract.naam;
    await area.fill(JSON.stringify({ ...contract, naam: 'Jeugdhulp OG (deelovereenkomst 2)' }, null, 2));
    await page.getByLabel('Reden van de wijziging (nodig om op te slaan)').fill('naam volgens de deelovereenkomst');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('status').first().textContent()).toContain('Opgeslagen');
    const after = await rows(page);
    expect(after).toHaveLength(2);
    expect(after[0]!.slice(0, 1)).toEqual(['2']);
    expect(after[0]!.slice(2, 5)).toEqual(['functioneel-beheer', 'console', 'naam volgens de deelovereenkomst']);
    expect(after[0]![5]).toBe(`gewijzigd naam: ${oud ?? '(geen)'} → Jeugdhulp OG (deelovereenkomst 2)`);
    // the page as reloaded shows the same, and passes axe
    await page.goto(`${base}/console/contracten/${ID}`);
    expect((await rows(page))[0]![4]).toBe('naam volgens de deelovereenkomst');
    const v = await axeViolations(page);
    expect(v, JSON.stringify(v, null, 1)).toEqual([]);
  });

  it('the end-date form needs a reden and this session’s CSRF token; end-dating adds a beëindigd version', async () => {
    const csrf = await page.locator('form[action$="/beeindigen"] input[name="_csrf"]').inputValue();
    const noReden = await page.request.post(`${base}/console/contracten/${ID}/beeindigen`, {
      form: { _csrf: csrf, totEnMet: '2027-06-30' },
    });
    expect(noReden.status()).toBe(400);
    expect(await noReden.text()).toContain('reden');
    const forged = await page.request.post(`${base}/console/contracten/${ID}/beeindigen`, {
      form: { _csrf: 'forged', totEnMet: '2027-06-30', reden: 'x' },
    });
    expect(forged.status()).toBe(403);
    expect(await rows(page)).toHaveLength(2);

    await page.getByLabel('Laatste dag van het contract (tot en met)').fill('2027-06-30');
    await page.getByLabel('Reden van de beëindiging').fill('contract loopt af');
    await page.getByRole('button', { name: 'Beëindigen' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('status').first().textContent()).toContain('tot en met 2027-06-30');
    const h = await rows(page);
    expect(h.map((r) => r[0])).toEqual(['3', '2', '1']);
    expect(h[0]!.slice(2, 6)).toEqual([
      'functioneel-beheer',
      'console',
      'contract loopt af',
      'beëindigd periode.totEnMet: (geen) → 2027-06-30',
    ]);
    const api = await fetch(`${base}/api/v1/contracten/${ID}`, { headers: { authorization: `Bearer ${CONSOLE_KEYS.operator}` } });
    expect(((await api.json()) as { periode: unknown }).periode).toEqual({ van: '2026-01-01', totEnMet: '2027-06-30' });
    const v = await axeViolations(page);
    expect(v, JSON.stringify(v, null, 1)).toEqual([]);
    await signOut(page);
  });

  it('a gemeente sees the contract but neither its history nor the end-date form, and cannot post it', async () => {
    await signIn(page, base, CONSOLE_KEYS.gemeente0363);
    await page.goto(`${base}/console/contracten/${ID}`);
    expect(await page.locator('h1').textContent()).toContain(ID);
    expect(await page.locator('#geschiedenis').count()).toBe(0);
    expect(await page.locator('form[action$="/beeindigen"]').count()).toBe(0);
    const csrf = await page.locator('header form input[name="_csrf"]').inputValue();
    const r = await page.request.post(`${base}/console/contracten/${ID}/beeindigen`, {
      form: { _csrf: csrf, totEnMet: '2026-12-31', reden: 'poging' },
    });
    expect(r.status()).toBe(404);
    const api = await fetch(`${base}/api/v1/contracten/${ID}`, { headers: { authorization: `Bearer ${CONSOLE_KEYS.operator}` } });
    expect(((await api.json()) as { periode: { totEnMet: string } }).periode.totEnMet).toBe('2027-06-30');
    await signOut(page);
  });
});
