/**
 * The woonplaatsbeginsel check (PRODUCT §4, FACTS §12): for iJw 315 and 301 form an expectation of the
 * responsible gemeente from the sources Sluis has, and say how sure it is. It never decides: the result
 * is attached to the bericht for the gemeente, and the decision core turns a mismatch into a reason.
 *
 * Sources, strongest first: the lookup adapter (BRP-like), the client's BRP-adres in a 301 via the
 * postcode table. Herindelingen are resolved through the CBS list, so an old code on an early
 * Ingangsdatum is not a mismatch. For iJw 319 reden 8 the named gemeente is checked against that list.
 */
import { NUMMER } from '../standard/catalog.js';
import type { BerichtSummary, WoonplaatsCheck } from '../decision/summary.js';
import type { GemeenteRegister } from './gemeenten.js';
import type { WoonplaatsLookup } from './lookup.js';
import type { PostcodeTabel } from './postcode.js';

export interface WoonplaatsDeps {
  readonly register: GemeenteRegister;
  readonly postcodes?: PostcodeTabel;
  readonly lookup?: WoonplaatsLookup;
}

/**
 * iJw categories that mean a stay (jeugdhulp met verblijf, pleegzorg, residential): the woonplaats is
 * then the BRP address just before the stay (Jeugdwet art. 1.1, FACTS §12.1) — 35 pleegzorg,
 * 37 gesloten plaatsing, 38 overig residentieel (2015 categories), 43/44 jeugdhulp verblijf.
 */
const VERBLIJF_CATEGORIEEN: ReadonlySet<string> = new Set(['35', '37', '38', '43', '44']);

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Node => !!x) : obj(v) ? [obj(v)!] : []);

const RANK = { hoog: 3, midden: 2, laag: 1, onbekend: 0 } as const;
function atMost(z: WoonplaatsCheck['zekerheid'], cap: WoonplaatsCheck['zekerheid']): WoonplaatsCheck['zekerheid'] {
  return RANK[z] <= RANK[cap] ? z : cap;
}

export async function checkWoonplaats(
  summary: BerichtSummary,
  bericht: Record<string, unknown>,
  deps: WoonplaatsDeps,
): Promise<WoonplaatsCheck | undefined> {
  if (summary.standard !== 'ijw') return undefined;
  const { register } = deps;
  const header = summary.gemeente;

  if (summary.nummer === NUMMER.antwoordbericht) {
    const a = summary.antwoord;
    if (a?.redenAfwijzingVerzoek !== '8' || a.woonplaatsGemeente === undefined) return undefined;
    const g = a.woonplaatsGemeente;
    const known = register.geldigOp(g, summary.dagtekening);
    const actueel = known ? register.actueel(g) : undefined;
    return {
      ...(actueel !== undefined ? { verwachteGemeente: actueel } : {}),
      headerGemeente: header,
      bron: '319-reden-8',
      zekerheid: known ? 'hoog' : 'onbekend',
      afwijking: false,
      toelichting: known
        ? [`gemeente ${header} names ${g}${actueel !== g ? ` (now ${actueel})` : ''} as responsible; the aanbieder resends the 315 there`]
        : [`Woonplaatsbeginsel/Gemeente ${g} is not in the CBS list valid on ${summary.dagtekening} (TR378)`],
    };
  }
  if (summary.nummer !== NUMMER.verzoekOmToewijzing && summary.nummer !== NUMMER.toewijzing) return undefined;

  const dates = summary.items
    .map((i) => i.datum)
    .filter((d): d is string => d !== undefined)
    .sort();
  const peildatum = dates[0] ?? summary.dagtekening;
  const verblijf = summary.items.some((i) => i.categorie !== undefined && VERBLIJF_CATEGORIEEN.has(i.categorie));
  const toelichting: string[] = [];
  if (!register.geldigOp(header, peildatum)) {
    const h = register.opgeheven(header);
    toelichting.push(
      h
        ? `gemeente ${header} ceased on ${h.datum} (${h.nieuweNaam} ${h.nieuw}); not valid on ${peildatum} (TR378 → S300)`
        : `gemeente ${header} is not in the CBS list valid on ${peildatum} (TR378 → S300)`,
    );
  }
  if (verblijf) toelichting.push('jeugdhulp met verblijf: the woonplaats is the BRP address just before the stay (Jeugdwet art. 1.1)');

  let verwacht: string | undefined;
  let bron = 'geen-bron';
  let zekerheid: WoonplaatsCheck['zekerheid'] = 'onbekend';

  if (deps.lookup) {
    const bsn = obj(bericht.Client)?.Bsn;
    if (typeof bsn === 'string') {
      const ans = await deps.lookup.lookup({ bsn, peildatum, verblijf });
      if (ans.gevonden) {
        verwacht = ans.gemeente;
        bron = `lookup:${ans.bron}`;
        zekerheid = ans.zekerheid;
        if (verblijf && ans.adresVoorVerblijf !== true) {
          zekerheid = atMost(zekerheid, 'laag');
          toelichting.push('the source did not confirm the address before the stay');
        }
      } else {
        toelichting.push(`lookup: ${ans.reden}`);
      }
    }
  }

  if (verwacht === undefined && summary.nummer === NUMMER.toewijzing && deps.postcodes) {
    const contacts = list(obj(obj(bericht.Client)?.Contactgegevens)?.Contact);
    const brp = contacts.find((c) => c.Soort === '01');
    const adres = obj(brp?.Adres);
    const land = typeof adres?.LandCode === 'string' ? adres.LandCode : 'NL';
    if (adres && land !== 'NL') {
      toelichting.push('the BRP-adres is abroad: the woonplaats is where the jeugdige actually stays (Jeugdwet art. 1.1)');
    } else if (typeof adres?.Postcode === 'string') {
      const hit = deps.postcodes.gemeenteVoor(adres.Postcode);
      if (hit) {
        verwacht = hit.gemeente;
        bron = 'postcode-tabel';
        zekerheid = verblijf ? 'laag' : hit.zekerheid;
      } else {
        toelichting.push('the postcode of the BRP-adres is not in the postcode table');
      }
    } else {
      toelichting.push('the 301 has no BRP-adres (Contact Soort 01) with a postcode');
    }
  }

  if (verwacht === undefined) {
    if (!deps.lookup && summary.nummer === NUMMER.verzoekOmToewijzing)
      toelichting.push('a 315 carries no address and no lookup adapter is configured');
    if (!deps.lookup && !deps.postcodes && summary.nummer === NUMMER.toewijzing)
      toelichting.push('no lookup adapter or postcode table is configured');
    return { headerGemeente: header, bron, zekerheid: 'onbekend', afwijking: false, toelichting };
  }
  const verwachtNu = register.actueel(verwacht) ?? verwacht;
  if (verwachtNu !== verwacht) toelichting.push(`expected gemeente ${verwacht} is now ${verwachtNu} (herindeling)`);
  const headerNu = register.actueel(header) ?? header;
  return { verwachteGemeente: verwachtNu, headerGemeente: header, bron, zekerheid, afwijking: verwachtNu !== headerNu, toelichting };
}
