import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContractenHandlers, registryHolder, type Party } from './handlers.js';
import { createRegistryChecker } from './registry.js';
import type { RegistryDocument } from './types.js';

const checker = createRegistryChecker();
const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures/region.registry.json'), 'utf8')) as RegistryDocument;
const OPERATOR: Party = { role: 'operator' };

function setup(persist?: (d: RegistryDocument) => Promise<void>) {
  const r = checker.check(doc, 'fixture');
  if (!r.ok) throw new Error('fixture');
  const holder = registryHolder(r.registry, persist);
  return { holder, h: createContractenHandlers({ checker, ...holder }) };
}

describe('/api/v1/contracten handlers', () => {
  it('lists what a party may see, with filters', async () => {
    const { h } = setup();
    const all = await h.list({ method: 'GET', params: {}, party: OPERATOR });
    expect(all.status).toBe(200);
    expect((all.body as { contracten: unknown[] }).contracten).toHaveLength(4);
    const onder = await h.list({ method: 'GET', params: {}, party: { role: 'aanbieder', code: '33330002' } });
    expect((onder.body as { contracten: { id: string }[] }).contracten.map((c) => c.id)).toEqual(['LEK-JW-INTEGRAAL-TG']);
    const stranger = await h.list({ method: 'GET', params: {}, party: { role: 'gemeente', code: '0344' } });
    expect((stranger.body as { contracten: unknown[] }).contracten).toEqual([]);
    const in2027 = await h.list({ method: 'GET', params: { peildatum: '2027-02-01' }, party: { role: 'aanbieder', code: '44440001' } });
    expect((in2027.body as { contracten: { id: string }[] }).contracten.map((c) => c.id)).toEqual(['LEK-JW-VERBLIJF-2027']);
    expect((await h.list({ method: 'GET', params: { peildatum: 'morgen' }, party: OPERATOR })).status).toBe(400);
  });

  it('gets one contract, 404 when unknown or not visible', async () => {
    const { h } = setup();
    expect((await h.get({ method: 'GET', params: { id: 'LEK-JW-AMBULANT-OG' }, party: { role: 'gemeente', code: '0321' } })).status).toBe(
      200,
    );
    const nf = await h.get({ method: 'GET', params: { id: 'LEK-JW-AMBULANT-OG' }, party: { role: 'gemeente', code: '0344' } });
    expect(nf).toMatchObject({ status: 404, headers: { 'content-type': 'application/problem+json' } });
  });

  it('replaces a contract after checking the whole registry; refuses overlaps naming both', async () => {
    const persisted: RegistryDocument[] = [];
    const { h, holder } = setup(async (d) => {
      persisted.push(d);
    });
    const tg = doc.contracten.find((c) => c.id === 'LEK-JW-INTEGRAAL-TG')!;
    const ok = await h.put({
      method: 'PUT',
      params: { id: tg.id },
      body: { ...tg, profiel: 'taakgericht-stelselindicatoren' },
      party: OPERATOR,
    });
    expect(ok.status).toBe(200);
    expect(holder.current().byId.get(tg.id)?.profiel).toBe('taakgericht-stelselindicatoren');
    expect(persisted).toHaveLength(1);

    const created = await h.put({
      method: 'PUT',
      params: { id: 'NIEUW-1' },
      body: {
        wet: 'Wmo',
        gemeenten: ['0321'],
        opdrachtnemer: { agb: '12345678' },
        periode: { van: '2026-01-01' },
        uitvoeringsvariant: 'outputgericht',
        bekostiging: 'PxQ',
      },
      party: OPERATOR,
    });
    expect(created.status).toBe(201);
    expect(holder.current().contracten).toHaveLength(5);

    const v26 = doc.contracten.find((c) => c.id === 'LEK-JW-VERBLIJF-2026')!;
    const overlap = await h.put({
      method: 'PUT',
      params: { id: v26.id },
      body: { ...v26, periode: { van: '2026-01-01' } },
      party: OPERATOR,
    });
    expect(overlap.status).toBe(422);
    const detail = JSON.stringify(overlap.body);
    expect(detail).toContain('LEK-JW-VERBLIJF-2026');
    expect(detail).toContain('LEK-JW-VERBLIJF-2027');
    expect(holder.current().byId.get(v26.id)?.periode.totEnMet).toBe('2026-12-31');

    const bad = await h.put({
      method: 'PUT',
      params: { id: v26.id },
      body: { ...v26, uitvoeringsvariant: 'resultaatgericht' },
      party: OPERATOR,
    });
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: { path: string }[] }).errors[0]!.path).toBe('$.uitvoeringsvariant');
  });

  it('allows only operators to write; validates the body', async () => {
    const { h } = setup();
    expect((await h.put({ method: 'PUT', params: { id: 'X' }, body: {}, party: { role: 'gemeente', code: '0321' } })).status).toBe(403);
    expect((await h.put({ method: 'PUT', params: { id: 'X' }, body: 'text', party: OPERATOR })).status).toBe(400);
    expect((await h.put({ method: 'PUT', params: { id: 'X' }, body: { id: 'Y' }, party: OPERATOR })).status).toBe(422);
    expect((await h.putAll({ method: 'PUT', params: {}, body: { versie: 2, contracten: [] }, party: OPERATOR })).status).toBe(422);
    // A contract is end-dated, never left out (decision 0032).
    const empty = await h.putAll({ method: 'PUT', params: {}, body: { versie: 1, contracten: [] }, party: OPERATOR });
    expect(empty.status).toBe(422);
    expect((empty.body as { errors: { reason: string }[] }).errors[0]!.reason).toMatch(/end-date/);
    expect((await h.putAll({ method: 'PUT', params: {}, body: { ...doc, beschrijving: 'b' }, party: OPERATOR })).status).toBe(200);
  });

  it('keeps the old registry when persisting fails', async () => {
    const { h, holder } = setup(async () => {
      throw new Error('disk full');
    });
    const before = holder.current();
    const r = await h.putAll({ method: 'PUT', params: {}, body: { ...doc, beschrijving: 'b' }, party: OPERATOR });
    expect(r.status).toBe(500);
    expect(holder.current()).toBe(before);
  });

  it('with a history: a change needs a reden, which reaches replace with who and the route; end-dating; the history is for operators', async () => {
    const r = checker.check(doc, 'fixture');
    if (!r.ok) throw new Error('fixture');
    const holder = registryHolder(r.registry);
    const changes: unknown[] = [];
    const h = createContractenHandlers({
      checker,
      current: holder.current,
      replace: async (next, change) => {
        changes.push(change);
        await holder.replace(next);
      },
      history: async () => [],
    });
    const me: Party = { role: 'operator', name: 'beheer', keyId: 'k1' };
    const id = doc.contracten[0]!.id;
    expect((await h.endDate({ method: 'POST', params: { id, totEnMet: '2030-01-01' }, party: me })).status).toBe(400);
    const ok = await h.endDate({ method: 'POST', params: { id, totEnMet: '2030-01-01', reden: 'loopt af' }, party: me, via: 'console' });
    expect(ok.status).toBe(200);
    expect(changes).toEqual([{ door: 'operator:beheer', sleutel: 'k1', reden: 'loopt af', bron: 'console' }]);
    expect(holder.current().byId.get(id)!.periode.totEnMet).toBe('2030-01-01');
    expect((await h.endDate({ method: 'POST', params: { id: 'nope', totEnMet: '2030-01-01', reden: 'x' }, party: me })).status).toBe(404);
    expect((await h.history({ method: 'GET', params: { id }, party: { role: 'gemeente', code: '0321' } })).status).toBe(403);
    expect((await h.history({ method: 'GET', params: { id }, party: me })).status).toBe(200);
  });
});
