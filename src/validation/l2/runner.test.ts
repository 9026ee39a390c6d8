/**
 * The runner itself: dispatch, context, event order, issue cap, robustness, and streaming — a large
 * 323 whose Clients are detached by the engine still gets its cross-instance rules (TR101, TR316,
 * TR358) right, because those rules keep their own small state.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../standard/generated/model.js';
import type { MessageDef } from '../../standard/model.js';
import { BerichtValidator, validateBericht } from '../validate.js';
import { buildBericht } from '../../xml/build.js';
import { BASE_NUMMERS, base, get, set, type Obj } from '../../../test/support/l2-fixtures.js';
import { elfproef, rule } from './helpers.js';
import { createL2Runner, rulesFor, runL2OnObject, walkBericht, type L2Event } from './runner.js';
import type { RuleContext } from './types.js';

const TODAY = '2026-11-23';

/** Elfproef-valid test BSNs from the range reserved for test environments (999900006–999999990). */
function testBsns(n: number): string[] {
  const out: string[] = [];
  for (let v = 999900006; out.length < n && v <= 999999990; v++) if (elfproef(String(v))) out.push(String(v));
  return out;
}

/** A 323 with `clients` clients of 3 prestaties each (distinct references), total consistent. */
function big323(clients: number): { xml: (mutate?: (b: Obj) => void) => string; message: MessageDef; bericht: Obj } {
  const { message, bericht } = base('ijw', '323');
  const template = (get(bericht, 'Declaratie/Clienten/Client') as Obj[])[0]!;
  const bsns = testBsns(clients);
  const list: Obj[] = [];
  let total = 0;
  for (let c = 0; c < clients; c++) {
    const cl = structuredClone(template);
    cl['Bsn'] = bsns[c];
    const ps = (cl['Prestaties'] as { Prestatie: Obj[] }).Prestatie;
    ps.push(structuredClone(ps[0]!));
    ps.forEach((p, i) => {
      (p['ProductReferentie'] as Obj)['ReferentieNummer'] = `R${c}x${i}`;
      p['ToewijzingNummer'] = String(100000 + c * 10 + i);
      total += (p['IngediendBedrag'] as { Bedrag: number }).Bedrag;
    });
    list.push(cl);
  }
  set(bericht, 'Declaratie/Clienten/Client', list);
  set(bericht, 'Declaratie/TotaalIngediendBedrag', { TotaalBedrag: total, DebetCredit: 'D' });
  return {
    message,
    bericht,
    xml: (mutate) => {
      const b = structuredClone(bericht);
      mutate?.(b);
      return buildBericht(message, b);
    },
  };
}

describe('streaming with detached Clients (323)', () => {
  const N = 3000;
  const big = big323(N);
  const detach = new Set(['Client']);

  it('a consistent large 323 passes, and the Clients were not kept', () => {
    const out = validateBericht(big.xml(), { today: TODAY, detach });
    expect(out.issues).toEqual([]);
    expect(out.valid).toBe(true);
    expect(get(out.bericht!, 'Declaratie/Clienten/Client')).toBeUndefined();
  });

  it('finds a duplicate Client, a credit of an earlier debet and a wrong total across detached Clients', () => {
    const xml = big.xml((b) => {
      const list = get(b, 'Declaratie/Clienten/Client') as Obj[];
      const last = list[N - 1]!;
      last['Bsn'] = list[0]!['Bsn']; // TR101: same key as Client[1], long gone from memory
      const p = (last['Prestaties'] as { Prestatie: Obj[] }).Prestatie[0]!;
      (p['ProductReferentie'] as Obj)['VorigReferentieNummer'] = 'R0x0'; // TR316: credits Client[1]'s first prestatie
      (p['IngediendBedrag'] as Obj)['DebetCredit'] = 'C'; // and TR358: the total no longer adds up
    });
    const out = validateBericht(xml, { today: TODAY, detach });
    expect(out.l1Valid).toBe(true);
    expect(out.issues.map((i) => [i.code, i.path])).toEqual([
      ['TR316', `/Bericht/Declaratie/Clienten/Client[${N}]/Prestaties/Prestatie[1]/ProductReferentie/VorigReferentieNummer`],
      ['TR101', `/Bericht/Declaratie/Clienten/Client[${N}]`],
      ['TR358', '/Bericht/Declaratie/TotaalIngediendBedrag'],
    ]);
    // No BSN in any message (the duplicated one least of all).
    const bsn = String(get(big.bericht, 'Declaratie/Clienten/Client/0/Bsn'));
    for (const i of out.issues) expect(i.message).not.toContain(bsn);
  });

  it('gives the same issues when the XML arrives in 997-byte chunks', () => {
    const xml = big.xml((b) => {
      const list = get(b, 'Declaratie/Clienten/Client') as Obj[];
      list[N - 1]!['Bsn'] = list[0]!['Bsn'];
    });
    const whole = validateBericht(xml, { today: TODAY, detach });
    const v = new BerichtValidator({ today: TODAY, detach });
    for (let i = 0; i < xml.length; i += 997) v.write(xml.slice(i, i + 997));
    const chunked = v.close();
    expect(whole.issues.map((i) => i.code)).toEqual(['TR101']);
    expect(chunked.issues).toEqual(whole.issues);
  });

  it('caps the number of issues (default 1,000; configurable)', () => {
    const { message, bericht } = big323(400);
    for (const c of get(bericht, 'Declaratie/Clienten/Client') as Obj[]) {
      for (const p of (c['Prestaties'] as { Prestatie: Obj[] }).Prestatie) delete p['ProductTarief']; // CD087 ×1200
    }
    expect(runL2OnObject(message, bericht, { today: TODAY, maxIssues: 25 })).toHaveLength(25);
    expect(runL2OnObject(message, bericht, { today: TODAY })).toHaveLength(1000);
  });
});

