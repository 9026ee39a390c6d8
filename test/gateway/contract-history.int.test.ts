/**
 * The contract registry in the store (issue 25 item 3, decision 0032), through the running gateway on
 * PGlite (a data directory, so a restart reopens it) and PostgreSQL: the file imported as version 1;
 * changes with who, when and why; a history per contract; end-dating instead of deleting; the load
 * checks on every change (problem+json listing the problems); a restart keeps everything and imports
 * the file again only when it changed; two instances on one PostgreSQL see each other's changes on
 * the next read; a replay under the registry as of an earlier moment gives the earlier decision.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import { dropSchema } from '../support/gateway.js';
import { STORES, call, startGateway, type Gateway } from './harness.js';

const OPERATOR = 'history-key-operator-0123456789abcdef';
const GEMEENTE = 'history-key-gemeente-0363-0123456789';
const AANBIEDER = 'history-key-aanbieder-41410017-012345';
const DEMO = resolve(import.meta.dirname, '../../config/demo.registry.json');
const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../samples/ijw/JW301.xml'), 'utf8');
const ID = 'DEMO-0363-JW-OG';

function parties(): PartiesConfig {
  return parsePartiesConfig(
    {
      clientKeySecret: 'history-client-key-secret-0123456789',
      parties: [
        { role: 'gemeente', code: '0363', name: 'Gemeente 0363', apiKeys: [{ id: 'g1', sha256: hashApiKey(GEMEENTE) }] },
        { role: 'aanbieder', code: '41410017', name: 'Aanbieder', apiKeys: [{ id: 'a1', sha256: hashApiKey(AANBIEDER) }] },
      ],
      operators: [{ name: 'beheer', apiKeys: [{ id: 'op1', sha256: hashApiKey(OPERATOR) }] }],
    },
    'test',
  );
}

type Json = Record<string, unknown> & { [k: string]: never | unknown };

describe.each(STORES)('durable contract registry on %s', (store) => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-contracts-'));
  const file = join(dir, 'registry.json');
  const schema = `ch_${store}_${process.pid}`;
  let now = new Date('2026-11-03T09:00:00Z');
  const clock = (): Date => now;
  let gw: Gateway;
  const start = (): Promise<Gateway> =>
    startGateway(store, {
      parties: parties(),
      clock,
      env: { SLUIS_REGISTRY: file },
      ...(store === 'postgres' ? { schema } : { dataDir: join(dir, 'data') }),
    });
  const op = (method: string, path: string, body?: unknown) =>
    call(gw, method, path, {
      key: OPERATOR,
      ...(body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : {}),
    });
  const contract = async (): Promise<Json> => (await op('GET', `/api/v1/contracten/${ID}`)).json() as Json;
  const history = async (g: Gateway = gw) =>
    (await call(g, 'GET', `/api/v1/contracten/${ID}/historie`, { key: OPERATOR })).json() as {
      versies: { versie: number; door: string; reden: string; bron: string; soort: string; vastgelegdOp: string; voor?: Json; na: Json }[];
    };

  beforeAll(async () => {
    writeFileSync(file, readFileSync(DEMO));
    gw = await start();
  });
  afterAll(async () => {
    await gw?.close();
    if (store === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the file as version 1, with who, when and why', async () => {
    const h = await history();
    expect(h.versies).toHaveLength(1);
    expect(h.versies[0]).toMatchObject({
      versie: 1,
      door: 'import',
      reden: `import ${basename(file)}`,
      bron: 'import',
      soort: 'aangemaakt',
    });
    expect(h.versies[0]!.vastgelegdOp).toBe('2026-11-03T09:00:00.000Z');
    expect(h.versies[0]!.voor).toBeUndefined();
  });

  it('a change needs a reden; an invalid change is refused with problem+json listing every problem', async () => {
    const cur = await contract();
    const noReden = await op('PUT', `/api/v1/contracten/${ID}`, { ...cur, naam: 'x' });
    expect(noReden.status).toBe(400);
    expect(noReden.json().detail).toMatch(/reden/);
    const bad = await op('PUT', `/api/v1/contracten/${ID}?reden=typo`, {
      ...cur,
      uitvoeringsvariant: 'anders',
      periode: { van: '2026-13-01', totEnMet: '2025-01-01' },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const errors = bad.json().errors as { path: string; reason: string }[];
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['$.uitvoeringsvariant']));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect((await history()).versies).toHaveLength(1);
  });

  it('a valid change is a new version with the contract before and after; a party may not read the history', async () => {
    now = new Date('2026-11-04T10:00:00Z');
    const cur = await contract();
    const r = await op('PUT', `/api/v1/contracten/${ID}?reden=${encodeURIComponent('naam volgens de deelovereenkomst')}`, {
      ...cur,
      naam: 'Jeugdhulp ambulant (nieuwe naam)',
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('sluis-registry-persisted')).toBe('true');
    const h = await history();
    expect(h.versies.map((v) => v.versie)).toEqual([2, 1]);
    expect(h.versies[0]).toMatchObject({
      door: 'operator:beheer',
      reden: 'naam volgens de deelovereenkomst',
      bron: 'api',
      soort: 'gewijzigd',
      vastgelegdOp: '2026-11-04T10:00:00.000Z',
    });
    expect(h.versies[0]!.voor!.naam).toBe(cur.naam);
    expect(h.versies[0]!.na.naam).toBe('Jeugdhulp ambulant (nieuwe naam)');
    expect((await call(gw, 'GET', `/api/v1/contracten/${ID}/historie`, { key: GEMEENTE })).status).toBe(403);
    // The same document again is no change: no new version.
    expect((await op('PUT', `/api/v1/contracten/${ID}?reden=nogmaals`, await contract())).status).toBe(200);
    expect((await history()).versies).toHaveLength(2);
  });

  it('end-dates instead of deleting; leaving a contract out of the whole registry is refused', async () => {
    const early = await op('POST', `/api/v1/contracten/${ID}/beeindiging?totEnMet=2025-12-31&reden=x`);
    expect(early.status).toBe(422);
    expect(early.json().errors[0].path).toBe('$.periode.totEnMet');
    now = new Date('2026-11-05T10:00:00Z');
    const ok = await op(
      'POST',
      `/api/v1/contracten/${ID}/beeindiging?totEnMet=2027-06-30&reden=${encodeURIComponent('contract loopt af')}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.json().periode).toEqual({ van: '2026-01-01', totEnMet: '2027-06-30' });
    expect((await history()).versies[0]).toMatchObject({ versie: 3, soort: 'beeindigd', reden: 'contract loopt af' });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { contracten: { id: string }[] };
    const without = await op('PUT', '/api/v1/contracten?reden=opschonen', {
      ...doc,
      contracten: doc.contracten.filter((c) => c.id !== ID),
    });
    expect(without.status).toBe(422);
    expect(without.json().errors[0].reason).toMatch(/end-date/);
    expect((await contract()).periode).toEqual({ van: '2026-01-01', totEnMet: '2027-06-30' });
  });

  it('a restart keeps the contract and its history; the unchanged file is not imported again, a changed one is', async () => {
    await gw.close();
    gw = await start();
    expect((await contract()).periode).toEqual({ van: '2026-01-01', totEnMet: '2027-06-30' });
    expect((await history()).versies.map((v) => v.versie)).toEqual([3, 2, 1]);
    await gw.close();
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { beschrijving: string };
    writeFileSync(file, JSON.stringify({ ...doc, beschrijving: 'changed in the file' }, null, 1));
    now = new Date('2026-11-06T08:00:00Z');
    gw = await start();
    const h = await history();
    // The file's document is the registry again (its contract has no end date); the history keeps all.
    expect(h.versies.map((v) => [v.versie, v.reden])).toEqual([
      [4, `import ${basename(file)}`],
      [3, 'contract loopt af'],
      [2, 'naam volgens de deelovereenkomst'],
      [1, `import ${basename(file)}`],
    ]);
    expect((await contract()).periode).toEqual({ van: '2026-01-01' });
  });

  it('a replay under the registry as of an earlier time gives the earlier decision', async () => {
    now = new Date('2026-11-07T09:00:00Z');
    const posted = await call(gw, 'POST', '/api/v1/berichten', { key: GEMEENTE, body: SAMPLE });
    expect(posted.status).toBe(202);
    expect(posted.json().decision.action).toBe('route');
    now = new Date('2026-11-07T10:00:00Z');
    const cur = await contract();
    const tg = await op('PUT', `/api/v1/contracten/${ID}?reden=taakgericht`, {
      ...cur,
      uitvoeringsvariant: 'taakgericht',
      profiel: 'taakgericht-minimaal',
      bekostiging: 'populatie',
    });
    expect(tg.status).toBe(200);
    now = new Date('2026-11-07T11:00:00Z');
    const sel = { from: '2026-11-07T00:00:00Z', to: '2026-11-08T00:00:00Z' };
    const today = (await op('POST', '/api/v1/replays', sel)).json();
    expect(today.counts).toMatchObject({ selected: 1, changed: 1 });
    expect(today.registry).toBeUndefined();
    const earlier = await op('POST', '/api/v1/replays', { ...sel, registryAsOf: '2026-11-07T09:30:00Z' });
    expect(earlier.status).toBe(200);
    expect(earlier.json().counts).toMatchObject({ selected: 1, unchanged: 1, changed: 0 });
    expect(earlier.json().registry).toEqual({ asOf: '2026-11-07T09:30:00.000Z', versie: 4 });
    const before = await op('POST', '/api/v1/replays', { ...sel, registryAsOf: '2020-01-01T00:00:00Z' });
    expect(before.status).toBe(400);
    expect(before.json().option).toBe('registryAsOf');
  });
});

describe('two instances on one PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-contracts-2-'));
  const file = join(dir, 'registry.json');
  const schema = `ch_two_${process.pid}`;
  const gws: Gateway[] = [];
  const start = async (): Promise<Gateway> => {
    const g = await startGateway('postgres', { parties: parties(), env: { SLUIS_REGISTRY: file }, schema });
    gws.push(g);
    return g;
  };
  afterAll(async () => {
    for (const g of gws) await g.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('see each other’s changes on the next read; the file is imported once', async () => {
    writeFileSync(file, readFileSync(DEMO));
    const a = await start();
    const b = await start();
    const put = (g: Gateway, naam: string, reden: string, cur: Json) =>
      call(g, 'PUT', `/api/v1/contracten/${ID}?reden=${encodeURIComponent(reden)}`, {
        key: OPERATOR,
        body: JSON.stringify({ ...cur, naam }),
        contentType: 'application/json',
      });
    const get = async (g: Gateway): Promise<Json> => (await call(g, 'GET', `/api/v1/contracten/${ID}`, { key: OPERATOR })).json() as Json;
    const versies = async (g: Gateway) =>
      ((await call(g, 'GET', `/api/v1/contracten/${ID}/historie`, { key: OPERATOR })).json() as { versies: { reden: string }[] }).versies;
    expect((await versies(b)).map((v) => v.reden)).toEqual([`import ${basename(file)}`]);
    expect((await put(b, 'set by B', 'via instance B', await get(a))).status).toBe(200);
    expect((await get(a)).naam).toBe('set by B');
    expect((await put(a, 'set by A', 'via instance A', await get(a))).status).toBe(200);
    expect((await get(b)).naam).toBe('set by A');
    expect((await versies(b)).map((v) => v.reden)).toEqual(['via instance A', 'via instance B', `import ${basename(file)}`]);
  });
});
