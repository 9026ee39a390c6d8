import { BERICHT_NUMMERS, CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';

/** The berichten the rule table lists for TR135: the heenberichten and the 325 (not the retours). */
const BERICHTEN = [
  NUMMER.toewijzing,
  NUMMER.start,
  NUMMER.stop,
  NUMMER.verzoekOmToewijzing,
  NUMMER.verzoekOmWijziging,
  NUMMER.antwoordbericht,
  NUMMER.declaratie,
  NUMMER.declaratieAntwoord,
] as const satisfies readonly (typeof BERICHT_NUMMERS)[number][];

/** An xs:date as [year, month, day] (any year the XSD accepts: five digits, negative), or undefined. */
function parts(d: string): [number, number, number] | undefined {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(d);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Whether date `a` is after date `b`; a date that cannot be read counts as after (fails closed). */
export function dateAfter(a: string, b: string): boolean {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return true;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return false;
}

/** TR135 (externe bron: the system date): Dagtekening is an existing date, not in the future. */
export const TR135 = conversationRule({
  id: 'TR135',
  retourCode: '8848',
  bron: Bron.externeBron,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.toewijzing].identificatie.dagtekening,
  lezing:
    "the bericht's BerichtIdentificatie/Dagtekening is not after today in Europe/Amsterdam (the external source is Sluis's clock; that the date exists the XSD already proves)",
  grenzen: "the sender's clock and Sluis's may differ around midnight; Sluis judges by its own date",
  vragen: () => [],
  check: (s, _state, ctx) => {
    if (!(BERICHTEN as readonly string[]).includes(s.nummer) || !dateAfter(s.dagtekening, ctx.today)) return [];
    return [
      {
        rule: 'TR135',
        retourCode: '8848',
        path: `/Bericht/${CATALOG[s.nummer].identificatie.dagtekening}`,
        text: `Dagtekening ${s.dagtekening} is after today (${ctx.today}, Europe/Amsterdam)`,
      },
    ];
  },
});
