/**
 * The access log of personal data (issue 25 item 6, decision 0033) through the running gateway on
 * PGlite and PostgreSQL: each read route (a bericht, its XML, its retour, a search result) leaves one
 * row with who, when, what and the route; a refused read leaves none; operators search it over the
 * API and `sluis toegangslog`, a party may not; the table refuses UPDATE and DELETE; no BSN in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { KEYS, PG_URL, STORES, call, post, sample, testBsns, withBsn, withIdentificatie, type Gateway, startGateway } from './harness.js';

describe.each(STORES)('access log on %s', (store) => {
  let gw: Gateway;
  let now = new Date('2026-11-03T09:00:00Z');
  const bsn = testBsns(1, 999_912_000)[0]!;
  let heen = '';
  let afgekeurd = '';
  const log = async (query: string, key: string = KEYS.operator) => call(gw, 'GET', `/api/v1/toegangslog${query}`, { key });

  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => now });
    const xml = withBsn(withIdentificatie(sample('JW301'), 'TLOG1'), bsn);
    heen = (await post(gw, xml, KEYS.gemeente0384)).json().id;
    // The same BerichtIdentificatie with other content: TR056, Sluis makes a retour.
    const c = (await post(gw, xml.replace('Commentaar client', 'Ander commentaar'), KEYS.gemeente0384)).json();
    expect(c.status).toBe('afgekeurd');
    afgekeurd = c.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('records each read route with who, when, what and the route', async () => {
    now = new Date('2026-11-03T10:00:00Z');
    expect((await call(gw, 'GET', `/api/v1/berichten/${heen}`, { key: KEYS.operator })).status).toBe(200);
    now = new Date('2026-11-03T10:01:00Z');
    expect((await call(gw, 'GET', `/api/v1/berichten/${heen}/xml`, { key: KEYS.aanbieder42420001 })).status).toBe(200);
    expect((await call(gw, 'GET', `/api/v1/berichten/${afgekeurd}/retour`, { key: KEYS.gemeente0384 })).status).toBe(200);
    const listed = (await call(gw, 'GET', '/api/v1/berichten?limit=10', { key: KEYS.gemeente0384 })).json().items as { id: string }[];
    expect(listed.map((i) => i.id)).toEqual(expect.arrayContaining([heen, afgekeurd]));

    const items = (await log('?limit=100')).json().items as Record<string, string>[];
    const strip = ({ seq: _s, ...rest }: Record<string, string>) => rest;
    expect(items.filter((i) => i.lezing !== 'lijst').map(strip)).toEqual([
      {
        gelezenOp: '2026-11-03T10:01:00.000Z',
        actorSoort: 'gemeente',
        actor: '0384',
        sleutel: 't',
        route: 'api',
        lezing: 'retour',
        berichtId: afgekeurd,
      },
      {
        gelezenOp: '2026-11-03T10:01:00.000Z',
        actorSoort: 'aanbieder',
        actor: '42420001',
        sleutel: 't',
        route: 'api',
        lezing: 'xml',
        berichtId: heen,
      },
      {
        gelezenOp: '2026-11-03T10:00:00.000Z',
        actorSoort: 'operator',
        actor: 'beheer',
        sleutel: 't',
        route: 'api',
        lezing: 'bericht',
        berichtId: heen,
      },
    ]);
    const lijst = items.filter((i) => i.lezing === 'lijst');
    expect(lijst.map((i) => i.berichtId).sort()).toEqual(listed.map((i) => i.id).sort());
    expect(new Set(lijst.map((i) => i.actor))).toEqual(new Set(['0384']));
  });

  it('a refused or missing read is not a read; filters work; a party may not read the log', async () => {
    const before = (await log('?limit=1000')).json().items.length as number;
    expect((await call(gw, 'GET', `/api/v1/berichten/${heen}`, { key: KEYS.aanbieder65656055 })).status).toBe(403);
    expect((await call(gw, 'GET', `/api/v1/berichten/${heen}/xml`, { key: KEYS.gemeente0363 })).status).toBe(403);
    expect((await call(gw, 'GET', `/api/v1/berichten/${heen}/retour`, { key: KEYS.gemeente0384 })).status).toBe(404);
    expect((await call(gw, 'GET', '/api/v1/berichten/01ARZ3NDEKTSV4RRFFQ69G5FAV', { key: KEYS.operator })).status).toBe(404);
    expect((await log('?limit=1000')).json().items.length).toBe(before);

    const mine = (await log(`?bericht=${heen}&lezing=xml`)).json().items as { actor: string }[];
    expect(mine.map((i) => i.actor)).toEqual(['42420001']);
    expect((await log('?actor=beheer&route=api')).json().items.every((i: { actor: string }) => i.actor === 'beheer')).toBe(true);
    expect((await log('?from=2026-11-03T10:00:30Z&lezing=bericht')).json().items).toEqual([]);
    expect((await log('?route=fax')).status).toBe(400);
    expect((await log('?onbekend=1')).status).toBe(400);
    const party = await log('', KEYS.gemeente0384);
    expect(party.status).toBe(403);
    expect(party.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await call(gw, 'GET', '/api/v1/toegangslog')).status).toBe(401);
  });

  it('no BSN in it; UPDATE and DELETE are refused by the database', async () => {
    const all = await gw.db.query<{ t: string }>('SELECT t::text AS t FROM toegangslog t');
    expect(all.rows.length).toBeGreaterThan(0);
    for (const r of all.rows) expect(r.t).not.toContain(bsn);
    await expect(gw.db.query(`UPDATE toegangslog SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(gw.db.query('DELETE FROM toegangslog')).rejects.toThrow(/append-only/);
  });

  it.each(store === 'postgres' ? ['sluis toegangslog'] : [])('%s searches the same log (PostgreSQL)', async () => {
    const env = { DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${gw.schema}`)}` };
    const json = await runCli(['toegangslog', '--json', '--bericht', heen, '--lezing', 'xml'], { env });
    expect(json.code, json.stderr).toBe(0);
    const rows = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { actor: string; route: string });
    expect(rows).toEqual([expect.objectContaining({ actor: '42420001', route: 'api', lezing: 'xml', berichtId: heen })]);
    const table = await runCli(['toegangslog', '--actor', 'beheer'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^seq +gelezen op +soort +actor/);
    expect(table.stdout).toContain(heen);
    expect((await runCli(['toegangslog', '--route', 'fax'], { env })).code).toBe(2);
  });
});