describe('events and context', () => {
  it('walks in document order: post-order, Header first, Bericht last, 1-based indexes on repeatable elements', () => {
    const { message, bericht } = base('ijw', '301');
    const events: L2Event[] = [];
    walkBericht(message, bericht, (e) => events.push(e));
    const classes = events.filter((e) => e.ancestors.length === 1 || e.name === 'Bericht').map((e) => e.name);
    expect(classes).toEqual(['Header', 'Client', 'Bericht']);
    expect(events.map((e) => e.path)).toContain('/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]');
    expect(events.map((e) => e.path)).toContain('/Bericht/Client/Relaties/Relatie[1]/Contact');
    const tp = events.findIndex((e) => e.path.endsWith('ToegewezenProduct[2]'));
    const list = events.findIndex((e) => e.path.endsWith('ToegewezenProducten'));
    expect(tp).toBeLessThan(list);
  });

  it('gives rules the header, the Dagtekening, the ancestors and today, the same from the engine', () => {
    const seen: {
      dagtekening?: string;
      declaratieDagtekening?: unknown;
      today: string;
      path: string;
      depth: number;
      hasHeader: boolean;
    }[] = [];
    const probe = rule({
      id: 'TR999',
      messages: ['323'],
      klasse: 'Prestatie',
      summary: 'probe',
      check: (_n, ctx: RuleContext) => {
        seen.push({
          ...(ctx.dagtekening !== undefined ? { dagtekening: ctx.dagtekening } : {}),
          declaratieDagtekening: ctx.ancestor('Declaratie')?.['DeclaratieDagtekening'],
          today: ctx.today,
          path: ctx.path,
          depth: ctx.ancestors.length,
          hasHeader: ctx.header !== undefined,
        });
        return undefined;
      },
    });
    const { message, bericht } = base('ijw', '323');
    expect(runL2OnObject(message, bericht, { today: TODAY, rules: [probe] })).toEqual([]);
    const fromObject = [...seen];
    seen.length = 0;
    // Through the streaming engine, with a runner of our own.
    const runner = createL2Runner(message, { today: TODAY, rules: [probe] });
    walkBericht(message, bericht, (e) => runner.onComplete(e));
    expect(seen).toEqual(fromObject);
    expect(fromObject).toHaveLength(5);
    expect(fromObject[0]).toEqual({
      dagtekening: '2026-05-06',
      declaratieDagtekening: '2026-05-06',
      today: TODAY,
      path: '/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]',
      depth: 5,
      hasHeader: true,
    });
  });

  it('indexes rules per message and standard: TR377/TR409 only for JW319', () => {
    expect(rulesFor(MESSAGES.JW319).map((r) => r.id)).toEqual(expect.arrayContaining(['TR377', 'TR409', 'CD085', 'CD086']));
    expect(
      rulesFor(MESSAGES.WMO319)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['CD085', 'CD086']);
    // Retourberichten carry no L2 rules of their own in the tables.
    expect(rulesFor(MESSAGES.JW302)).toEqual([]);
  });
});

describe('robustness: rules never throw on odd values (L2 may see anything the typed object can hold)', () => {
  const ODD: readonly unknown[] = ['', ' ', 'abc', '2026-13-45', '-1', 0, -5, 1e20, {}, [], null, true];

  function leaves(o: unknown, path: string, out: string[]): void {
    if (Array.isArray(o)) o.forEach((x, i) => leaves(x, `${path}/${i}`, out));
    else if (typeof o === 'object' && o !== null) for (const [k, v] of Object.entries(o)) leaves(v, path ? `${path}/${k}` : k, out);
    else out.push(path);
  }

  for (const nummer of BASE_NUMMERS) {
    it(`every leaf of ${nummer} replaced by odd values`, () => {
      const { message, bericht } = base('ijw', nummer);
      const paths: string[] = [];
      leaves(bericht, '', paths);
      let runs = 0;
      for (const p of paths) {
        for (const v of ODD) {
          const b = structuredClone(bericht);
          set(b, p, v);
          expect(() => runL2OnObject(message, b, { today: TODAY })).not.toThrow();
          runs++;
        }
      }
      expect(runs).toBeGreaterThan(100);
    });
  }
});
