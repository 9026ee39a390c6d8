/**
 * What the decision core may ask about earlier traffic. `decide` is synchronous and pure, so it gets
 * a snapshot (`DecisionState`); the store implements the asynchronous twin (`AsyncDecisionState`)
 * and `prefetchState` asks it exactly the questions `decide` will ask for one summary.
 */
import { CATALOG, NUMMER } from '../standard/catalog.js';
import type { Standard } from '../standard/model.js';
import type { Decision } from './decision.js';
import type { BerichtSummary, HeenRef } from './summary.js';

/** A journaled bericht: its summary and the decision taken on it. */
export interface StoredBericht {
  readonly summary: BerichtSummary;
  readonly decision?: Decision;
}

export interface VerzoekKey {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly referentieAanbieder: string;
}

/** A 315/317 known by its ReferentieAanbieder. */
export interface StoredVerzoek {
  readonly bericht: StoredBericht;
  /** Open until a 301 or a 319 "afgewezen" with the same ReferentieAanbieder (TR374). */
  readonly open: boolean;
}

export interface ToewijzingKey {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly toewijzingNummer: string;
}

export interface StoredToewijzing {
  readonly ingangsdatum: string;
  readonly einddatum?: string;
  readonly categorie?: string;
  readonly code?: string;
}

export interface HeenKey {
  readonly standard: Standard;
  /** The heenbericht's number, Afzender (for a 325: the aanbieder that sent the 323) and Identificatie. */
  readonly ref: HeenRef;
}

export interface DecisionState {
  heenbericht(key: HeenKey): StoredBericht | undefined;
  verzoek(key: VerzoekKey): StoredVerzoek | undefined;
  toewijzing(key: ToewijzingKey): StoredToewijzing | undefined;
}

export interface AsyncDecisionState {
  heenbericht(key: HeenKey): Promise<StoredBericht | undefined>;
  verzoek(key: VerzoekKey): Promise<StoredVerzoek | undefined>;
  toewijzing(key: ToewijzingKey): Promise<StoredToewijzing | undefined>;
}

/** A state that knows nothing: offline `sluis explain`, or the very first bericht. */
export const EMPTY_STATE: DecisionState = {
  heenbericht: () => undefined,
  verzoek: () => undefined,
  toewijzing: () => undefined,
};

/** The asynchronous twin of EMPTY_STATE, until the store implements AsyncDecisionState. */
export const EMPTY_ASYNC_STATE: AsyncDecisionState = {
  heenbericht: async () => undefined,
  verzoek: async () => undefined,
  toewijzing: async () => undefined,
};

function heenKeyString(k: HeenKey): string {
  return `${k.standard}|${k.ref.nummer}|${k.ref.afzender}|${k.ref.identificatie}`;
}
function verzoekKeyString(k: VerzoekKey): string {
  return `${k.standard}|${k.gemeente}|${k.aanbieder}|${k.referentieAanbieder}`;
}
function toewijzingKeyString(k: ToewijzingKey): string {
  return `${k.standard}|${k.gemeente}|${k.aanbieder}|${k.toewijzingNummer}`;
}

/** An in-memory state; tests and the explain command build one from fixtures. */
export class MemoryState implements DecisionState {
  private readonly heen = new Map<string, StoredBericht>();
  private readonly verzoeken = new Map<string, StoredVerzoek>();
  private readonly toewijzingen = new Map<string, StoredToewijzing>();

  heenbericht(key: HeenKey): StoredBericht | undefined {
    return this.heen.get(heenKeyString(key));
  }
  verzoek(key: VerzoekKey): StoredVerzoek | undefined {
    return this.verzoeken.get(verzoekKeyString(key));
  }
  toewijzing(key: ToewijzingKey): StoredToewijzing | undefined {
    return this.toewijzingen.get(toewijzingKeyString(key));
  }

  putHeenbericht(key: HeenKey, b: StoredBericht): this {
    this.heen.set(heenKeyString(key), b);
    return this;
  }
  putVerzoek(key: VerzoekKey, v: StoredVerzoek): this {
    this.verzoeken.set(verzoekKeyString(key), v);
    return this;
  }
  putToewijzing(key: ToewijzingKey, t: StoredToewijzing): this {
    this.toewijzingen.set(toewijzingKeyString(key), t);
    return this;
  }

