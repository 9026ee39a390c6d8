import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BERICHT_NUMMERS } from '../standard/model.js';
import { MESSAGES } from '../standard/generated/model.js';
import { parseBericht } from '../validation/parse.js';
import { summarize, type BerichtSummary } from './summary.js';

const SAMPLES = join(import.meta.dirname, '../../samples');

function sample(std: 'ijw' | 'iwmo', nummer: string): BerichtSummary {
  const file = join(SAMPLES, std, `${std === 'ijw' ? 'JW' : 'WMO'}${nummer}.xml`);
  const r = parseBericht(readFileSync(file));
  if (!r.success) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return summarize(r.message, r.bericht);
}

const BSN = /\b9999\d{5}\b/;

describe('summarize', () => {
  it('summarizes every sample of both standards without a BSN or a name', () => {
    for (const std of ['ijw', 'iwmo'] as const) {
      for (const n of BERICHT_NUMMERS) {
        const s = sample(std, n);
        expect(s.nummer).toBe(n);
        expect(s.standard).toBe(std);
        const text = JSON.stringify(s);
        expect(text).not.toMatch(BSN);
        expect(text).not.toMatch(/Geslachtsnaam|Achternaam|Postcode|Bsn/);
        expect(s.gemeente).toMatch(/^\d{4}$/);
        expect(s.aanbieder).toMatch(/^\d{8}$/);
      }
    }
  });

  it('takes the selecting date of each message kind (PRODUCT §3)', () => {
    const s301 = sample('ijw', '301');
    expect(s301.verzender).toBe('gemeente');
    expect(s301.items.map((i) => i.kind)).toEqual(s301.items.map(() => 'ToegewezenProduct'));
    expect(s301.items[0]).toMatchObject({ path: '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]', datum: '2026-11-01' });
    const s305 = sample('ijw', '305');
    expect(s305.verzender).toBe('aanbieder');
    expect(s305.items[0]!.kind).toBe('StartProduct');
    expect(s305.items.every((i) => i.datum !== undefined)).toBe(true);
    const s315 = sample('ijw', '315');
    expect(s315.items[0]).toMatchObject({ kind: 'AangevraagdProduct', categorie: '45' });
    expect(s315.items[0]!.referentieAanbieder).toBeDefined();
    const s323 = sample('ijw', '323');
    expect(s323.items.length).toBeGreaterThan(1);
    for (const p of s323.items) {
      expect(p.kind).toBe('Prestatie');
      expect(p.productReferentie).toBeDefined();
      expect(p.path).toMatch(/^\/Bericht\/Declaratie\/Clienten\/Client\[\d+\]\/Prestaties\/Prestatie\[\d+\]$/);
      expect(p.datum).toMatch(/^\d{4}-\d{2}-01$/);
    }
    expect(s323.items.map((p) => p.index)).toEqual(s323.items.map((_, i) => i + 1));
    expect(s323.declaratieNummer).toBeDefined();
  });

  it('points retours and 325 to their heenbericht', () => {
    const s302 = sample('ijw', '302');
    expect(s302.verzender).toBe('aanbieder');
    expect(s302.heen).toMatchObject({ nummer: '301', afzender: s302.gemeente });
    expect(s302.identificatie).not.toBe(s302.heen!.identificatie); // IdentificatieRetour, not the heen's
    const s325 = sample('ijw', '325');
    expect(s325.heen).toMatchObject({ nummer: '323', afzender: s325.aanbieder });
    const s320 = sample('ijw', '320');
    expect(s320.heen?.nummer).toBe('319');
    expect(s320.antwoord?.referentieAanbieder).toBeDefined();
  });

  it('carries the 319 answer, with the woonplaats gemeente for iJw', () => {
    const s = sample('ijw', '319');
    expect(s.antwoord).toBeDefined();
    expect(s.items).toEqual([]);
    const wmo = sample('iwmo', '319');
    expect(wmo.antwoord?.woonplaatsGemeente).toBeUndefined();
  });

  it('knows all 28 messages', () => {
    expect(Object.keys(MESSAGES)).toHaveLength(28);
  });
});
