/**
 * The README walk-through works for every sample: each valid sample's header parties are demo parties
 * whose published key (`demo-<role>-<code>`, config/demo.parties.json) authenticates as that party, and
 * no invalid sample shares its (Afzender, BerichtCode, Identificatie) with a valid one (posted after it,
 * it would be answered as a TR056 duplicate instead of showing its own defect).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticate, loadPartiesConfig } from '../src/config/parties.js';

const ROOT = resolve(import.meta.dirname, '..');
const demo = loadPartiesConfig(join(ROOT, 'config/demo.parties.json'));

function headerOf(file: string): { afzender: string; ontvanger: string; code: string; identificatie: string } {
  const xml = readFileSync(file, 'utf8');
  const field = (name: string): string => new RegExp(`<\\w+:${name}>([^<]*)<`).exec(xml)![1]!;
  return { afzender: field('Afzender'), ontvanger: field('Ontvanger'), code: field('BerichtCode'), identificatie: field('Identificatie') };
}
const files = (dir: string): string[] => readdirSync(join(ROOT, 'samples', dir)).map((f) => join(ROOT, 'samples', dir, f));

describe('samples/ and the demo config', () => {
  it('every valid sample is between demo parties, each reachable with its published demo key', () => {
    for (const f of [...files('ijw'), ...files('iwmo')]) {
      const h = headerOf(f);
      for (const code of [h.afzender, h.ontvanger]) {
        const role = code.length === 4 ? 'gemeente' : 'aanbieder';
        expect(authenticate(demo, `Bearer demo-${role}-${code}`), `${f}: ${code}`).toMatchObject({ kind: 'party', party: { role, code } });
      }
    }
  });

  it('no invalid sample shares its Identificatie with a valid one', () => {
    const key = (f: string): string => {
      const h = headerOf(f);
      return `${h.code}|${h.identificatie}`;
    };
    const valid = new Set([...files('ijw'), ...files('iwmo')].map(key));
    for (const f of files('invalid')) expect(valid.has(key(f)), f).toBe(false);
  });
});
