import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBericht } from '../validation/parse.js';
import { TypedObjectValidator } from './json-schemas.js';

const DIR = new URL('../../../shared/istandaarden/samples/ijw/', import.meta.url);

describe('generated JSON Schemas of typed objects', () => {
  const v = new TypedObjectValidator();
  const parsed = readdirSync(DIR)
    .map((f) => parseBericht(readFileSync(new URL(f, DIR))))
    .filter((p) => p.success);

  it('accept what the parser produces for every valid sample', () => {
    expect(parsed.length).toBeGreaterThanOrEqual(12);
    for (const p of parsed) if (p.success) expect(v.validate(p.message, p.bericht), p.message.id).toEqual([]);
  });

  it('reject a wrong code, an amount as text, an unknown property and a missing element, with paths', () => {
    const p = parsed.find((x) => x.success && x.message.id === 'JW323');
    if (!p?.success) throw new Error('JW323 sample missing');
    const b = structuredClone(p.bericht) as { Header: Record<string, unknown>; Declaratie: Record<string, unknown> };
    b.Header.BerichtCode = '436';
    (b.Declaratie.TotaalIngediendBedrag as Record<string, unknown>).TotaalBedrag = '79000';
    b.Declaratie.Extra = 'x';
    delete b.Declaratie.DeclaratieNummer;
    const paths = v.validate(p.message, b).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/Header/BerichtCode', '/Declaratie/TotaalIngediendBedrag/TotaalBedrag', '/Declaratie']));
  });
});
