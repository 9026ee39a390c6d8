/**
 * Targeted mutations of a legal conversation (model.ts), each with the conversation rule it breaks
 * and the retourcode the standard prescribes. property.int.test.ts runs the rows whose rule is in
 * CONVERSATION_RULES and expects the finding on the target bericht; the other rows are data for
 * rules still to be encoded — they run too, as far as proving their berichten are L1/L2-valid and
 * routed, so the finding they expect can only come from a conversation rule.
 *
 * Adding a rule: add a row (or find yours below). A mutation returns undefined when the generated
 * conversation has nothing to mutate (fast-check then draws another).
 */
import {
  addDays,
  freshBsn,
  freshDeclaratieNummer,
  freshIdentificatie,
  freshReferentie,
  freshToewijzingNummer,
  TODAY,
  type Step,
} from './model.js';

export interface Mutated {
  readonly steps: readonly Step[];
  /** The bericht that must carry the finding; the conversation is cut after it. */
  readonly target: number;
}

export interface Mutation {
  readonly rule: string;
  readonly retourCode: string;
  readonly mutation: string;
  readonly apply: (steps: readonly Step[]) => Mutated | undefined;
}

// ---- helpers ----------------------------------------------------------------------------------------------

const el = (name: string, flags = ''): RegExp => new RegExp(`(<([\\w]+):${name}>)[^<]*(</\\2:${name}>)`, flags);
export const setFirst = (xml: string, name: string, to: string): string => xml.replace(el(name), `$1${to}$3`);
export const setAll = (xml: string, name: string, to: string | (() => string)): string =>
  xml.replace(el(name, 'g'), (_m, open: string, _p: string, close: string) => `${open}${typeof to === 'string' ? to : to()}${close}`);
