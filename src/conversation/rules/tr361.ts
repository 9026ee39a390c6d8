import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { dateAfter } from './tr135.js';
import { VERZOEK_KLASSE, toewijzingenVan, vowVragen } from './vow.js';

interface Zorg {
  readonly path: string;
  readonly kind: string;
  readonly naam: string;
  readonly categorie?: string;
  readonly code?: string;
  readonly begin?: string;
  readonly eind?: string;
}

/** The same product for TR361: by code when both have one, else by categorie; no categorie matches anything. */
function zelfdeProduct(a: Zorg, b: Zorg): boolean {
  if (a.categorie === undefined || b.categorie === undefined) return true;
  if (a.code !== undefined && b.code !== undefined) return a.code === b.code;
  return a.categorie === b.categorie;
}

/** Closed periods [begin, eind] overlap (no eind: open-ended; no begin: unknown, never overlaps). */
function overlap(a: Zorg, b: Zorg): boolean {
  if (a.begin === undefined || b.begin === undefined) return false;
  return (b.eind === undefined || !dateAfter(a.begin, b.eind)) && (a.eind === undefined || !dateAfter(b.begin, a.eind));
}

/** TR361: a product occurs more than once in a VOW only with periods that do not overlap. */
export const TR361 = conversationRule({
  id: 'TR361',
  retourCode: '9361',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: VERZOEK_KLASSE,
  lezing:
    "no two products of the 317 are the same product with overlapping periods, where at least one is an OngewijzigdProduct or TeWijzigenProduct (two NieuweProducten are TR410's): those take product and Ingangsdatum from the toewijzing they name (the latest 301 line for this client), their end from the TeWijzigenProduct's Einddatum, else the toewijzing's; the same product is the same code, else (a code missing) the same categorie, and a product without categorie is the same as any",
  grenzen:
    'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it, so its product and period are too',
  vragen: vowVragen,
  check: (s, state) => {
    const toewijzingen = toewijzingenVan(s, state);
    if (!toewijzingen) return [];
    const zorg: Zorg[] = [];
    for (const it of s.items) {
      if (it.kind === 'NieuwProduct') {
        zorg.push({
          path: it.path,
          kind: it.kind,
          naam: `NieuwProduct ${[it.categorie, it.code].filter(Boolean).join('/')}`,
          ...(it.categorie !== undefined ? { categorie: it.categorie } : {}),
          ...(it.code !== undefined ? { code: it.code } : {}),
          ...(it.datum !== undefined ? { begin: it.datum } : {}),
          ...(it.einddatum !== undefined ? { eind: it.einddatum } : {}),
        });
        continue;
      }
      const t = it.toewijzingNummer !== undefined ? toewijzingen.get(it.toewijzingNummer) : undefined;
      if (!t) continue;
      const eind = it.einddatum ?? t.einddatum;
      zorg.push({
        path: it.path,
        kind: it.kind,
        naam: `toewijzing ${it.toewijzingNummer}`,
        ...(t.categorie !== undefined ? { categorie: t.categorie } : {}),
        ...(t.code !== undefined ? { code: t.code } : {}),
        ...(t.datum !== undefined ? { begin: t.datum } : {}),
        ...(eind !== undefined ? { eind } : {}),
      });
    }
    const out: ConversationFinding[] = [];
    for (let j = 1; j < zorg.length; j++) {
      const b = zorg[j]!;
      const a = zorg
        .slice(0, j)
        .find((x) => !(x.kind === 'NieuwProduct' && b.kind === 'NieuwProduct') && zelfdeProduct(x, b) && overlap(x, b));
      if (a)
        out.push({
          rule: 'TR361',
          retourCode: '9361',
          path: b.path,
          text: `${b.naam} is the same product as ${a.naam} with an overlapping period`,
        });
    }
    return out;
  },
});
