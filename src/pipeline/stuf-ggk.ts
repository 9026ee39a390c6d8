/**
 * The StUF-GGk envelopes' referentienummers as the SOAP route uses them (src/http/stuf-ggk.ts):
 * HTTP talks to this service, never to the store. A referentienummer is unique over all envelopes
 * taken in (Fo01 IB016), kept in lower case (a UUID's case carries no meaning).
 */
import type { Db } from '../store/db.js';
import { getStufReferentie } from '../store/stuf-ggk-referentie/get.js';
import { insertStufReferenties } from '../store/stuf-ggk-referentie/insert.js';
import type { StufReferentie } from '../store/stuf-ggk-referentie/types.js';

export type { StufReferentie };

export interface StufReferentieService {
  /** The envelope that used this referentienummer before, if any. */
  get(referentienummer: string): Promise<StufReferentie | undefined>;
  /** Records it; the row holding the number afterwards (another one when a concurrent request was first). */
  record(row: StufReferentie): Promise<StufReferentie>;
}

/**
 * `reads`: where the look-up goes, the gateway's coalesced reads (src/store/read-batch.ts) so that
 * envelopes arriving together share one round trip; the record is a write and goes to `db`.
 */
export function stufReferentieService(db: Db, reads: Db = db): StufReferentieService {
  const record = batched((rows: StufReferentie[]) => insertStufReferenties(db, rows));
  return {
    get: (ref) => getStufReferentie(reads, ref.toLowerCase()),
    record: (row) => record({ ...row, referentienummer: row.referentienummer.toLowerCase() }),
  };
}

/**
 * Calls made during one turn of the event loop go to `run` together (as the group commit gathers its
 * writes): one statement and one commit for the envelopes answered together, instead of one each.
 * A failed batch fails each of its callers.
 */
function batched<T, R>(run: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  const flush = (): void => {
    const batch = queue;
    queue = [];
    run(batch.map((p) => p.item)).then(
      (rs) => batch.forEach((p, i) => p.resolve(rs[i]!)),
      (e: unknown) => batch.forEach((p) => p.reject(e)),
    );
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ item, resolve, reject });
    });
}
