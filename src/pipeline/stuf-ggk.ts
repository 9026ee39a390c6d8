/**
 * The StUF-GGk envelopes' referentienummers as the SOAP route uses them (src/http/stuf-ggk.ts):
 * HTTP talks to this service, never to the store. A referentienummer is unique over all envelopes
 * taken in (Fo01 IB016), kept in lower case (a UUID's case carries no meaning).
 */
import type { Db } from '../store/db.js';
import { getStufReferentie } from '../store/stuf-ggk-referentie/get.js';
import { insertStufReferentie } from '../store/stuf-ggk-referentie/insert.js';
import type { StufReferentie } from '../store/stuf-ggk-referentie/types.js';

export type { StufReferentie };

export interface StufReferentieService {
  /** The envelope that used this referentienummer before, if any. */
  get(referentienummer: string): Promise<StufReferentie | undefined>;
  /** Records it; the row holding the number afterwards (another one when a concurrent request was first). */
  record(row: StufReferentie): Promise<StufReferentie>;
}

export function stufReferentieService(db: Db): StufReferentieService {
  return {
    get: (ref) => getStufReferentie(db, ref.toLowerCase()),
    record: (row) => insertStufReferentie(db, { ...row, referentienummer: row.referentienummer.toLowerCase() }),
  };
}
