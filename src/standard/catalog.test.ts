import { describe, expect, it } from 'vitest';
import { resolvePath } from './access.js';
import { BERICHT_NUMMERS, CATALOG, HEEN_VAN, RETOUR_VAN, VERZENDER, messageDef, type BerichtEntry } from './catalog.js';
import { MESSAGES } from './generated/model.js';
import { STANDARDS, berichtId, type Standard } from './model.js';

/** Every path the entry names, as [context path from the root, path below it, only-in-standard]. */
function paths(e: BerichtEntry): [string, string, Standard | undefined][] {
  const out: [string, string, Standard | undefined][] = [];
  const add = (ctx: string, p: string | undefined, alleen?: Standard): void => {
    if (p !== undefined) out.push([ctx, p, alleen]);
  };
  add('', e.identificatie.identificatie);
  add('', e.identificatie.dagtekening);
  if (e.heen) {
    add('', e.heen.identificatie.identificatie);
    add('', e.heen.identificatie.dagtekening);
    add('', e.heen.afzender);
  }
  for (const k of e.items) {
    add('', k.pad);
    add(k.pad, k.datum);
    for (const p of Object.values(k.velden)) add(k.pad, p);
  }
  for (const s of e.sleutels) {
    add('', s.pad, s.alleen);
    for (const p of s.sleutel) add(s.pad, p, s.alleen);
  }
  add('', e.velden.verzoekReferentie);
  add('', e.velden.declaratieNummer);
  const a = e.velden.antwoord;
  if (a) {
    add('', a.pad);
    add(a.pad, a.referentieAanbieder);
    add(a.pad, a.verzoekAntwoord);
    add(a.pad, a.redenAfwijzingVerzoek);
    add(a.pad, a.woonplaatsGemeente.pad, a.woonplaatsGemeente.alleen);
  }
  return out;
}

describe('the message catalog', () => {
  it('has one entry per message number, keyed by its own number', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...BERICHT_NUMMERS].sort());
    for (const n of BERICHT_NUMMERS) expect(CATALOG[n].nummer).toBe(n);
  });

  it('names only element paths the generated model has, for both standards', () => {
    for (const n of BERICHT_NUMMERS) {
      for (const standard of STANDARDS) {
        const root = messageDef(standard, n).rootType;
        for (const [ctx, p, alleen] of paths(CATALOG[n])) {
          const full = ctx === '' ? p : `${ctx}/${p}`;
          const found = resolvePath(root, full) !== undefined;
          expect(found, `${standard} ${n}: ${full}`).toBe(alleen === undefined || alleen === standard);
        }
      }
    }
  });

  it('item classes end in their kind, and a date or field path ends in a simple element', () => {
    for (const n of BERICHT_NUMMERS) {
      const root = messageDef('ijw', n).rootType;
      for (const k of CATALOG[n].items) {
        expect(k.pad.split('/').at(-1), `${n} ${k.pad}`).toBe(k.kind);
        const simple = [k.datum, ...Object.entries(k.velden).flatMap(([f, p]) => (f === 'omvang' || f === 'budget' ? [] : [p]))];
        for (const p of simple.filter((x): x is string => x !== undefined))
          expect(resolvePath(root, `${k.pad}/${p}`)?.at(-1)?.kind, `${n} ${k.kind}/${p}`).toBe('simple');
      }
    }
  });

  it('pairs each heenbericht with its retour both ways; a retour shares its heen group and has the other sender', () => {
    for (const n of BERICHT_NUMMERS) {
      const e = CATALOG[n];
      if (e.retour !== undefined) {
        const r = CATALOG[e.retour];
        expect(e.soort, n).toBe('heenbericht');
        expect(r.soort, r.nummer).toBe('retourbericht');
        expect(r.heen?.nummer).toBe(n);
        expect(r.groep).toBe(e.groep);
        expect(r.verzender).not.toBe(e.verzender);
        expect(RETOUR_VAN[n]).toBe(e.retour);
      }
      if (e.soort === 'retourbericht') expect(e.heen && CATALOG[e.heen.nummer].retour).toBe(n);
      if (e.heen) expect(HEEN_VAN[n]).toBe(e.heen.nummer);
      for (const a of e.antwoorden) expect(VERZENDER[a], `${n} → ${a}`).not.toBe(e.verzender);
    }
  });

  it('the sender role agrees with the XSD: Afzender is LDT_Gemeente exactly when the gemeente sent the heenbericht', () => {
    for (const n of BERICHT_NUMMERS) {
      const e = CATALOG[n];
      // A retour's header is its heenbericht's; a 325 has its own.
      const heenVerzender = e.soort === 'retourbericht' && e.heen ? CATALOG[e.heen.nummer].verzender : e.verzender;
      for (const standard of STANDARDS) {
        const afzender = resolvePath(messageDef(standard, n).rootType, 'Header/Afzender')?.at(-1);
        expect(afzender?.type.endsWith('LDT_Gemeente'), `${standard} ${n}`).toBe(heenVerzender === 'gemeente');
      }
    }
  });

  it('a termijn is closed by berichten of the other party, or (anchored on an event) by the bericht itself', () => {
    for (const n of BERICHT_NUMMERS) {
      for (const t of CATALOG[n].termijnen) {
        for (const s of t.sluitendDoor) {
          if (t.anker === 'ontvangst' || t.anker === 'dagtekening') expect(VERZENDER[s], `${n} ${t.regel}`).not.toBe(VERZENDER[n]);
          else expect(s, `${n} ${t.regel}`).toBe(n);
        }
      }
    }
  });

  it('reaches the per-standard facts (BerichtCode, namespace) through the generated model', () => {
    for (const standard of STANDARDS)
      for (const n of BERICHT_NUMMERS) {
        const m = messageDef(standard, n);
        expect(m).toBe(MESSAGES[berichtId(standard, n)]);
        expect(m.berichtCode).toMatch(/^\d{3}$/);
      }
  });
});
