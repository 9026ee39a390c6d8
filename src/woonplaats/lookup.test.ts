import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../decision/summary.js';
import { parseBericht } from '../validation/parse.js';
import { checkWoonplaats } from './check.js';
import { createGemeenteRegister, parseCbsCsv } from './gemeenten.js';
import { HERINDELINGEN } from './herindelingen.js';
import { cbsListPath, sharedDir } from './load.js';
import { createHttpWoonplaatsLookup, LookupConfigError } from './lookup.js';
import { createPostcodeTabel } from './postcode.js';

/**
 * A local server implementing the lookup contract (POST /woonplaats {bsn, peildatum, verblijf} →
 * {gemeente, bron, zekerheid, adresVoorVerblijf?}), with fictitious persons keyed by test BSNs.
 */
const PERSONS: Record<string, { status: number; body?: unknown; delayMs?: number }> = {
  999990032: { status: 200, body: { gemeente: '0344', bron: 'BRP', zekerheid: 'hoog' } },
  999990019: { status: 200, body: { gemeente: '0363', bron: 'BRP', zekerheid: 'hoog', adresVoorVerblijf: true } },
  999990020: { status: 200, body: { gemeente: '0457', bron: 'register-2021', zekerheid: 'midden' } },
  999990044: { status: 500 },
  999990056: { status: 200, body: { gemeente: 'Utrecht' } },
  999990068: { status: 200, body: { gemeente: '0344', bron: 'BRP', zekerheid: 'hoog' }, delayMs: 400 },
};
const TOKEN = 'test-token';
let server: Server;
let baseUrl: string;
const seen: { url: string; auth: string | undefined; body: Record<string, unknown> }[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      if (req.method !== 'POST' || req.url !== '/woonplaats') {
        res.writeHead(404).end();
        return;
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      seen.push({ url: req.url, auth: req.headers.authorization, body });
      const p = PERSONS[String(body.bsn)];
      if (!p) {
        res.writeHead(404).end();
        return;
      }
      if (p.delayMs) await new Promise((r) => setTimeout(r, p.delayMs));
      res.writeHead(p.status, { 'content-type': 'application/json' }).end(p.body === undefined ? '' : JSON.stringify(p.body));
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('HTTP woonplaats lookup adapter', () => {
  it('asks with the BSN in the body (never the URL) and maps the answer', async () => {
    const l = createHttpWoonplaatsLookup({ baseUrl, token: TOKEN });
    expect(await l.lookup({ bsn: '999990032', peildatum: '2026-11-09', verblijf: false })).toEqual({
      gevonden: true,
      gemeente: '0344',
      bron: 'BRP',
      zekerheid: 'hoog',
    });
    const last = seen.at(-1)!;
    expect(last.url).toBe('/woonplaats');
    expect(last.body).toEqual({ bsn: '999990032', peildatum: '2026-11-09', verblijf: false });
  });

  it('turns unknown persons, errors, contract violations and timeouts into reasons without the BSN', async () => {
    const l = createHttpWoonplaatsLookup({ baseUrl, token: TOKEN, timeoutMs: 100 });
    const answers = await Promise.all(
      ['999990007', '999990044', '999990056', '999990068'].map((bsn) => l.lookup({ bsn, peildatum: '2026-01-01', verblijf: false })),
    );
    expect(answers).toEqual([
      { gevonden: false, reden: 'person not known to the source' },
      { gevonden: false, reden: 'lookup answered HTTP 500' },
      { gevonden: false, reden: 'lookup answer does not follow the contract (gemeente, bron, zekerheid)' },
      { gevonden: false, reden: 'lookup timed out after 100 ms' },
    ]);
    const unauth = await createHttpWoonplaatsLookup({ baseUrl }).lookup({ bsn: '999990032', peildatum: '2026-01-01', verblijf: false });
    expect(unauth).toEqual({ gevonden: false, reden: 'lookup answered HTTP 401' });
    const down = await createHttpWoonplaatsLookup({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 }).lookup({
      bsn: '999990032',
      peildatum: '2026-01-01',
      verblijf: false,
    });
    expect(down.gevonden).toBe(false);
    expect(JSON.stringify([answers, unauth, down])).not.toMatch(/9999900/);
  });

  it('sends a BSN only over https, or http to localhost', () => {
    expect(() => createHttpWoonplaatsLookup({ baseUrl: 'http://brp.example.nl/api' })).toThrow(LookupConfigError);
    expect(() => createHttpWoonplaatsLookup({ baseUrl: 'not a url' })).toThrow(LookupConfigError);
    expect(() => createHttpWoonplaatsLookup({ baseUrl: 'https://brp.example.nl/api' })).not.toThrow();
  });
});

describe('checkWoonplaats', () => {
  const register = createGemeenteRegister(
    parseCbsCsv(readFileSync(cbsListPath(sharedDir(process.env, join(import.meta.dirname, '../..'))), 'utf8')),
    HERINDELINGEN,
  );
  const samples = join(import.meta.dirname, '../../samples');
  function load(file: string, patch?: (xml: string) => string) {
    let xml = readFileSync(join(samples, file), 'utf8');
    if (patch) xml = patch(xml);
    const r = parseBericht(xml);
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    return { summary: summarize(r.message, r.bericht), bericht: r.bericht };
  }

  it('315: an expectation from the lookup that differs from the addressed gemeente is a mismatch', async () => {
    const { summary, bericht } = load('ijw/JW315.xml');
    const lookup = createHttpWoonplaatsLookup({ baseUrl, token: TOKEN });
    const w = await checkWoonplaats(summary, bericht, { register, lookup });
    expect(w).toMatchObject({
      verwachteGemeente: '0344',
      headerGemeente: summary.gemeente,
      bron: 'lookup:BRP',
      zekerheid: 'hoog',
      afwijking: summary.gemeente !== '0344',
    });
    expect(JSON.stringify(w)).not.toMatch(/9999900/);
    // Without a lookup a 315 gives no expectation (it carries no address).
    const none = await checkWoonplaats(summary, bericht, { register });
    expect(none).toMatchObject({ bron: 'geen-bron', zekerheid: 'onbekend', afwijking: false });
    expect(none?.toelichting.join(' ')).toContain('no lookup adapter');
  });

  it("an old code from the source is compared in today's code (herindeling)", async () => {
    const { summary, bericht } = load('ijw/JW315.xml', (x) => x.replace('999990032', '999990020'));
    const w = await checkWoonplaats({ ...summary, gemeente: '0363' }, bericht, {
      register,
      lookup: createHttpWoonplaatsLookup({ baseUrl, token: TOKEN }),
    });
    expect(w).toMatchObject({ verwachteGemeente: '0363', afwijking: false, zekerheid: 'midden' });
    expect(w?.toelichting).toContain('expected gemeente 0457 is now 0363 (herindeling)');
  });

  it('301: the BRP-adres postcode gives a weak expectation; verblijf lowers it', async () => {
    const { summary, bericht } = load('ijw/JW301.xml');
    const postcodes = createPostcodeTabel([{ van: 1000, tot: 1109, gemeente: '0363' }]);
    const w = await checkWoonplaats(summary, bericht, { register, postcodes });
    expect(w).toMatchObject({ verwachteGemeente: '0363', bron: 'postcode-tabel', afwijking: false });
    // The sample has a categorie 43 (verblijf) product: the BRP address may be the stay address.
    expect(w?.zekerheid).toBe('laag');
    expect(w?.toelichting.join(' ')).toContain('just before the stay');
    const elsewhere = await checkWoonplaats(summary, bericht, {
      register,
      postcodes: createPostcodeTabel([{ van: 1000, tot: 1109, gemeente: '0362' }]),
    });
    expect(elsewhere?.afwijking).toBe(true);
    // A lookup wins over the postcode table.
    const byLookup = await checkWoonplaats(summary, bericht, {
      register,
      postcodes,
      lookup: createHttpWoonplaatsLookup({ baseUrl, token: TOKEN }),
    });
    expect(byLookup).toMatchObject({ bron: 'lookup:BRP', zekerheid: 'hoog', verwachteGemeente: '0363' });
  });

  it('319 reden 8: checks the named gemeente against the CBS list', async () => {
    const { summary, bericht } = load('ijw/JW319.xml');
    const w = await checkWoonplaats(
      { ...summary, antwoord: { referentieAanbieder: 'x', verzoekAntwoord: '1', redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0344' } },
      bericht,
      { register },
    );
    expect(w).toMatchObject({ verwachteGemeente: '0344', bron: '319-reden-8', zekerheid: 'hoog' });
    const bad = await checkWoonplaats(
      { ...summary, antwoord: { referentieAanbieder: 'x', verzoekAntwoord: '1', redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0003' } },
      bericht,
      { register },
    );
    expect(bad).toMatchObject({ zekerheid: 'onbekend' });
    expect(bad?.verwachteGemeente).toBeUndefined();
  });

  it('does nothing for iWmo or other messages', async () => {
    const wmo = load('iwmo/WMO315.xml');
    expect(await checkWoonplaats(wmo.summary, wmo.bericht, { register })).toBeUndefined();
    const s305 = load('ijw/JW305.xml');
    expect(await checkWoonplaats(s305.summary, s305.bericht, { register })).toBeUndefined();
  });
});
