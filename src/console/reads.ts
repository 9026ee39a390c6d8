/**
 * Every read of a bericht's personal data the console makes — the bericht, its XML, its retour, the
 * conversation of its client — goes through this one object, with who reads it. Access is the API's
 * rule (src/http/api.ts canRead): operators all, a party what it sent or was routed; anything else
 * is "not found" (the console does not say that a bericht exists). An access log hooks in here.
 */
import type { Principal } from '../config/parties.js';
import { canRead } from '../http/api.js';
import type { BerichtenService, StoredBericht } from '../pipeline/berichten.js';

/** The route every console read is recorded under. */
export const CONSOLE_ROUTE = 'console';

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
      const row = await berichten.get(id);
      return row && canRead(who, row) ? row : undefined;
    },
    async xml(who, row) {
      return canRead(who, row) ? berichten.raw(row.id) : undefined;
    },
    async retour(who, row) {
      return canRead(who, row) ? (row.retour_xml ?? undefined) : undefined;
    },
    async conversation(who, clientKey, limit) {
      const rows = await berichten.byClient(clientKey, { limit, ...(who.kind === 'party' ? { party: who.party.code } : {}) });
      return rows.filter((r) => canRead(who, r));
    },
  };
}

/** The keyed client hashes of a journaled bericht (its summary's `clientKeys`; none without a clientKeySecret). */
export function clientKeysOf(row: StoredBericht): string[] {
  const keys = (row.summary as { clientKeys?: unknown } | null)?.clientKeys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