  /**
   * Record a bericht as the store would: as a heenbericht under its own header, as a verzoek per
   * ReferentieAanbieder (315/317), and its toewijzingen (301).
   */
  record(summary: BerichtSummary, decision?: Decision): this {
    const stored: StoredBericht = decision ? { summary, decision } : { summary };
    if (!summary.heen) {
      this.putHeenbericht(
        {
          standard: summary.standard,
          ref: {
            nummer: summary.nummer,
            afzender: summary.afzender,
            identificatie: summary.identificatie,
            dagtekening: summary.dagtekening,
          },
        },
        stored,
      );
    }
    const base = { standard: summary.standard, gemeente: summary.gemeente, aanbieder: summary.aanbieder };
    // A VOT is answered per AangevraagdProduct, a VOW as a whole; a 301 records its toewijzingen.
    const entry = CATALOG[summary.nummer];
    if (entry.verzoek === 'per-product') {
      for (const it of summary.items) {
        if (it.referentieAanbieder !== undefined)
          this.putVerzoek({ ...base, referentieAanbieder: it.referentieAanbieder }, { bericht: stored, open: true });
      }
    }
    if (entry.verzoek === 'geheel' && summary.verzoekReferentie !== undefined) {
      this.putVerzoek({ ...base, referentieAanbieder: summary.verzoekReferentie }, { bericht: stored, open: true });
    }
    if (summary.nummer === NUMMER.toewijzing) {
      for (const it of summary.items) {
        if (it.toewijzingNummer !== undefined && it.datum !== undefined) {
          this.putToewijzing(
            { ...base, toewijzingNummer: it.toewijzingNummer },
            {
              ingangsdatum: it.datum,
              ...(it.categorie !== undefined ? { categorie: it.categorie } : {}),
              ...(it.code !== undefined ? { code: it.code } : {}),
            },
          );
        }
      }
    }
    return this;
  }
}

/** The verzoek a 319/320 answers, or a 301 product honours. */
export function verzoekKeyFor(summary: BerichtSummary, referentieAanbieder: string): VerzoekKey {
  return { standard: summary.standard, gemeente: summary.gemeente, aanbieder: summary.aanbieder, referentieAanbieder };
}

/**
 * Whether `decide` can ask the state anything about this summary: a heenbericht, a verzoek (by
 * ReferentieAanbieder or VerzoekReferentie), or a toewijzing for an item that has a ToewijzingNummer
 * but lacks its date or category. The questions `prefetchState` asks are exactly these.
 */
export function needsState(summary: BerichtSummary): boolean {
  if (summary.heen || summary.antwoord?.referentieAanbieder !== undefined || summary.verzoekReferentie !== undefined) return true;
  for (const it of summary.items) {
    if (it.referentieAanbieder !== undefined) return true;
    if (it.toewijzingNummer !== undefined && (it.datum === undefined || it.categorie === undefined)) return true;
  }
  return false;
}

/**
 * Ask the asynchronous store everything `decide` may need for this summary and return a snapshot.
 * Follows one level of indirection: a 320's heenbericht is a 319, whose verzoek is looked up too.
 */
export async function prefetchState(summary: BerichtSummary, store: AsyncDecisionState): Promise<DecisionState> {
  if (!needsState(summary)) return EMPTY_STATE;
  // Most berichten ask nothing (a 301, 305 or 323 without a heen, verzoek or bare ToewijzingNummer):
  // they get EMPTY_STATE, and the snapshot's three maps and the reference set are made only when
  // something is asked. Measured in a replay dry run: these were ~10 % of the bytes allocated per bericht.
  let snap: MemoryState | undefined;
  let refs: Set<string> | undefined;
  const addVerzoek = async (ref: string | undefined): Promise<void> => {
    if (ref === undefined || refs?.has(ref)) return;
    (refs ??= new Set()).add(ref);
    const key = verzoekKeyFor(summary, ref);
    const v = await store.verzoek(key);
    if (v) (snap ??= new MemoryState()).putVerzoek(key, v);
  };
  if (summary.heen) {
    const key: HeenKey = { standard: summary.standard, ref: summary.heen };
    const h = await store.heenbericht(key);
    if (h) {
      (snap ??= new MemoryState()).putHeenbericht(key, h);
      await addVerzoek(h.summary.antwoord?.referentieAanbieder);
      for (const it of h.summary.items) await addVerzoek(it.referentieAanbieder);
    }
  }
  await addVerzoek(summary.antwoord?.referentieAanbieder);
  await addVerzoek(summary.verzoekReferentie);
  for (const it of summary.items) {
    await addVerzoek(it.referentieAanbieder);
    if (it.toewijzingNummer !== undefined && (it.datum === undefined || it.categorie === undefined)) {
      const key: ToewijzingKey = {
        standard: summary.standard,
        gemeente: summary.gemeente,
        aanbieder: summary.aanbieder,
        toewijzingNummer: it.toewijzingNummer,
      };
      const t = await store.toewijzing(key);
      if (t) (snap ??= new MemoryState()).putToewijzing(key, t);
    }
  }
  return snap ?? EMPTY_STATE;
}
