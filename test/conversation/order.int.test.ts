/**
 * One client's berichten are judged in order (docs/decisions/0024-conversation-order.md): posted
 * concurrently — to one gateway, or alternately to two gateways on one PostgreSQL — they get exactly
 * the verdicts they get posted one after the other. TR326 (a second start on a running product) and
 * TR333 (a DeclaratieNummer used twice, aanbieder-wide) are the probes: whichever bericht is judged
 * first passes, every later one carries the finding.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, dropSchema, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';

/** Europe/Amsterdam: 1 December 2026 (every sample's Dagtekening is in November 2026). */
const NOW = new Date('2026-12-01T10:00:00Z');
const N = 4;

let seq = 0;
const ident = (tag: string): string => `${tag}${(seq++).toString(36)}`.slice(0, 12);
const toewijzing = (tag: string, bsn: string): string => bericht({ id: 'JW301', identificatie: ident(tag), bsn });
const start = (tag: string, bsn: string): string => bericht({ id: 'JW305', identificatie: ident(tag), bsn });
const declaratie = (tag: string, bsn: string, nummer: string): string =>
  bericht({ id: 'JW323', identificatie: ident(tag), bsn, moreBsns: [testBsn(8999)] }).replace(
    /(<[\w]+:DeclaratieNummer>)[^<]*(<)/,
    `$1${nummer}$2`,
  );

let other = 900_000_000;
/** A 301 to `aanbieder` whose first ToewijzingNummer is `nummer` (its other lines numbers of their own). */
const toewijzingNr = (tag: string, bsn: string, aanbieder: string, nummer: string): string => {
  let first = true;
  return bericht({ id: 'JW301', identificatie: ident(tag), bsn, aanbieder }).replace(
    /(<[\w]+:ToewijzingNummer>)[^<]*(<)/g,
    (_m, a: string, c: string) => `${a}${first ? ((first = false), nummer) : String(other++)}${c}`,
  );
};

/** Whether the receipt carries a finding of `rule` (advise: the action stays route). */
function finds(res: { status: number; text: string; json: () => Json }, rule: string): boolean {
  expect(res.status, res.text).toBe(202);
  const d = res.json().decision;
  expect(d.action).toBe('route');
  return d.reasons.some((r: { rule: string }) => r.rule === rule);
}

const sorted = (xs: boolean[]): boolean[] => [...xs].sort();

describe.each(STORES)('one instance on %s: concurrent berichten of one client get the verdicts of serial posting', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it(`TR326: ${N} starts on one toewijzing, posted at once`, async () => {
    const serialBsn = testBsn(8100);
    expect(finds(await post(gw, toewijzing('OS', serialBsn), KEYS.gemeente0384), 'TR326')).toBe(false);
    const serial: boolean[] = [];
    for (let i = 0; i < N; i++) serial.push(finds(await post(gw, start('OS', serialBsn), KEYS.aanbieder42420001), 'TR326'));
    expect(serial).toEqual([false, ...Array<boolean>(N - 1).fill(true)]);

    const bsn = testBsn(8101);
    await post(gw, toewijzing('OC', bsn), KEYS.gemeente0384);
    const xs = Array.from({ length: N }, () => start('OC', bsn));
    const concurrent = await Promise.all(xs.map((x) => post(gw, x, KEYS.aanbieder42420001)));
    expect(sorted(concurrent.map((r) => finds(r, 'TR326')))).toEqual(sorted(serial));
  });

  it('TR332: one ToewijzingNummer to two aanbieders for two clients, posted at once (keyed by gemeente, not by client)', async () => {
    const nummer = String(700_000_000 + Math.floor(Math.random() * 99_999_999));
    const xs = [toewijzingNr('ON', testBsn(8110), '42420001', nummer), toewijzingNr('ON', testBsn(8111), '65656055', nummer)];
    const concurrent = await Promise.all(xs.map((x) => post(gw, x, KEYS.gemeente0384)));
    expect(sorted(concurrent.map((r) => finds(r, 'TR332')))).toEqual([false, true]);
  });

  it('TR333: two declaraties with one DeclaratieNummer, posted at once', async () => {
    const nummer = `ORD${randomBytes(3).toString('hex')}`;
    const xs = [declaratie('OD', testBsn(8102), nummer), declaratie('OD', testBsn(8103), nummer)];
    const concurrent = await Promise.all(xs.map((x) => post(gw, x, KEYS.aanbieder42420001)));
    expect(sorted(concurrent.map((r) => finds(r, 'TR333')))).toEqual([false, true]);
  });
});

describe('two instances on one PostgreSQL: one client alternately at each', () => {
  const schema = `gw_${randomBytes(6).toString('hex')}`;
  let a: Gateway;
  let b: Gateway;
  beforeAll(async () => {
    // One after the other: the second finds the schema migrated.
    a = await startGateway('postgres', { clock: () => NOW, schema });
    b = await startGateway('postgres', { clock: () => NOW, schema });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  it(`TR326: ${N} starts posted at once, alternately to each instance, get the verdicts of serial posting`, async () => {
    for (let round = 0; round < 3; round++) {
      const bsn = testBsn(8200 + round);
      await post(a, toewijzing('TI', bsn), KEYS.gemeente0384);
      const xs = Array.from({ length: N }, () => start('TI', bsn));
      const res = await Promise.all(xs.map((x, i) => post(i % 2 === 0 ? a : b, x, KEYS.aanbieder42420001)));
      expect(sorted(res.map((r) => finds(r, 'TR326')))).toEqual(sorted([false, ...Array<boolean>(N - 1).fill(true)]));
    }
  });

  it('TR332: one ToewijzingNummer for two aanbieders at both instances at once: exactly one passes', async () => {
    for (let round = 0; round < 3; round++) {
      const nummer = String(800_000_000 + round * 1000 + Math.floor(Math.random() * 999));
      const [ra, rb] = await Promise.all([
        post(a, toewijzingNr('TN', testBsn(8220 + round), '42420001', nummer), KEYS.gemeente0384),
        post(b, toewijzingNr('TN', testBsn(8230 + round), '65656055', nummer), KEYS.gemeente0384),
      ]);
      expect(sorted([finds(ra, 'TR332'), finds(rb, 'TR332')])).toEqual([false, true]);
    }
  });

  it('TR333: one DeclaratieNummer at both instances at once: exactly one passes', async () => {
    for (let round = 0; round < 3; round++) {
      const nummer = `ORD${randomBytes(3).toString('hex')}`;
      const [ra, rb] = await Promise.all([
        post(a, declaratie('TD', testBsn(8211), nummer), KEYS.aanbieder42420001),
        post(b, declaratie('TD', testBsn(8212), nummer), KEYS.aanbieder42420001),
      ]);
      expect(sorted([finds(ra, 'TR333'), finds(rb, 'TR333')])).toEqual([false, true]);
    }
  });
});

describe('SLUIS_CONVERSATION=off', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite', { clock: () => NOW, env: { SLUIS_CONVERSATION: 'off' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('runs no conversation rule: a second start on a running product carries no TR326 (nor any finding)', async () => {
    const bsn = testBsn(8500);
    await post(gw, toewijzing('OF', bsn), KEYS.gemeente0384);
    const first = await post(gw, start('OF', bsn), KEYS.aanbieder42420001);
    const second = await post(gw, start('OF', bsn), KEYS.aanbieder42420001);
    expect(finds(first, 'TR326')).toBe(false);
    expect(finds(second, 'TR326')).toBe(false);
    expect(second.json().decision.tags ?? []).not.toContain('conversatie');
  });
});
