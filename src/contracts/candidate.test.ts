import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateRegistry } from './candidate.js';
import { createRegistryChecker } from './registry.js';

const checker = createRegistryChecker();
const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../config/demo.registry.json'), 'utf8'));
const check = checker.check(doc, 'demo');
if (!check.ok) throw new Error('demo registry invalid');
const current = check.registry;

describe('candidateRegistry', () => {
  it('replaces one contract and checks the whole registry, leaving the one in force alone', () => {
    const tg = current.byId.get('DEMO-0363-JW-INTEGRAAL-TG')!;
    const r = candidateRegistry(current, tg.id, { ...tg, naam: 'renamed' }, checker);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.created).toBe(false);
      expect(r.registry.byId.get(tg.id)!.naam).toBe('renamed');
    }
    expect(current.byId.get(tg.id)!.naam).not.toBe('renamed');
  });

  it('names what is wrong relative to the contract, and refuses another id', () => {
    const tg = current.byId.get('DEMO-0363-JW-INTEGRAAL-TG')!;
    const bad = candidateRegistry(current, tg.id, { ...tg, periode: { van: 'gisteren' } }, checker);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.some((e) => e.path.startsWith('$.periode'))).toBe(true);
    const other = candidateRegistry(current, tg.id, { ...tg, id: 'X' }, checker);
    expect(other).toEqual({ ok: false, errors: [{ path: '$.id', reason: 'must equal the id of the contract being edited' }] });
    expect(candidateRegistry(current, tg.id, [], checker).ok).toBe(false);
  });
});