export const valuesOf = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<[\\w]+:${name}>([^<]*)<`, 'g'))].map((m) => m[1]!);

/** The step with its bericht changed (and its label saying how). */
export const changed = (step: Step, label: string, f: (xml: string) => string, dagtekening = step.dagtekening): Step => ({
  ...step,
  label: `${step.label} — ${label}`,
  dagtekening,
  render: (id) => f(step.render(id)),
});

/** The first bericht of this number from `from` on that is meant to be accepted. */
export const indexOf = (steps: readonly Step[], nummer: string, from = 0): number =>
  steps.findIndex((s, i) => i >= from && s.nummer === nummer && !s.afgekeurd);

/** The conversation up to `at`, then `step` as the target. */
const cutWith = (steps: readonly Step[], at: number, step: Step): Mutated => ({ steps: [...steps.slice(0, at), step], target: at });
/** The conversation up to and including `after`, then `step` as the target. */
const insertAfter = (steps: readonly Step[], after: number, step: Step): Mutated => cutWith(steps, after + 1, step);

/** The 323 with fresh DeclaratieNummer and ReferentieNummers (VorigReferentieNummers kept). */
const declaredAgain = (step: Step): ((xml: string) => string) => {
  let n = 0;
  return (xml) => {
    const nummer = freshDeclaratieNummer(step.standard, step.afzender);
    return setAll(setFirst(xml, 'DeclaratieNummer', nummer), 'ReferentieNummer', () => `${nummer}X${++n}`);
  };
};

const lastDayOf = (iso: string): string => addDays(`${addDays(`${iso.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

// ---- the table ------------------------------------------------------------------------------------------

export const MUTATIONS: readonly Mutation[] = [
  {
    rule: 'TR019',
    retourCode: '9019',
    mutation: 'drop the 301 before the 305',
    apply: (steps) => {
      const start = indexOf(steps, '305');
      const kept = steps.slice(0, start + 1).filter((s) => s.nummer !== '301');
      return { steps: kept, target: kept.length - 1 };
    },
  },
  {
    rule: 'TR326',
    retourCode: '9326',
    mutation: 'send the 305 twice',
    apply: (steps) => {
      const start = indexOf(steps, '305');
      return insertAfter(
        steps,
        start,
        changed(steps[start]!, 'sent again', (x) => x),
      );
    },
  },
  {
    rule: 'TR074',
    retourCode: '9074',
    mutation: 'send the 305 twice (the same logical key with StatusAanlevering 1)',
    apply: (steps) => {
      const start = indexOf(steps, '305');
      return insertAfter(
        steps,
        start,
        changed(steps[start]!, 'sent again', (x) => x),
      );
    },
  },
  {
    rule: 'TR063',
    retourCode: '9063',
    mutation: 'remove (StatusAanlevering 3) a start never sent',
    apply: (steps) => {
      const start = indexOf(steps, '305');
      const begin = valuesOf(steps[start]!.render('X'), 'Begindatum')[0]!;
      const other = addDays(begin, -1);
      return insertAfter(
        steps,
        start,
        changed(steps[start]!, `StatusAanlevering 3 for Begindatum ${other}`, (x) =>
          setAll(setAll(x, 'StatusAanlevering', '3'), 'Begindatum', other),
        ),
      );
    },
  },
  {
    rule: 'TR071',
    retourCode: '9071',
    mutation: 'remove (StatusAanlevering 3) a start that has a stop',
    apply: (steps) => {
      const stop = steps.findIndex((s) => s.nummer === '307');
      if (stop < 0) return undefined;
      const start = steps.slice(0, stop).findLastIndex((s) => s.nummer === '305' && !s.afgekeurd);
      if (valuesOf(steps[start]!.render('X'), 'StatusAanlevering').includes('3')) return undefined;
      return insertAfter(
        steps,
        stop,
        changed(steps[start]!, 'StatusAanlevering 3 after its stop', (x) => setAll(x, 'StatusAanlevering', '3')),
      );
    },
  },
  {
    rule: 'TR332',
    retourCode: '9332',
    mutation: "the gemeente assigns the client's ToewijzingNummer to another client",
    apply: (steps) => {
      const t = indexOf(steps, '301');
      const other = freshBsn(steps[t]!.standard);
      return insertAfter(
        steps,
        t,
        changed(steps[t]!, 'for another client', (x) => setAll(x, 'Bsn', other)),
      );
    },
  },
  {
    rule: 'TR333',
    retourCode: '9333',
    mutation: 'reuse a DeclaratieNummer in the next 323',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      const second = indexOf(steps, '323', first + 1);
      if (first < 0 || second < 0) return undefined;
      const nummer = valuesOf(steps[first]!.render('X'), 'DeclaratieNummer')[0]!;
      return cutWith(
        steps,
        second,
        changed(steps[second]!, `DeclaratieNummer ${nummer} again`, (x) => setFirst(x, 'DeclaratieNummer', nummer)),
      );
    },
  },
  {
    rule: 'TR314',
    retourCode: '8021',
    mutation: 'reuse a ReferentieNummer in the next 323',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      const second = indexOf(steps, '323', first + 1);
      if (first < 0 || second < 0) return undefined;
      // Not one the second 323 credits: a credit of a prestatie in its own bericht is an L2 error (TR316).
      const credited = valuesOf(steps[second]!.render('X'), 'VorigReferentieNummer');
      const ref = valuesOf(steps[first]!.render('X'), 'ReferentieNummer').find((r) => !credited.includes(r));
      if (ref === undefined) return undefined;
      return cutWith(
        steps,
        second,
        changed(steps[second]!, `ReferentieNummer ${ref} again`, (x) => setFirst(x, 'ReferentieNummer', ref)),
      );
    },
  },
  {
    rule: 'TR338',
    retourCode: '9338',
    mutation: 'declare a ToewijzingNummer never assigned',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      if (first < 0) return undefined;
      const nummer = freshToewijzingNummer(steps[first]!.standard, steps[first]!.gemeente);
      return cutWith(
        steps,
        first,
        changed(steps[first]!, `ToewijzingNummer ${nummer}`, (x) => setAll(x, 'ToewijzingNummer', nummer)),
      );
    },
  },
  {
    rule: 'TR307',
    retourCode: '9307',
    mutation: 'a ProductPeriode that begins before the toewijzing',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      if (first < 0) return undefined;
      const xml = steps[first]!.render('X');
      const begin = /<[\w]+:ProductPeriode>\s*<[\w]+:Begindatum>([^<]*)</.exec(xml)![1]!;
      if (begin.endsWith('-01')) return undefined;
      const month = `${begin.slice(0, 7)}-01`;
      // The DeclaratiePeriode begins on the 1st: the first Begindatum with this date is the prestatie's.
      return cutWith(
        steps,
        first,
        changed(steps[first]!, `ProductPeriode from ${month}`, (x) => x.replace(`Begindatum>${begin}<`, `Begindatum>${month}<`)),
      );
    },
  },
  {
    rule: 'TR308',
    retourCode: '9308',
    mutation: 'a ProductPeriode that ends after the toewijzing',
    apply: (steps) => {
      for (let i = 0; i < steps.length; i++) {
        if (steps[i]!.nummer !== '323' || steps[i]!.afgekeurd) continue;
        const ends = [...steps[i]!.render('X').matchAll(/<[\w]+:ProductPeriode>[\s\S]*?<([\w]+):Einddatum>([^<]*)</g)].map((m) => m[2]!);
        const e = ends.find((d) => d !== lastDayOf(d));
        if (e === undefined) continue;
        return cutWith(
          steps,
          i,
          changed(steps[i]!, `ProductPeriode to ${lastDayOf(e)}`, (x) => x.replace(`Einddatum>${e}<`, `Einddatum>${lastDayOf(e)}<`)),
        );
      }
      return undefined;
    },
  },
  {
    rule: 'TR389',
    retourCode: '9389',
    mutation: 'a second debet for a declared period, product and toewijzing',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      if (first < 0) return undefined;
      return insertAfter(steps, first, changed(steps[first]!, 'declared again', declaredAgain(steps[first]!)));
    },
  },
  {
    rule: 'TR323',
    retourCode: '8017',
    mutation: 'credit a debet never sent',
    apply: (steps) => {
      const first = indexOf(steps, '323');
      if (first < 0) return undefined;
      return cutWith(
        steps,
        first,
        changed(steps[first]!, 'all prestaties credit, of unknown debets', (x) =>
          x
            .replace(/(<([\w]+):DebetCredit>)D(<)/g, '$1C$3')
            .replace(
              /(<([\w]+):ReferentieNummer>)([^<]*)(<\/\2:ReferentieNummer>)/g,
              '$1$3$4<$2:VorigReferentieNummer>NOPE$3</$2:VorigReferentieNummer>',
            ),
        ),
      );
    },
  },
  {
    rule: 'TR347',
    retourCode: '9347',
    mutation: 'reuse the ReferentieAanbieder of the rejected verzoek',
    apply: (steps) => {
      const rejected = steps.findIndex((s) => s.nummer === '315' && !s.afgekeurd && s.label.includes('to be rejected'));
      if (rejected < 0) return undefined;
      const refs = valuesOf(steps[rejected]!.render('X'), 'ReferentieAanbieder');
      const real = indexOf(steps, '315', rejected + 1);
      let n = 0;
      return cutWith(
        steps,
        real,
        changed(steps[real]!, `ReferentieAanbieder ${refs.join(', ')} again`, (x) =>
          setAll(x, 'ReferentieAanbieder', () => refs[n++ % refs.length]!),
        ),
      );
    },
  },
  {
    rule: 'TR374',
    retourCode: '9374',
    mutation: 'a second verzoek while the first is open',
    apply: (steps) => {
      const last315 = steps.slice(0, indexOf(steps, '301')).findLastIndex((s) => s.nummer === '315' && !s.afgekeurd);
      const s = steps[last315]!;
      return insertAfter(
        steps,
        last315,
        changed(s, 'another verzoek, own ReferentieAanbieder', (x) =>
          setAll(x, 'ReferentieAanbieder', () => freshReferentie(s.standard, s.afzender)),
        ),
      );
    },
  },
  {
    rule: 'TR379',
    retourCode: '9379',
    mutation: 'a 301 with a ReferentieAanbieder no verzoek carried',
    apply: (steps) => {
      const t = indexOf(steps, '301');
      const s = steps[t]!;
      const ref = `ONBEKEND-${freshIdentificatie()}`;
      return cutWith(
        steps,
        t,
        changed(s, `ReferentieAanbieder ${ref}`, (x) => setAll(x, 'ReferentieAanbieder', ref)),
      );
    },
  },
  {
    rule: 'TR349',
    retourCode: '9349',
    mutation: 'a verzoek om wijziging without the unchanged toewijzing',
    apply: (steps) => {
      const vow = indexOf(steps, '317');
      if (vow < 0 || !/OngewijzigdeProducten>/.test(steps[vow]!.render('X'))) return undefined;
      return cutWith(
        steps,
        vow,
        changed(steps[vow]!, 'OngewijzigdeProducten left out', (x) =>
          x.replace(/<([\w]+):OngewijzigdeProducten>[\s\S]*?<\/\1:OngewijzigdeProducten>/, ''),
        ),
      );
    },
  },
  {
    rule: 'TR135',
    retourCode: '8848',
    mutation: 'a Dagtekening after today',
    apply: (steps) => {
      const last = steps.length - 1;
      const tomorrow = addDays(TODAY, 1);
      return cutWith(
        steps,
        last,
        changed(steps[last]!, `dated ${tomorrow}`, (x) => setFirst(x, 'Dagtekening', tomorrow), tomorrow),
      );
    },
  },
];
