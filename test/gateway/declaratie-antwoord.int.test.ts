/**
 * IV087 through the running gateway, on PGlite and PostgreSQL: a 323 that an in-message rule (L2)
 * rejects is answered with a 325 declaratie-antwoord carrying RetourCode 0001 in its header — stored
 * as the bericht's retour, waiting in the sender's postbus and served by GET …/retour.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBericht } from '../../src/validation/parse.js';
import { KEYS, STORES, call, post, sample, startGateway, withIdentificatie, type Gateway } from './harness.js';

type Obj = Record<string, unknown>;

/** The published JW323, and the repository's WMO323, with TotaalIngediendBedrag one cent off (TR358). */
const BAD_323 = {
  ijw: (): string => sample('JW323').replace('<ijw:TotaalBedrag>79000<', '<ijw:TotaalBedrag>79001<'),
  iwmo: (): string =>
    readFileSync('samples/iwmo/WMO323.xml', 'utf8')
      .replace('<wmo323:Afzender>75750042<', '<wmo323:Afzender>42420001<')
      .replace('<wmo323:Ontvanger>0344<', '<wmo323:Ontvanger>0363<')
      .replace('<iwmo:TotaalBedrag>217790<', '<iwmo:TotaalBedrag>217791<'),
};

describe.each(STORES)('a rejected 323 gets its 325 (IV087) on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('iJw: an L2-invalid 323 is afgekeurd and answered with a JW325 with RetourCode 0001, in the sender’s postbus', async () => {
    const xml = withIdentificatie(BAD_323.ijw(), 'DECL-L2-1');
    expect(xml).toContain('79001');
    const r = await post(gw, xml, KEYS.aanbieder65656055);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.status).toBe('afgekeurd');
    expect(b.issues.map((i: { rule: string }) => i.rule)).toContain('TR358');
    expect(b.issues.every((i: { level: string }) => i.level === 'L2')).toBe(true);

    const p = parseBericht(b.retour as string);
    if (!p.success) throw new Error(JSON.stringify(p.issues));
    expect(p.message.id).toBe('JW325');
    const h = p.bericht['Header'] as Obj;
    expect(h['RetourCodes']).toEqual({ RetourCode: ['0001'] });
    expect(h['Afzender']).toBe('0384');
    expect(h['Ontvanger']).toBe('65656055');
    expect((h['DeclaratieIdentificatie'] as Obj)['Identificatie']).toBe('DECL-L2-1');
    expect(p.bericht['DeclaratieAntwoord']).toBeUndefined();

    const later = await call(gw, 'GET', `/api/v1/berichten/${b.id}/retour`, { key: KEYS.aanbieder65656055 });
    expect(later.status).toBe(200);
    expect(later.text).toBe(b.retour);
    const pb = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder65656055 })).json();
    expect(pb.items.find((i: { id: string }) => i.id === b.id)).toMatchObject({ kind: 'retour' });
    // not delivered to the gemeente
    const gemeente = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0384 })).json();
    expect(gemeente.items.map((i: { id: string }) => i.id)).not.toContain(b.id);
  });

  it('iWmo: the same with a WMO325', async () => {
    const xml = withIdentificatie(BAD_323.iwmo(), 'DECL-L2-2');
    expect(xml).toContain('217791');
    const r = await post(gw, xml, KEYS.aanbieder42420001);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.status).toBe('afgekeurd');
    expect(b.issues.map((i: { rule: string }) => i.rule)).toContain('TR358');
    const p = parseBericht(b.retour as string);
    if (!p.success) throw new Error(JSON.stringify(p.issues));
    expect(p.message.id).toBe('WMO325');
    const h = p.bericht['Header'] as Obj;
    expect(h['RetourCodes']).toEqual({ RetourCode: ['0001'] });
    expect(h['Afzender']).toBe('0363');
    expect(h['Ontvanger']).toBe('42420001');
    const later = await call(gw, 'GET', `/api/v1/berichten/${b.id}/retour`, { key: KEYS.aanbieder42420001 });
    expect(later.text).toBe(b.retour);
  });
});
