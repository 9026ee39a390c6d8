/**
 * Linked answers and termijnbewaking through the running gateway, on PGlite and PostgreSQL, with an
 * injected clock (Easter week 2026: Goede Vrijdag 3 April is a working day, Tweede Paasdag 6 April is not).
 * A 315 opens its OP090 retour termijn and an OP274 termijn per AangevraagdProduct; the 301 that
 * grants both products closes those and opens its own; the 302 closes the 301's OP090 termijn on its
 * last day; a 301 nobody answers is verlopen after the sweep the day after its last day.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/deliver/webhook.js';
import { eventFromPayload } from '../../src/kafka/events.js';
import { setKafkaEnabled } from '../../src/store/kafka-settings/set-enabled.js';
import { schemaValidator } from '../kafka/schemas.js';
import { KEYS, STORES, call, post, sample, startGateway, testParties, withIdentificatie, type Gateway, type Json } from './harness.js';
import { runCli } from '../support/cli.js';
import { PG_URL } from '../support/gateway.js';

/** 10:00 in Amsterdam (CEST, UTC+2) on a date. */
const at = (date: string): Date => new Date(`${date}T08:00:00Z`);

describe.each(STORES)('termijnen on %s', (store) => {
  let gw: Gateway;
  let now = at('2026-04-02'); // Thursday before Easter
  const ids: Record<string, string> = {};
  const get = (path: string, key: string = KEYS.operator) => call(gw, 'GET', path, { key });
  const termijnen = async (query = '', key: string = KEYS.operator): Promise<Json[]> => {
    const r = await get(`/api/v1/termijnen${query}`, key);
    expect(r.status).toBe(200);
    return r.json().items;
  };
  const send = async (name: string, xml: string, key: string): Promise<void> => {
    const r = await post(gw, xml, key);
    expect(r.status, r.text).toBe(202);
    expect(r.json().status).toBe('klaargezet');
    ids[name] = r.json().id;
  };

  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => now, env: { SLUIS_TERMIJN_INTERVAL_MS: '3600000' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('a 315 opens OP090 (316 within 3 working days) and OP274 per product (301/319 within 5)', async () => {
    // (the published sample's ToewijzingEinddatum 2027-06-31 is no date)
    await send('315', sample('JW315').replaceAll('2027-06-31', '2027-06-30'), KEYS.aanbieder42420001);
    await gw.app.termijnen.tick();
    const items = await termijnen('?bericht=315');
    expect(items.map((t) => [t.regel, t.wachtOp, t.uiterlijk, t.status, t.schuldenaar]).sort()).toEqual([
      // Thu 2 Apr → Fri 3, Tue 7, Wed 8 (Tweede Paasdag 6 April is no working day)
      ['OP090', ['316'], '2026-04-08', 'open', '0384'],
      // → Fri 3, Tue 7, Wed 8, Thu 9, Fri 10
      ['OP274', ['301', '319'], '2026-04-10', 'open', '0384'],
      ['OP274', ['301', '319'], '2026-04-10', 'open', '0384'],
    ]);
  });

  it('the 301 granting both products closes the OP274 termijnen and links to the 315; it opens its own', async () => {
    now = at('2026-04-03');
    await send('301', sample('JW301'), KEYS.gemeente0384);
    await gw.app.termijnen.tick();
    const op274 = (await termijnen('?bericht=315')).filter((t) => t.regel === 'OP274');
    expect(op274.map((t) => [t.status, t.geslotenDoor, t.geslotenOp])).toEqual([
      ['gesloten', ids['301'], '2026-04-03'],
      ['gesloten', ids['301'], '2026-04-03'],
    ]);
    const own = await termijnen('?bericht=301');
    // OP090 (302 by the aanbieder) and, the products starting 1 April, before receipt: OP271 (a 305 within 5)
    expect(own.map((t) => [t.regel, t.voorwaarde ?? null, t.uiterlijk, t.schuldenaar]).sort()).toEqual([
      ['OP090', null, '2026-04-09', '42420001'],
      ['OP271', 'terugwerkende-kracht', '2026-04-13', '42420001'],
    ]);
    const b301 = (await get(`/api/v1/berichten/${ids['301']}`, KEYS.gemeente0384)).json();
    expect(b301.gekoppeld.heenberichten).toEqual([
      { id: ids['315'], bericht: 'JW315', regel: 'OP274', href: `/api/v1/berichten/${ids['315']}` },
    ]);
    const b315 = (await get(`/api/v1/berichten/${ids['315']}`, KEYS.aanbieder42420001)).json();
    expect(b315.gekoppeld.antwoorden).toEqual([
      { id: ids['301'], bericht: 'JW301', regel: 'OP274', href: `/api/v1/berichten/${ids['301']}` },
    ]);
  });

  it('a 302 on the last day of its termijn closes it in time (gesloten, not verlopen)', async () => {
    // The 315's OP090 termijn on its last day: still open after the sweep.
    now = at('2026-04-08');
    await gw.app.termijnen.tick();
    expect((await termijnen('?bericht=315')).find((t) => t.regel === 'OP090').status).toBe('open');
    now = at('2026-04-09');
    await send('302', sample('JW302'), KEYS.aanbieder42420001);
    await gw.app.termijnen.tick();
    const op090 = (await termijnen('?bericht=301')).find((t) => t.regel === 'OP090');
    expect(op090).toMatchObject({ status: 'gesloten', uiterlijk: '2026-04-09', geslotenOp: '2026-04-09', geslotenDoor: ids['302'] });
    const b302 = (await get(`/api/v1/berichten/${ids['302']}`)).json();
    expect(b302.gekoppeld.heenberichten.map((h: Json) => [h.id, h.regel])).toEqual([[ids['301'], 'OP090']]);
  });

  it('the 315 never gets its 316: verlopen after the sweep the day after its last day, counted in the gauges', async () => {
    // the tick of the day after (9 April, above) swept it
    const t = (await termijnen('?bericht=315&status=verlopen'))[0];
    expect(t).toMatchObject({ regel: 'OP090', status: 'verlopen', verlopenOp: '2026-04-09', uiterlijk: '2026-04-08' });
    const metrics = (await call(gw, 'GET', '/metrics')).text;
    const lines = metrics.split('\n').filter((l) => l.startsWith('sluis_termijnen_'));
    expect(lines).toContain('sluis_termijnen_verlopen{bericht="315",party="0384",regel="OP090"} 1');
    expect(lines).toContain('sluis_termijnen_open{bericht="301",party="42420001",regel="OP271"} 1');
    // opened Friday 3 April, today Thursday 9 April
    expect(lines).toContain('sluis_termijnen_oldest_open_days{bericht="301",party="42420001",regel="OP271"} 6');
    // the 301's OP090, answered by the 302, is counted nowhere
    expect(lines.filter((l) => l.includes('bericht="301"') && l.includes('regel="OP090"'))).toEqual([]);
  });

  it('party isolation: a party sees only termijnen between itself and another; operators all', async () => {
    const all = await termijnen();
    expect(all.length).toBe(5);
    expect(await termijnen('', KEYS.gemeente0363)).toEqual([]);
    expect(await termijnen('', KEYS.aanbieder65656055)).toEqual([]);
    expect((await termijnen('', KEYS.aanbieder42420001)).length).toBe(5);
    expect(await termijnen('?partij=65656055')).toEqual([]);
    // newest first, paged by the last id
    const page = await get('/api/v1/termijnen?limit=2');
    expect(page.json().items.map((t: Json) => t.id)).toEqual(all.slice(0, 2).map((t) => t.id));
    const next = await termijnen(`?limit=2&after=${page.json().next}`);
    expect(next.map((t) => t.id)).toEqual(all.slice(2, 4).map((t) => t.id));
  });

  it('unknown or bad query parameters are a 400 problem', async () => {
    for (const q of ['?foo=1', '?status=dicht', '?bericht=999', '?partij=12', '?after=x', '?limit=0']) {
      const r = await get(`/api/v1/termijnen${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await call(gw, 'GET', '/api/v1/termijnen')).status).toBe(401);
  });

  it('a bericht Sluis rejects is answered by Sluis: its retour is shown as the answer, no termijn opens', async () => {
    const bad = withIdentificatie(sample('JW301'), 'TERM-L2-1').replace(/(<[a-z0-9]+:Bsn>)[0-9]{9}</, '$1123456789<');
    const r = await post(gw, bad, KEYS.gemeente0384);
    expect(r.status).toBe(202);
    expect(r.json().status).toBe('afgekeurd');
    await gw.app.termijnen.tick();
    const b = (await get(`/api/v1/berichten/${r.json().id}`)).json();
    expect(b.gekoppeld.antwoorden).toEqual([
      { id: r.json().id, bericht: '302', door: 'sluis', href: `/api/v1/berichten/${r.json().id}/retour` },
    ]);
    expect((await termijnen()).filter((t) => t.berichtId === r.json().id)).toEqual([]);
  });
});

describe('sluis termijnen (CLI) on postgres', () => {
  let gw: Gateway;
  const now = at('2026-12-24'); // Thursday before Christmas
  beforeAll(async () => {
    gw = await startGateway('postgres', { clock: () => now, env: { SLUIS_TERMIJN_INTERVAL_MS: '3600000' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('lists the termijnen as a table and as JSON lines, across the year boundary', async () => {
    const r = await post(gw, sample('JW315').replaceAll('2027-06-31', '2027-06-30'), KEYS.aanbieder42420001);
    expect(r.status).toBe(202);
    await gw.app.termijnen.tick();
    const env = { DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${gw.schema}`)}` };
    const json = await runCli(['termijnen', '--json', '--bericht', '315'], { env });
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    // Thu 24 Dec: 25, 26 feestdagen, 27 Sunday → Mon 28, Tue 29, Wed 30; 5: → Thu 31, (1 Jan) Mon 4 Jan
    expect(lines.map((t) => [t.regel, t.uiterlijk, t.status]).sort()).toEqual([
      ['OP090', '2026-12-30', 'open'],
      ['OP274', '2027-01-04', 'open'],
      ['OP274', '2027-01-04', 'open'],
    ]);
    const table = await runCli(['termijnen', '--status', 'open'], { env });
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^id +bericht +regel +status +geopend +uiterlijk +schuldenaar +afzender +gesloten door$/);
    expect(rows.slice(1).map((l) => l.split(/ +/).slice(1, 6))).toContainEqual(['315', 'OP090', 'open', '2026-12-24', '2026-12-30']);
    expect(rows.length).toBe(4);
    const bad = await runCli(['termijnen', '--status', 'dicht'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status: one of open, gesloten, verlopen');
  });
});

describe.each(STORES)('a termijn that passes is told (Kafka event, webhook) on %s', (store) => {
  const SECRET = 'termijn-webhook-secret-0123456789';
  let gw: Gateway;
  let now = at('2026-04-02');
  const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    gw = await startGateway(store, {
      clock: () => now,
      env: { SLUIS_TERMIJN_INTERVAL_MS: '3600000' },
      parties: testParties({ '0384': { url, secret: SECRET } }),
      webhook: { idleMs: 30 },
    });
    await setKafkaEnabled(gw.db, true);
  });
  afterAll(async () => {
    await gw?.close();
    server?.close();
  });

  it('the sweep queues a sluis.termijn event (schema-valid) and POSTs a signed JSON notice to the waiting party', async () => {
    const r = await post(gw, withIdentificatie(sample('JW301'), 'TERM-HOOK'), KEYS.gemeente0384);
    expect(r.status).toBe(202);
    const id = r.json().id as string;
    await gw.app.termijnen.tick();
    now = at('2026-04-09');
    await gw.app.termijnen.tick();
    // Kafka: one event row for the OP090 termijn (the OP271 one runs until 13 April)
    const rows = await gw.db.query<{ bericht_id: string; payload: Record<string, unknown> }>(
      "SELECT bericht_id, payload FROM outbox WHERE channel = 'kafka' AND payload ->> 'kind' = 'termijn-verlopen'",
    );
    expect(rows.rows).toHaveLength(1);
    const ev = eventFromPayload(rows.rows[0]!.payload, {
      berichtId: id,
      standard: 'ijw',
      bericht: 'JW301',
      berichtCode: '414',
      sender: '0384',
      ontvanger: '42420001',
      status: 'klaargezet',
    });
    const validate = schemaValidator().compile(JSON.parse(readFileSync('schemas/events/termijn.v1.schema.json', 'utf8')));
    expect(validate(ev), JSON.stringify(validate.errors)).toBe(true);
    expect(ev).toMatchObject({ type: 'sluis.termijn', outcome: 'verlopen', regel: 'OP090', wachtOp: ['302'], uiterlijk: '2026-04-08' });
    // Webhook: a JSON notice to the gemeente (which waits for the 302), signed like a bericht
    const end = Date.now() + 10_000;
    while (got.length === 0 && Date.now() < end) await new Promise((x) => setTimeout(x, 50));
    expect(got).toHaveLength(1);
    const n = got[0]!;
    expect(n.headers['content-type']).toBe('application/json');
    expect(n.headers['sluis-bericht-id']).toBe(id);
    const t = Number(/t=(\d+)/.exec(String(n.headers['sluis-signature']))![1]);
    expect(n.headers['sluis-signature']).toBe(signWebhook(SECRET, t, n.body));
    expect(JSON.parse(n.body)).toMatchObject({
      type: 'sluis.termijn-verlopen',
      berichtId: id,
      regel: 'OP090',
      schuldenaar: '42420001',
      uiterlijk: '2026-04-08',
      verlopenOp: '2026-04-09',
    });
    // the notice changes no bericht's status; a second sweep tells nothing twice
    expect((await get(gw, `/api/v1/berichten/${id}`)).json().status).toBe('klaargezet');
    await gw.app.termijnen.tick();
    const again = await gw.db.query("SELECT 1 FROM outbox WHERE payload ->> 'kind' = 'termijn-verlopen'");
    expect(again.rows).toHaveLength(2); // the Kafka row and the webhook row, once each
  });
});

function get(gw: Gateway, path: string) {
  return call(gw, 'GET', path, { key: KEYS.operator });
}

describe.each(STORES)('a verzoek "in onderzoek" on %s', (store) => {
  let gw: Gateway;
  let now = at('2026-04-02');
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => now, env: { SLUIS_TERMIJN_INTERVAL_MS: '3600000' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('a 319 with VerzoekAntwoord 2 closes the 5-day termijn and opens the 8-week one, which the final 301 closes', async () => {
    const send = async (xml: string, key: string): Promise<string> => {
      const r = await post(gw, xml, key);
      expect(r.status, r.text).toBe(202);
      expect(r.json().status).toBe('klaargezet');
      await gw.app.termijnen.tick();
      return r.json().id as string;
    };
    const vot = await send(sample('JW315').replaceAll('2027-06-31', '2027-06-30'), KEYS.aanbieder42420001);
    now = at('2026-04-03');
    const onderzoek = sample('JW319')
      .replace('<jw319:Ontvanger>65656055<', '<jw319:Ontvanger>42420001<')
      .replace('<jw319:ReferentieAanbieder>9003<', '<jw319:ReferentieAanbieder>40A12341234<')
      .replace('<jw319:VerzoekAntwoord>1<', '<jw319:VerzoekAntwoord>2<')
      .replace(
        /\s*<jw319:RedenAfwijzingVerzoek>8<\/jw319:RedenAfwijzingVerzoek>\s*<jw319:Woonplaatsbeginsel>[\s\S]*?<\/jw319:Woonplaatsbeginsel>/,
        '',
      );
    const a319 = await send(onderzoek, KEYS.gemeente0384);
    const of315 = async (): Promise<Json[]> =>
      ((await get(gw, '/api/v1/termijnen?bericht=315')).json().items as Json[]).filter((t) => t.regel === 'OP274');
    expect((await of315()).map((t) => [t.voorwaarde ?? null, t.status, t.geslotenDoor ?? null, t.uiterlijk]).sort()).toEqual([
      [null, 'gesloten', a319, '2026-04-10'],
      [null, 'open', null, '2026-04-10'],
      // 8 weeks from the receipt of the 315
      ['in-onderzoek', 'open', null, '2026-05-28'],
    ]);
    now = at('2026-04-07');
    const final = await send(sample('JW301'), KEYS.gemeente0384);
    expect((await of315()).map((t) => [t.voorwaarde ?? null, t.status, t.geslotenDoor]).sort()).toEqual([
      [null, 'gesloten', a319],
      [null, 'gesloten', final],
      ['in-onderzoek', 'gesloten', final],
    ]);
    const b = (await get(gw, `/api/v1/berichten/${vot}`)).json();
    expect(b.gekoppeld.antwoorden.map((x: Json) => x.id).sort()).toEqual([a319, final].sort());
  });
});

describe.each(STORES)('a declaratie and its antwoord on %s', (store) => {
  let gw: Gateway;
  let now = at('2026-11-05');
  /** The repository's own 323 and its 325, between the test parties. */
  const own = (name: string): string =>
    readFileSync(`samples/ijw/${name}.xml`, 'utf8').replaceAll('>41410017<', '>65656055<').replaceAll('>0363<', '>0384<');
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => now, env: { SLUIS_TERMIJN_INTERVAL_MS: '3600000' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('a 323 gets its 325 within 10 working days; the 325 on the last day closes it and is linked by DeclaratieIdentificatie', async () => {
    const r323 = await post(gw, own('JW323'), KEYS.aanbieder65656055);
    expect(r323.status, r323.text).toBe(202);
    expect(r323.json().status).toBe('klaargezet');
    await gw.app.termijnen.tick();
    const open = (await get(gw, '/api/v1/termijnen?bericht=JW323')).json().items as Json[];
    // Thu 5 November 2026 → 6, 9–13, 16–19 November
    expect(open.map((t) => [t.regel, t.wachtOp, t.uiterlijk, t.schuldenaar, t.status])).toEqual([
      ['OP090x4', ['325'], '2026-11-19', '0384', 'open'],
    ]);
    now = at('2026-11-19');
    const r325 = await post(gw, own('JW325'), KEYS.gemeente0384);
    expect(r325.status, r325.text).toBe(202);
    await gw.app.termijnen.tick();
    const closed = (await get(gw, '/api/v1/termijnen?bericht=323&status=gesloten')).json().items as Json[];
    expect(closed.map((t) => [t.geslotenDoor, t.geslotenBericht, t.geslotenOp])).toEqual([[r325.json().id, '325', '2026-11-19']]);
    const b325 = (await call(gw, 'GET', `/api/v1/berichten/${r325.json().id}`, { key: KEYS.aanbieder65656055 })).json();
    expect(b325.gekoppeld).toEqual({
      heenberichten: [{ id: r323.json().id, bericht: 'JW323', regel: 'OP090x4', href: `/api/v1/berichten/${r323.json().id}` }],
      antwoorden: [],
    });
    // a party that is neither gemeente nor aanbieder of it sees neither the bericht nor the termijn
    expect((await call(gw, 'GET', `/api/v1/berichten/${r325.json().id}`, { key: KEYS.gemeente0363 })).status).toBe(403);
    expect((await call(gw, 'GET', '/api/v1/termijnen?bericht=323', { key: KEYS.gemeente0363 })).json().items).toEqual([]);
  });

  it('a summary the tracker cannot read is skipped and logged; the queue goes on', async () => {
    const r = await post(gw, withIdentificatie(own('JW323'), 'TERM-BAD'), KEYS.aanbieder65656055);
    expect(r.status).toBe(202);
    // as if journaled by a Sluis whose summary had another shape
    await gw.db.query(`UPDATE journal SET decision_summary = '{"nummer":"323","gemeente":"0384","aanbieder":"65656055"}' WHERE id = $1`, [
      r.json().id,
    ]);
    await gw.app.termijnen.tick();
    expect((await gw.db.query('SELECT journal_id FROM termijn_todo')).rows).toEqual([]);
    expect(gw.logs.some((l) => l.includes('"event":"termijn-error"'))).toBe(true);
    const next = await post(gw, withIdentificatie(own('JW323'), 'TERM-NEXT'), KEYS.aanbieder65656055);
    await gw.app.termijnen.tick();
    expect(((await get(gw, '/api/v1/termijnen?bericht=323')).json().items as Json[]).map((t) => t.berichtId)).toContain(next.json().id);
  });
});
