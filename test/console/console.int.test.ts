/**
 * The operator console in a real browser (headless Chromium, playwright-core) against a running
 * gateway: sign in as each role, party isolation by URL, the suppressed 323 and why, an overdue
 * termijn appearing when the injected clock moves, a contract edit's dry-run diff, redelivering a
 * failed webhook, a replay with its progress, CSRF and cookie attributes, and axe-core on each main
 * page (no serious or critical WCAG 2.1 A/AA violations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchChromium, signIn, signOut, type Browser } from './browser.js';
import { CONSOLE_KEYS, startConsoleFixture, type ConsoleFixture } from './fixture.js';
import { STORES } from '../gateway/harness.js';
import { until } from '../support/until.js';

/** 10:00 in Amsterdam on Wednesday 4 November 2026. */
const START = new Date('2026-11-04T09:00:00Z');
/** Most waits here reload a page in the browser: poll every 100 ms, not every 50. */
const POLL_PAGE = { everyMs: 100 };

/** The text of an element with its whitespace collapsed (the markup's line breaks are not content). */
async function text(l: { textContent(): Promise<string | null> }): Promise<string> {
  return ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe.each(STORES)('the console in Chromium on %s', (store) => {
  let fx: ConsoleFixture;
  let b: Browser;
  let page: Page;
  let base: string;
  const axeChecked: Record<string, number> = {};
  const checkA11y = async (name: string): Promise<void> => {
    const v = await axeViolations(page);
    expect(v, `${name}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
    axeChecked[name] = 0;
  };

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

  it('GET / leads to the login page; an unknown key is refused; the page is accessible', async () => {
    const r = await page.goto(`${base}/`);
    expect(r?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/console/inloggen`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await checkA11y('inloggen');
    await signIn(page, base, 'not-a-key-of-anyone-0123456789');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('niet bekend');
  });

  it('a gemeente signs in, sees its berichten newest first, and no beheer pages', async () => {
    await signIn(page, base, CONSOLE_KEYS.gemeente0363);
    expect(page.url()).toBe(`${base}/console/berichten`);
    const cookie = (await b.context.cookies()).find((c) => c.name === 'sluis_sessie')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/console' });
    // The suppressed 323 was never routed to the gemeente: like the API, the console does not show it.
    const rows = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(rows).toEqual(['JW315', 'JW301']);
    const hidden = await page.goto(`${base}/console/berichten/${fx.ids.declaratie}`);
    expect(hidden?.status()).toBe(404);
    await page.goto(`${base}/console/berichten`);
    expect(await page.getByRole('link', { name: 'Afleveringen' }).count()).toBe(0);
    const r = await page.goto(`${base}/console/afleveringen`);
    expect(r?.status()).toBe(404);
    await signOut(page);
    // the old session is gone: back to the login page
    await page.goto(`${base}/console/berichten`);
    expect(page.url()).toBe(`${base}/console/inloggen`);
  });

  it('party isolation: another aanbieder sees none of it and cannot open the 301 or its XML by URL (404)', async () => {
    await signIn(page, base, CONSOLE_KEYS.aanbieder42420001);
    expect(await text(page.locator('table caption').first())).toBe('Geen berichten gevonden');
    const one = await page.goto(`${base}/console/berichten/${fx.ids.toewijzing}`);
    expect(one?.status()).toBe(404);
    expect(await page.locator('main').textContent()).not.toContain('AMS301000017');
    const xml = await page.request.get(`${base}/console/berichten/${fx.ids.toewijzing}/xml`);
    expect(xml.status()).toBe(404);
    expect(await xml.text()).not.toContain('jw301:');
    await page.goto(`${base}/console/berichten`);
    await signOut(page);
  });

  it('the addressee aanbieder opens the 301 and downloads its XML with Content-Disposition', async () => {
    await signIn(page, base, CONSOLE_KEYS.aanbieder41410017);
    await page.goto(`${base}/console/berichten/${fx.ids.toewijzing}`);
    expect(await page.locator('h1').textContent()).toBe('JW301 AMS301000017');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'bericht downloaden (XML)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('JW301-AMS301000017.xml');
    const head = await page.request.get(`${base}/console/berichten/${fx.ids.toewijzing}/xml`);
    expect(head.headers()['content-disposition']).toBe('attachment; filename="JW301-AMS301000017.xml"');
    expect(await head.text()).toContain('<jw301:Bericht');
    await signOut(page);
  });

  it('an operator finds the suppressed 323 by its decision rule and reads why, with its contract and conversation', async () => {
    await signIn(page, base, CONSOLE_KEYS.operator);
    await checkA11y('berichten');
    await page.getByLabel('Beslisregel').fill('TM-DECL');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/rule=TM-DECL/);
    const links = page.locator('table tbody tr td:nth-child(2) a');
    expect(await links.allTextContents()).toEqual(['JW323']);
    await links.first().click();
    await page.waitForURL(new RegExp(`/console/berichten/${fx.ids.declaratie}`));
    const besluit = page.locator('h2#besluit + dl');
    expect(await besluit.textContent()).toContain('onderdrukt');
    expect(await besluit.textContent()).toContain('DEMO-0363-JW-INTEGRAAL-TG');
    const reason = await page.locator('table', { has: page.locator('caption', { hasText: 'Redenen' }) }).textContent();
    expect(reason).toContain('TM-DECL');
    expect(reason).toContain('taakgericht-minimaal: no declaratie per client; the task is paid as one sum');
    const timeline = await page.locator('ol.timeline li').allTextContents();
    expect(timeline.map((t) => t.split('— ')[1]!.split(' ')[0])).toEqual(['ontvangen', 'gevalideerd', 'besloten', 'onderdrukt']);
    // two clients in this 323: a choice, and the conversation of the first lists this bericht
    expect(await page.getByRole('link', { name: 'Cliënt 2' }).count()).toBe(1);
    expect(await page.locator('h2#gesprek ~ table').first().textContent()).toContain('JW323 (dit bericht)');
    await checkA11y('bericht');
  });

  it('the 301 links its answers: none yet; the termijnen page shows its OP090 open, then overdue when the clock moves', async () => {
    await page.goto(`${base}/console/termijnen`);
    await checkA11y('termijnen');
    const open = page.locator('table', { has: page.locator('caption', { hasText: 'Open termijnen' }) });
    expect(await open.textContent()).toContain('OP090');
    expect(await text(page.locator('main'))).toContain('Verlopen termijnen Geen.');
    // Wednesday 4 Nov + 3 working days = Monday 9 Nov; on Tuesday 10 Nov it has passed
    fx.setNow(new Date('2026-11-10T09:00:00Z'));
    await fx.gw.app.termijnen.tick();
    await page.reload();
    const verlopen = page.locator('table', { has: page.locator('caption', { hasText: 'Verlopen termijnen' }) });
    const shown = await text(verlopen);
    expect(shown).toContain('JW301');
    expect(shown).toContain('OP090');
    expect(shown).toContain('2026-11-09');
    expect(shown).toContain('verlopen sinds 2026-11-10');
    await checkA11y('termijnen-verlopen');
  });

  it('editing the taakgericht contract shows, in a dry run, that the 323 would be routed; saving puts it in force', async () => {
    await page.goto(`${base}/console/contracten`);
    await checkA11y('contracten');
    await page.getByRole('link', { name: 'DEMO-0363-JW-INTEGRAAL-TG' }).click();
    const area = page.getByLabel('Contract (JSON, zoals in het register)');
    const contract = JSON.parse(await area.inputValue()) as { periode: { van: string } };
    // From 2027 only: the October 2026 prestaties fall under no contract (geenContract route-with-warning).
    contract.periode.van = '2027-01-01';
    await area.fill(JSON.stringify(contract, null, 2));
    await page.getByRole('button', { name: 'Proefdraaien' }).click();
    await page.waitForLoadState('domcontentloaded');
    const proef = await text(page.locator('main'));
    expect(proef).toContain('Het contract is geldig');
    expect(proef).toContain('suppress→route');
    expect(proef).toContain('was suppressed by contract DEMO-0363-JW-INTEGRAAL-TG, now routed to 0363');
    await checkA11y('contract-proef');
    // nothing changed yet
    const still = await fetch(`${base}/api/v1/contracten/DEMO-0363-JW-INTEGRAAL-TG`, {
      headers: { authorization: `Bearer ${CONSOLE_KEYS.operator}` },
    });
    expect(((await still.json()) as { periode: { van: string } }).periode.van).toBe('2026-01-01');
    // an invalid edit names the path, as on file load
    const bad = { ...contract, periode: { van: 'morgen' } };
    await page.getByLabel('Contract (JSON, zoals in het register)').fill(JSON.stringify(bad));
    await page.getByRole('button', { name: 'Proefdraaien' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('alert').textContent()).toContain('$.periode.van');
    // save the valid one, saying why (kept in the contract history, decision 0032)
    await page.getByLabel('Contract (JSON, zoals in het register)').fill(JSON.stringify(contract));
    await page.getByLabel('Reden van de wijziging (nodig om op te slaan)').fill('nieuwe periode');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getByRole('status').first().textContent()).toContain('Opgeslagen');
    const now = await fetch(`${base}/api/v1/contracten/DEMO-0363-JW-INTEGRAAL-TG`, {
      headers: { authorization: `Bearer ${CONSOLE_KEYS.operator}` },
    });
    expect(((await now.json()) as { periode: { van: string } }).periode.van).toBe('2027-01-01');
  });

  it('a failed webhook delivery is listed with its last error and redelivered; the 301 becomes afgeleverd', async () => {
    await page.goto(`${base}/console/afleveringen`);
    await checkA11y('afleveringen');
    const row = page.locator('tbody tr', { hasText: 'JW301' });
    expect(await text(row)).toMatch(/JW301 webhook 41410017 1 HTTP 503 from 127\.0\.0\.1:\d+ /);
    fx.rx.failing = false;
    await row.getByRole('button', { name: /opnieuw afleveren/i }).click();
    await page.waitForURL(/\/console\/afleveringen\?opnieuw=/);
    expect(await page.getByRole('status').textContent()).toContain('staat weer in de wachtrij');
    await until(async () => (fx.rx.got.some((g) => g.berichtId === fx.ids.toewijzing && g.status === 204) ? true : undefined), POLL_PAGE);
    await until(async () => {
      await page.goto(`${base}/console/berichten/${fx.ids.toewijzing}`);
      return (await page.locator('dl.facts').first().textContent())?.includes('afgeleverd') ? true : undefined;
    }, POLL_PAGE);
    expect(await page.locator('ol.timeline').textContent()).toContain('via: webhook');
    await page.goto(`${base}/console/afleveringen`);
    // the 301's delivery is done; what is left is the notice of the 315's passed termijn (sent while the receiver failed)
    const left = await text(page.locator('main'));
    expect(left).not.toContain('JW301 webhook');
    expect(left).toMatch(/JW315 webhook 41410017 1 HTTP 503/);
  });

  it("a POST without this session's CSRF token is refused (403) and changes nothing", async () => {
    const r = await page.request.post(`${base}/console/afleveringen/1/opnieuw`, { form: { _csrf: 'forged' } });
    expect(r.status()).toBe(403);
    const none = await page.request.post(`${base}/console/replay`, { form: { actie: 'start', from: '2026-11-01', to: '2026-11-30' } });
    expect(none.status()).toBe(403);
  });

  it('replay: the dry-run diff of a selection, then a real run with its progress page', async () => {
    await page.goto(`${base}/console/replay`);
    await checkA11y('replay');
    await page.getByLabel('Ontvangen vanaf').fill('2026-11-01');
    await page.getByLabel('Ontvangen vóór').fill('2026-11-30');
    await page.getByLabel('Bericht').fill('323');
    await page.getByRole('button', { name: 'Proefdraaien' }).click();
    await page.waitForLoadState('domcontentloaded');
    const dry = await text(page.locator('main'));
    expect(dry).toContain('Proefdraaien: er is niets veranderd.');
    // the contract saved above no longer covers the 323: today's rules route it
    expect(dry).toContain('suppress→route');
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    await page.waitForURL(/\/console\/replay\/[0-9a-f-]{36}$/);
    const report = await until(async () => {
      const t = await text(page.locator('main'));
      if (t.includes('Uitgevoerd')) return t;
      await page.waitForTimeout(500);
      await page.reload();
      return undefined;
    }, POLL_PAGE);
    expect(report).toContain('Gewijzigd 1');
    const b323 = await fetch(`${base}/api/v1/berichten/${fx.ids.declaratie}`, {
      headers: { authorization: `Bearer ${CONSOLE_KEYS.operator}` },
    });
    expect(((await b323.json()) as { status: string }).status).toBe('klaargezet');
  });

  it('an unknown filter is an error page, not ignored; every main page was checked with axe', async () => {
    const r = await page.goto(`${base}/console/berichten?kleur=rood`);
    expect(r?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain("unknown query parameter 'kleur'");
    const bad = await page.goto(`${base}/console/berichten?status=weg`);
    expect(bad?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('status: one of');
    expect(Object.keys(axeChecked).sort()).toEqual(
      [
        'afleveringen',
        'bericht',
        'berichten',
        'contract-proef',
        'contracten',
        'inloggen',
        'replay',
        'termijnen',
        'termijnen-verlopen',
      ].sort(),
    );
  });
});
