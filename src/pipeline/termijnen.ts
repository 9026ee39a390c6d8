/**
 * Termijnen and the links between berichten as the API and the CLI read them: one service over the
 * store's verbs (src/http never touches the store). Links come from the termijnen: an answer is linked
 * to the heenbericht whose termijn it closed (decision 0025).
 */
import { CATALOG, RETOUR_VAN, type BerichtNummer } from '../standard/catalog.js';
import type { Db } from '../store/db.js';
import { termijnGauges, type TermijnGaugeRow } from '../store/termijn/gauges.js';
import { termijnLinks, type KoppelingRow } from '../store/termijn/links.js';
import { listTermijnen, type TermijnFilter } from '../store/termijn/list.js';
import type { TermijnRow } from '../store/termijn/types.js';

export type { KoppelingRow, TermijnFilter, TermijnGaugeRow, TermijnRow };

export interface TermijnenService {
  list(filter: TermijnFilter): Promise<TermijnRow[]>;
  links(berichtId: string): Promise<KoppelingRow[]>;
  gauges(today: string): Promise<TermijnGaugeRow[]>;
}

export function termijnenService(db: Db): TermijnenService {
  return {
    list: (f) => listTermijnen(db, f),
    links: (id) => termijnLinks(db, id),
    gauges: (today) => termijnGauges(db, today),
  };
}

/** A termijn as the API and `sluis termijnen --json` show it. */
export function termijnView(t: TermijnRow): Record<string, unknown> {
  return {
    id: Number(t.seq),
    status: t.status,
    regel: t.regel,
    ...(t.voorwaarde ? { voorwaarde: t.voorwaarde } : {}),
    bericht: t.bericht,
    berichtId: t.bericht_id,
    standard: t.standard,
    wachtOp: t.wacht_op,
    gemeente: t.gemeente,
    aanbieder: t.aanbieder,
    afzender: t.afzender,
    schuldenaar: t.schuldenaar,
    geopendOp: t.geopend_op,
    uiterlijk: t.uiterlijk,
    ...(t.gesloten_door ? { geslotenDoor: t.gesloten_door, geslotenBericht: t.gesloten_bericht, geslotenOp: t.gesloten_op } : {}),
    ...(t.verlopen_op ? { verlopenOp: t.verlopen_op } : {}),
    links: {
      bericht: `/api/v1/berichten/${t.bericht_id}`,
      ...(t.gesloten_door ? { antwoord: `/api/v1/berichten/${t.gesloten_door}` } : {}),
    },
  };
}

/** The message Sluis answered a rejected bericht with (its retourbericht; a 325 for a 323), by journal `bericht` ('JW301'). */
export function sluisRetourNummer(bericht: string): BerichtNummer | undefined {
  const n = /(3[0-9]{2})$/.exec(bericht)?.[1] as BerichtNummer | undefined;
  if (!n || !(n in CATALOG)) return undefined;
  return RETOUR_VAN[n] ?? CATALOG[n].antwoorden[0];
}
