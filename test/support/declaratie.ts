/**
 * A consistent JW323 for tests and the bench: what a gateway is asked to pass. Unique
 * ReferentieNummers, whole-month ProductPeriodes within the DeclaratiePeriode, every amount
 * GeleverdVolume × ProductTarief (or the volume itself in euro's), one product per ToewijzingNummer
 * per client, distinct test BSNs, debet only, the total their sum: L1- and L2-valid, and against the
 * toewijzingen it names (Ingangsdatum ≤ 2021-01-01, no Einddatum) it draws no conversation finding.
 * Deterministic in the seed.
 */
import { distinctTestBsns } from './arbitraries.js';
import { createRng } from './rng.js';

export interface ConsistentDeclaratie {
  readonly bericht: Record<string, unknown>;
  readonly clienten: number;
  readonly prestaties: number;
}

/** The products a prestatie declares: [categorie, code, eenheid, tarief in eurocent or undefined for euro's]. */
const PRODUCTEN: readonly (readonly [string, string, string, number | undefined])[] = [
  ['45', '45A01', '04', 7850],
  ['54', '54002', '01', 131],
  ['43', '43A05', '14', 21450],
  ['46', '46A12', '16', 9600],
  ['48', '48A03', '83', undefined],
];

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** `[first, last]` day of the month `back` months before 2026-10. */
function maand(back: number): [string, string] {
  const idx = 2026 * 12 + 9 - back; // 0-based month index of 2026-10 minus back
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${y}-${pad2(m)}-01`, `${y}-${pad2(m)}-${pad2(last)}`];
}

/**
 * `clienten` Clienten of 1–12 Prestaties each for aanbieder 41410017 → gemeente 0363, DeclaratiePeriode
 * 2026-10, Dagtekening 2026-11-03. A client has up to three toewijzingen; each prestatie declares one
 * of them for one month (the same toewijzing in different months), so TR416 holds too.
 */
export function consistentDeclaratie(clienten: number, seed: number): ConsistentDeclaratie {
  const rng = createRng(seed);
  const int = (n: number): number => rng.int(0, n - 1);
  const bsns = distinctTestBsns(clienten);
  let prestaties = 0;
  let totaal = 0;
  let toewijzing = 10_000_000 + (seed % 1000) * 10_000;
  const clients = bsns.map((bsn) => {
    const toewijzingen = Array.from({ length: 1 + int(3) }, () => ({ nummer: toewijzing++, product: PRODUCTEN[int(PRODUCTEN.length)]! }));
    const n = 1 + int(12);
    const maanden = new Map<number, number>();
    const list = Array.from({ length: n }, (_, j) => {
      const t = toewijzingen[j % toewijzingen.length]!;
      // The next month back for this toewijzing: no two debets for one toewijzing in one month.
      const back = maanden.get(t.nummer) ?? 0;
      maanden.set(t.nummer, back + 1);
      const [begin, eind] = maand(back);
      const [categorie, code, eenheid, tarief] = t.product;
      const volume = tarief === undefined ? 1000 + int(90_000) : 1 + int(eenheid === '01' ? 600 : 20);
      const bedrag = tarief === undefined ? volume : volume * tarief;
      totaal += bedrag;
      prestaties++;
      return {
        ProductReferentie: { ReferentieNummer: `P${seed % 100_000}-${prestaties}` },
        ToewijzingNummer: String(t.nummer),
        ProductCategorie: categorie,
        ProductCode: code,
        ProductPeriode: { Begindatum: begin, Einddatum: eind },
        GeleverdVolume: String(volume),
        Eenheid: eenheid,
        ...(tarief === undefined ? {} : { ProductTarief: tarief }),
        IngediendBedrag: { Bedrag: bedrag, DebetCredit: 'D' },
      };
    });
    return { Bsn: bsn, Prestaties: { Prestatie: list } };
  });
  const bericht = {
    Header: {
      BerichtCode: '490',
      BerichtVersie: '3',
      BerichtSubversie: '2',
      Afzender: '41410017',
      Ontvanger: '0363',
      BerichtIdentificatie: { Identificatie: `BIG${seed}`, Dagtekening: '2026-11-03' },
      XsdVersie: { BasisschemaXsdVersie: '0.1.0', BerichtXsdVersie: '0.1.0' },
    },
    Declaratie: {
      DeclaratieNummer: `D${seed}`,
      DeclaratiePeriode: { Begindatum: '2026-10-01', Einddatum: '2026-10-31' },
      DeclaratieDagtekening: '2026-11-03',
      TotaalIngediendBedrag: { TotaalBedrag: totaal, DebetCredit: 'D' },
      Clienten: { Client: clients },
    },
  };
  return { bericht, clienten, prestaties };
}
