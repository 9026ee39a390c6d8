/**
 * Order for the stateful rules (docs/decisions/0024-conversation-order.md): a bericht is decided
 * against a state that holds every earlier accepted bericht of the same conversation. Two berichten
 * share a conversation when they share an order key:
 * - `standard|aanbieder|client` (exclusive): one client of one aanbieder in one domain — every
 *   question keyed by client (toewijzing, regie: per gemeente too; openVerzoeken: across gemeenten,
 *   which is why the gemeente is not in the key);
 * - `standard|aanbieder|323` (exclusive): a declaratie — DeclaratieNummer is unique per aanbieder
 *   per domain (TR333), so one aanbieder's declaraties are decided one at a time;
 * - `standard|aanbieder|referentie R` (exclusive): a ReferentieAanbieder — the verzoek, its
 *   toewijzing and its antwoord are asked about by reference (TR347, TR355, TR359, TR360, …), and a
 *   319 names no client;
 * - `standard|gemeente G|toewijzing N` (exclusive): a 301's ToewijzingNummer, unique per gemeente
 *   in the domain across aanbieders (TR332);
 * - `standard|aanbieder` (the scope): shared by every bericht with keys of the aanbieder, exclusive
 *   for a bericht with more than MAX_CLIENT_KEYS clients and references (a monthly declaratie: one
 *   lock, not hundreds), which then watches those keys (CommitOrder.watch).
 * Without a clientKeySecret the rules keyed by client are not assessed (decide-conversation.ts) and a
 * BSN must never become a lock key: only the keys by number and reference are taken then.
 * In one process `KeyedLocks` holds the keys from before the decision until the journal write has
 * committed; across instances on one PostgreSQL the group commit takes the same keys as
 * transaction-scoped advisory locks (src/store/group-commit.ts).
 */
import { createHash } from 'node:crypto';
import { NUMMER, VERZENDER } from '../standard/catalog.js';
import type { BerichtNummer } from '../standard/catalog.js';

export interface OrderKey {
  readonly key: string;
  readonly exclusive: boolean;
}

/** Above this many clients a bericht takes its aanbieder's scope exclusively (one lock, not hundreds). */
export const MAX_CLIENT_KEYS = 16;

/** The keys a bericht takes, and the client keys a scope-exclusive one watches (see CommitOrder.watch). */
export interface OrderClaim {
  readonly keys: readonly OrderKey[];
  readonly watch: readonly string[];
}

export function orderKeys(o: {
  readonly standard: string;
  readonly nummer: BerichtNummer;
  readonly afzender: string;
  readonly ontvanger: string;
  /** Keyed hashes of the bericht's BSNs; absent when there is no clientKeySecret. */
  readonly clients: readonly string[] | undefined;
  /** The ReferentieAanbieder values it carries (315/317 verzoeken, 301 lines, 319 antwoorden). */
  readonly referenties?: readonly string[];
  /** A 301's ToewijzingNummers (unique per gemeente in the domain, whichever aanbieder: TR332). */
  readonly toewijzingNummers?: readonly string[];
}): OrderClaim {
  const fromGemeente = VERZENDER[o.nummer] === 'gemeente';
  const [gemeente, aanbieder] = fromGemeente ? [o.afzender, o.ontvanger] : [o.ontvanger, o.afzender];
  const scope = `${o.standard}|${aanbieder}`;
  const uniq = (xs: readonly string[] | undefined): string[] => [...new Set(xs ?? [])];
  const clients = uniq(o.clients).map((c) => `${scope}|${c}`);
  const referenties = uniq(o.referenties).map((r) => `${scope}|referentie ${r}`);
  // Gemeente-wide, beside the aanbieder's scope: another aanbieder's 301 may carry the same number.
  const nummers = uniq(o.toewijzingNummers).map((n) => ({ key: `${o.standard}|gemeente ${gemeente}|toewijzing ${n}`, exclusive: true }));
  const declaratie = o.nummer === NUMMER.declaratie;
  // DeclaratieNummer is unique per aanbieder per domain (TR333): one aanbieder's declaraties one at a time.
  const own = [...(declaratie ? [`${scope}|${NUMMER.declaratie}`] : []), ...clients, ...referenties];
  if (own.length - (declaratie ? 1 : 0) > MAX_CLIENT_KEYS)
    return { keys: [{ key: scope, exclusive: true }, ...nummers], watch: [...clients, ...referenties] };
  if (own.length === 0) return { keys: nummers, watch: [] };
  return { keys: [{ key: scope, exclusive: false }, ...own.map((key) => ({ key, exclusive: true })), ...nummers], watch: [] };
}

/**
 * A key as a PostgreSQL advisory lock id (int8, decimal text): the first 8 bytes of its SHA-256. The
 * key holds a keyed client hash, never a BSN, so pg_locks shows nothing a reader could reverse.
 */
export function lockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

interface Held {
  readers: number;
  writer: boolean;
  readonly queue: { readonly exclusive: boolean; readonly grant: () => void }[];
}

/**
 * Readers–writer locks by key, first come first served: a waiter is granted only when no one is
 * ahead of it in its key's queue. A bericht takes its keys in sorted order (no deadlock between two
 * berichten that share several); without waiting when none is held (the common case costs no tick).
 */
export class KeyedLocks {
  private readonly held = new Map<string, Held>();

  /** Waits for every key; resolves with the release (idempotent). */
  async acquire(keys: readonly OrderKey[]): Promise<() => void> {
    const sorted = normalise(keys);
    for (const k of sorted) {
      const wait = this.take(k);
      if (wait) await wait;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of sorted) this.give(k);
    };
  }

  /** Keys held or waited for (tests: nothing leaks). */
  get size(): number {
    return this.held.size;
  }

  private take(k: OrderKey): Promise<void> | undefined {
    let h = this.held.get(k.key);
    if (!h) {
      h = { readers: 0, writer: false, queue: [] };
      this.held.set(k.key, h);
    }
    if (h.queue.length === 0 && !h.writer && (!k.exclusive || h.readers === 0)) {
      if (k.exclusive) h.writer = true;
      else h.readers++;
      return undefined;
    }
    const entry = h;
    return new Promise<void>((grant) => entry.queue.push({ exclusive: k.exclusive, grant }));
  }

  private give(k: OrderKey): void {
    const h = this.held.get(k.key);
    if (!h) return;
    if (k.exclusive) h.writer = false;
    else h.readers--;
    while (h.queue.length > 0 && !h.writer) {
      const next = h.queue[0]!;
      if (next.exclusive && h.readers > 0) break;
      h.queue.shift();
      if (next.exclusive) h.writer = true;
      else h.readers++;
      next.grant();
    }
    if (!h.writer && h.readers === 0 && h.queue.length === 0) this.held.delete(k.key);
  }
}

/** One entry per key (exclusive wins), in key order. */
export function normalise(keys: readonly OrderKey[]): OrderKey[] {
  const m = new Map<string, boolean>();
  for (const k of keys) m.set(k.key, (m.get(k.key) ?? false) || k.exclusive);
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, exclusive]) => ({ key, exclusive }));
}
