/**
 * The journal as the API and the console read it: one service over the store's verbs, so transports
 * (src/http) never touch the store. The composition root makes it once per store; a delivered status
 * is the pipeline's word (BerichtStatus.AFGELEVERD), not the caller's.
 *
 * Every read of personal data takes a `Toegang` (who, which route): the type makes it required, so a
 * transport (API, console, CLI) cannot read a bericht without it landing in the access log
 * (src/pipeline/toegangslog.ts, decision 0033). The XML is only handed out for a bericht read with
 * lezing 'xml' (`raw` takes that read's result, not an id).
 */
import type { Principal } from '../config/parties.js';
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
import type { Lezer, LezingCode, Toegang, ToegangslogService } from './toegangslog.js';

export type { BerichtFilter, ConfirmResult, PostbusItem, StatusRow, StoredBericht };
export type { Toegang } from './toegangslog.js';

declare const gelezen: unique symbol;
/** A bericht read through `get` (and so in the access log). */
export type GelezenBericht = StoredBericht & { readonly [gelezen]: LezingCode };

/** Operators (and the CLI on the server); the sender, the addressee, and a party that posted it for the sender (submitted_by). */
export function mayRead(p: Lezer | Principal, row: Pick<StoredBericht, 'sender' | 'addressee' | 'submitted_by'>): boolean {
  return p.kind !== 'party' || row.sender === p.party.code || row.addressee === p.party.code || row.submitted_by === p.party.code;
}

/**
 * What asking for one bericht gave: the row only when it was read (and recorded). A refusal carries no
 * row, so no caller can hand a bericht to someone who may not read it by forgetting a check.
 */
export type Lezing =
  | { readonly kind: 'gelezen'; readonly row: GelezenBericht }
  /** It exists, but this actor may not read it (the API answers 403); nothing is recorded. */
  | { readonly kind: 'geweigerd' }
  /** Lezing 'retour' of a bericht Sluis made no retour for (the API answers 404); nothing is recorded. */
  | { readonly kind: 'geen-retour' };

export interface BerichtenService {
  /** Whether `text` has the shape of a journal id (anything else is not found without asking the store). */
  isId(text: string): boolean;
  /**
   * One bericht, recorded in the access log as read (`lezing`: the entry itself, its XML, its retour, or
   * in a conversation) when it exists and `toegang.actor` may read it (mayRead); a refused or missing
   * one is not a read.
   */
  get(id: string, toegang: Toegang, lezing?: Exclude<LezingCode, 'lijst'>): Promise<Lezing | undefined>;
  /** Search in arrival order (`after` continues a page); every bericht listed is recorded (lezing 'lijst'). */
  list(filter: BerichtFilter, toegang: Toegang): Promise<StoredBericht[]>;
  /**
   * The conversation of one client: the berichten whose summary carries this keyed client hash,
   * newest first; `party` scopes it to what that party may read (absent: operators, all). Each one
   * is recorded in the access log (lezing 'conversatie').
   */
  byClient(clientKey: string, o: { readonly party?: string; readonly limit: number }, toegang: Toegang): Promise<StoredBericht[]>;
  /** The full status history: the statuses stored with the journal row, then later changes. */
  history(id: string): Promise<StatusRow[]>;
  /** The bytes as received of a bericht read with lezing 'xml'. */
  raw(read: GelezenBericht): Promise<Uint8Array | undefined>;
  /** Unconfirmed postbus items of `party` after the cursor `afterSeq`, oldest first. */
  postbus(party: string, afterSeq: bigint, limit: number): Promise<PostbusItem[]>;
  /** The receiver confirms it has the bericht: it leaves the postbus and the bericht becomes afgeleverd. */
  confirm(party: string, id: string): Promise<ConfirmResult>;
  /** Rejects when the store cannot answer (readiness). */
  ping(): Promise<void>;
}

export function berichtenService(db: Db, log: ToegangslogService): BerichtenService {
  return {
    isId: (text) => ID_PATTERN.test(text),
    async get(id, toegang, lezing = 'bericht') {
      const row = await getBericht(db, id);
      // Not a read: missing, not this actor's, or a retour that does not exist.
      if (!row) return undefined;
      if (!mayRead(toegang.actor, row)) return { kind: 'geweigerd' };
      if (lezing === 'retour' && !row.retour_xml) return { kind: 'geen-retour' };
      await log.record(toegang, lezing, [row.id]);
      return { kind: 'gelezen', row: row as GelezenBericht };
    },
    async list(filter, toegang) {
      const rows = await listBerichten(db, filter);
      await log.record(
        toegang,
        'lijst',
        rows.map((r) => r.id),
      );
      return rows;
    },
    async byClient(clientKey, o, toegang) {
      const rows = await berichtenByClient(db, { clientKey, ...o });
      await log.record(
        toegang,
        'conversatie',
        rows.map((r) => r.id),
      );
      return rows;
    },
    history: (id) => getHistory(db, id),
    raw: (read) => getRaw(db, read.id),
    postbus: (party, afterSeq, limit) => listPostbus(db, party, afterSeq, limit),
    confirm: (party, id) => confirmPostbus(db, party, id, BerichtStatus.AFGELEVERD),
    ping: () => pingStore(db),
  };
}
