/**
 * Every read of a bericht's personal data the console makes — the bericht, its XML, its retour, the
 * conversation of its client — goes through this one object, with who reads it. Access is the API's
 * rule (src/http/api.ts canRead): operators all, a party what it sent or was routed; anything else
 * is "not found" (the console does not say that a bericht exists). Each read lands in the access log
 * (decision 0033) with route `console`: the berichten service takes who and the route on every read.
 */
import type { Principal } from '../config/parties.js';
import { canRead } from '../http/api.js';
import type { BerichtenService, StoredBericht, Toegang } from '../pipeline/berichten.js';

/** The route every console read is recorded under. */
export const CONSOLE_ROUTE = 'console';

const toegang = (who: Principal): Toegang => ({ actor: who, route: CONSOLE_ROUTE });

export interface ConsoleReads {
  bericht(who: Principal, id: string): Promise<StoredBericht | undefined>;
  xml(who: Principal, row: StoredBericht): Promise<Uint8Array | undefined>;
  /** The retourbericht Sluis made for it, if any. */
  retour(who: Principal, row: StoredBericht): Promise<string | undefined>;
  /** The berichten about the same client (keyed hash), newest first, only those `who` may read. */
  conversation(who: Principal, clientKey: string, limit: number): Promise<StoredBericht[]>;
}

export function consoleReads(berichten: BerichtenService): ConsoleReads {
  return {
    async bericht(who, id) {
      if (!berichten.isId(id)) return undefined;
      const read = await berichten.get(id, toegang(who), 'bericht');
      return read?.kind === 'gelezen' && canRead(who, read.row) ? read.row : undefined;
    },
    async xml(who, row) {
      if (!canRead(who, row)) return undefined;
      const read = await berichten.get(row.id, toegang(who), 'xml');
      return read?.kind === 'gelezen' ? berichten.raw(read.row) : undefined;
    },
    async retour(who, row) {
      if (!canRead(who, row)) return undefined;
      const read = await berichten.get(row.id, toegang(who), 'retour');
      return read?.kind === 'gelezen' ? (read.row.retour_xml ?? undefined) : undefined;
    },
    async conversation(who, clientKey, limit) {
      const rows = await berichten.byClient(clientKey, { limit, ...(who.kind === 'party' ? { party: who.party.code } : {}) }, toegang(who));
      return rows.filter((r) => canRead(who, r));
    },
  };
}

/** The keyed client hashes of a journaled bericht (its summary's `clientKeys`; none without a clientKeySecret). */
export function clientKeysOf(row: StoredBericht): string[] {
  const keys = (row.summary as { clientKeys?: unknown } | null)?.clientKeys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
