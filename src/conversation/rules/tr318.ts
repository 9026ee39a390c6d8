import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import type { ConversationSummary, PairQuestion } from '../types.js';
import { finding } from './declaratie.js';
import { maand, volgendeMaand } from './periode.js';

const pair = (s: ConversationSummary): PairQuestion | undefined =>
  s.nummer === NUMMER.declaratie && s.declaratie?.periodeBegin !== undefined
    ? { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder }
    : undefined;

/**
 * TR318: DeclaratiePerioden follow each other month by month while care is delivered. Whether care
 * was delivered in a month is not in the berichten; what they do show is checked.
 */
export const TR318 = conversationRule({
  id: 'TR318',
  retourCode: '8214',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: 'Declaratie/DeclaratiePeriode',
  lezing:
    'against the latest earlier DeclaratiePeriode of the pair (323s that count, none a 325 rejected as a whole): this one is not an earlier month (several 323s in one period are normal: a separate credit declaratie); and when it skips months, no prestatie of this 323 lies in a skipped month (care was delivered then, so that month needed its own period)',
  grenzen:
    'whether care was delivered in a month without prestaties is not in the berichten, so a gap alone is never a finding; declaraties before Sluis saw this pair are unknown to it',
  vragen: (s) => {
    const q = pair(s);
    return q ? [{ ask: 'eerdereDeclaraties', q }] : [];
  },
  check: (s, state) => {
    const q = pair(s);
    if (!q) return [];
    const nu = maand(s.declaratie!.periodeBegin!);
    const vorige = state
      .eerdereDeclaraties(q)
      .flatMap((d) => (d.periodeBegin !== undefined ? [maand(d.periodeBegin)] : []))
      .sort()
      .at(-1);
    if (vorige === undefined) return [];
    const path = '/Bericht/Declaratie/DeclaratiePeriode';
    // Several 323s in one period (a separate credit declaratie, a late one) are normal; going back is not.
    if (nu < vorige) return [finding(TR318, path, `DeclaratiePeriode ${nu} is before the previous DeclaratiePeriode ${vorige}`)];
    const verwacht = volgendeMaand(vorige);
    if (nu === vorige || nu === verwacht) return [];
    const overgeslagen = s.items.find((it) => it.datum !== undefined && maand(it.datum) > vorige && maand(it.datum) < nu);
    return overgeslagen
      ? [
          finding(
            TR318,
            path,
            `DeclaratiePeriode ${nu} skips ${verwacht}, yet this declaratie has a prestatie in ${maand(overgeslagen.datum!)} (the month after ${vorige} should have been the period)`,
          ),
        ]
      : [];
  },
});
