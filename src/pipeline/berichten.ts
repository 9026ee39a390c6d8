/**
 * The journal as the API and the console read it: one service over the store's verbs, so transports
 * (src/http) never touch the store. The composition root makes it once per store; a delivered status
 * is the pipeline's word (BerichtStatus.AFGELEVERD), not the caller's.
 */
import type { Db } from '../store/db.js';
import { ID_PATTERN } from '../store/ids.js';
import { berichtenByClient } from '../store/journal/by-client.js';
import { getBericht } from '../store/journal/get.js';
import { getHistory } from '../store/journal/history.js';
import { listBerichten } from '../store/journal/list.js';
import { getRaw } from '../store/journal/raw.js';
import type { BerichtFilter, StatusRow, StoredBericht } from '../store/journal/types.js';
import { confirmPostbus, type ConfirmResult } from '../store/postbus/confirm.js';
import { listPostbus, type PostbusItem } from '../store/postbus/list.js';
import { pingStore } from '../store/ping.js';
import { BerichtStatus } from '../status.js';

export type { BerichtFilter, ConfirmResult, PostbusItem, StatusRow, StoredBericht };

export interface BerichtenService {
  /** Whether `text` has the shape of a journal id (anything else is not found without asking the store). */
  isId(text: string): boolean;
  get(id: string): Promise<StoredBericht | undefined>;
  /** Search in arrival order, oldest or newest first (`after` continues a page). */
  list(filter: BerichtFilter): Promise<StoredBericht[]>;
  /**
   * The conversation of one client: the berichten whose summary carries this keyed client hash,
   * newest first; `party` scopes it to what that party may read (absent: operators, all).
   */
  byClient(clientKey: string, o: { readonly party?: string; readonly limit: number }): Promise<StoredBericht[]>;
  /** The full status history: the statuses stored with the journal row, then later changes. */
  history(id: string): Promise<StatusRow[]>;
  /** The bericht's bytes as received. */
  raw(id: string): Promise<Uint8Array | undefined>;
  /** Unconfirmed postbus items of `party` after the cursor `afterSeq`, oldest first. */
  postbus(party: string, afterSeq: bigint, limit: number): Promise<PostbusItem[]>;
  /** The receiver confirms it has the bericht: it leaves the postbus and the bericht becomes afgeleverd. */
  confirm(party: string, id: string): Promise<ConfirmResult>;
  /** Rejects when the store cannot answer (readiness). */
  ping(): Promise<void>;
}

export function berichtenService(db: Db): BerichtenService {
  return {
    isId: (text) => ID_PATTERN.test(text),
    get: (id) => getBericht(db, id),
    list: (filter) => listBerichten(db, filter),
    byClient: (clientKey, o) => berichtenByClient(db, { clientKey, ...o }),
    history: (id) => getHistory(db, id),
    raw: (id) => getRaw(db, id),
    postbus: (party, afterSeq, limit) => listPostbus(db, party, afterSeq, limit),
    confirm: (party, id) => confirmPostbus(db, party, id, BerichtStatus.AFGELEVERD),
    ping: () => pingStore(db),
  };
}
