/**
 * `npm run console:screenshots`: the console's main pages as PNG in docs/console/, for
 * docs/console.md. The same gateway and traffic as the browser tests (test/console/fixture.ts: the
 * demo registry, the repository's samples, an injected clock), in headless Chromium, signed in as an
 * operator.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, signIn } from '../test/console/browser.js';
import { CONSOLE_KEYS, ROOT, startConsoleFixture } from '../test/console/fixture.js';

const OUT = join(ROOT, 'docs/console');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const fx = await startConsoleFixture('pglite', new Date('2026-11-04T09:00:00Z'));
  const b = await launchChromium();
  const page = b.page;
  const base = fx.gw.url;
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    console.log(`docs/console/${name}.png`);
  };
  try {
    await page.goto(`${base}/console/inloggen`);
    await shot('inloggen');
    await signIn(page, base, CONSOLE_KEYS.operator);
    await shot('berichten');
    await page.goto(`${base}/console/berichten/${fx.ids.declaratie}`);
    await shot('bericht');
    fx.setNow(new Date('2026-11-10T09:00:00Z'));
    await fx.gw.app.termijnen.tick();
    await page.goto(`${base}/console/termijnen`);
    await shot('termijnen');
    await page.goto(`${base}/console/contracten/DEMO-0363-JW-INTEGRAAL-TG`);
    const area = page.getByLabel('Contract (JSON, zoals in het register)');
    const contract = JSON.parse(await area.inputValue()) as { periode: { van: string } };
    contract.periode.van = '2027-01-01';
    await area.fill(JSON.stringify(contract, null, 2));
    await page.getByRole('button', { name: 'Proefdraaien' }).click();
    await page.waitForLoadState('domcontentloaded');
    await shot('contract-proef');
    await page.goto(`${base}/console/afleveringen`);
    await shot('afleveringen');
    await page.goto(`${base}/console/replay`);
    await page.getByLabel('Ontvangen vanaf').fill('2026-11-01');
    await page.getByLabel('Ontvangen vóór').fill('2026-11-30');
    await page.getByRole('button', { name: 'Proefdraaien' }).click();
    await page.waitForLoadState('domcontentloaded');
    await shot('replay');
  } finally {
    await b.close();
    await fx.close();
  }
}

await main();
