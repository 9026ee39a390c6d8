/**
 * The access log of personal data (issue 25 item 6, decision 0033): every read of a bericht, its XML,
 * its retour, a conversation or a list of berichten, by whom, when, through which route, recorded
 * before the data leaves the service (src/pipeline/berichten.ts takes a required `Toegang` on every
 * read, so a transport cannot forget it). Append-only in its own table (the database refuses UPDATE
 * and DELETE), apart from the application log; ids and codes only, never a BSN.
 *
 * Writes are grouped: reads that arrive while an insert is in flight share the next one (one
 * statement for many entries), and every read waits for its entries to be stored — a read whose
 * entry cannot be written fails instead of going unlogged.
 */
import type { Principal } from '../config/parties.js';
import type { Db } from '../store/db.js';
import { appendToegangslog } from '../store/toegangslog/append.js';
import { searchToegangslog, type ToegangslogFilter } from '../store/toegangslog/search.js';
import type { ToegangslogEntry } from '../store/toegangslog/types.js';

/** Through which door a read came. */
export const LeesRoute = {
  /** The JSON API (/api/v1/berichten…). */
  api: 'api',
  /** The operator console in the browser (/console). */
  console: 'console',
  /** A `sluis` command on the server. */
  cli: 'cli',
} as const;
export type LeesRouteCode = keyof typeof LeesRoute;

/** What was read. */
export const Lezing = {
  /** A bericht's journal entry: header facts, decision, issues (GET /api/v1/berichten/{id}). */
  bericht: 'bericht',
  /** The bericht's XML as received (GET …/xml): the BSN and the client's data. */
  xml: 'xml',
  /** The retourbericht Sluis made for it (GET …/retour). */
  retour: 'retour',
  /** The bericht shown in the conversation of its client (keyed hash), e.g. in the console. */
  conversatie: 'conversatie',
  /** The bericht listed in a search result (GET /api/v1/berichten). */
  lijst: 'lijst',
} as const;
export type LezingCode = keyof typeof Lezing;

/** Who reads: an authenticated API key (operator or party), or a person running a command on the server. */
export type Lezer = Principal | { readonly kind: 'cli'; readonly name: string };

/** Required on every read of personal data: who and through which route. */
export interface Toegang {
  readonly actor: Lezer;
  readonly route: LeesRouteCode;
}

/** The logged identity: operator by name, a party by its code, the key by its id (never the key). */
export function actorFields(actor: Lezer): Pick<ToegangslogEntry, 'actorSoort' | 'actor'> & { readonly sleutel?: string } {
  if (actor.kind === 'cli') return { actorSoort: 'cli', actor: actor.name };
  if (actor.kind === 'operator') return { actorSoort: 'operator', actor: actor.name, sleutel: actor.keyId };
  return { actorSoort: actor.party.role, actor: actor.party.code, sleutel: actor.keyId };
}

export interface ToegangslogItem {
  readonly seq: string;
  readonly gelezenOp: string;
  readonly actorSoort: string;
  readonly actor: string;
  readonly sleutel?: string;
  readonly route: string;
  readonly lezing: string;
  readonly berichtId: string;
}

export interface ToegangslogService {
  /** Records that `toegang` read `lezing` of each bericht; resolves once stored. */
  record(toegang: Toegang, lezing: LezingCode, berichtIds: readonly string[]): Promise<void>;
  /** Newest first. */
  search(filter: ToegangslogFilter): Promise<ToegangslogItem[]>;
}

export type { ToegangslogFilter };

export function toegangslogService(db: Db, now: () => Date): ToegangslogService {
  let pending: { entries: ToegangslogEntry[]; done: (err?: unknown) => void }[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await appendToegangslog(
          db,
          batch.flatMap((b) => b.entries),
        );
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    flushing = false;
  };
  return {
    record(toegang, lezing, berichtIds) {
      if (berichtIds.length === 0) return Promise.resolve();
      const at = now();
      const who = actorFields(toegang.actor);
      const entries = berichtIds.map((berichtId): ToegangslogEntry => ({ gelezenOp: at, ...who, route: toegang.route, lezing, berichtId }));
      return new Promise<void>((resolve, reject) => {
        pending.push({ entries, done: (err) => (err === undefined ? resolve() : reject(err as Error)) });
        if (!flushing) void flush();
      });
    },
    async search(filter) {
      const rows = await searchToegangslog(db, filter);
      return rows.map((r) => ({
        seq: r.seq,
        gelezenOp: r.gelezen_op.toISOString(),
        actorSoort: r.actor_soort,
        actor: r.actor,
        ...(r.sleutel ? { sleutel: r.sleutel } : {}),
        route: r.route,
        lezing: r.lezing,
        berichtId: r.bericht_id,
      }));
    },
  };
}
