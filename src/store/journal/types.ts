/**
 * The journal's rows as the store reads and writes them. The verbs live one per file beside this
 * (insert.ts, get.ts, list.ts, …), graphile-worker style: a table's SQL is found by table and verb.
 */

/** A postbus row written with its journal row: the addressee fetches it over the API. */
export interface PostbusWrite {
  readonly party: string;
  readonly kind: 'bericht' | 'retour';
}

/** An outbox row written with its journal row; a channel's worker drains it. */
export interface OutboxWrite {
  readonly channel: string;
  readonly destination: string;
  /** Unique over the outbox: a second write of the same delivery is dropped (ON CONFLICT DO NOTHING). */
  readonly deliveryKey: string;
  readonly payload: unknown;
}

export interface JournalWrite {
  readonly id: string;
  readonly receivedAt: Date;
  readonly standard: string;
  readonly bericht: string;
  readonly berichtCode: string;
  readonly afzender: string;
  readonly ontvanger: string;
  /** The party that sent it (decided by message direction, not by the header's Afzender). */
  readonly sender: string;
  /** The party that posted it when that is not `sender` (a hoofdaannemer acting for the gemeente); else null/absent. */
  readonly submittedBy?: string | null;
  readonly addressee: string | null;
  readonly identificatie: string;
  /** `sender|BerichtCode|Identificatie` for TR056; null for a row that answers a duplicate. */
  readonly idemKey: string | null;
  readonly sha256: string;
  readonly raw: Uint8Array;
  readonly summary: unknown;
  readonly status: string;
  readonly decision: unknown;
  readonly issues: unknown;
  readonly retourXml: string | null;
  readonly duplicateOf: string | null;
  /** The statuses passed while taken in, stored on the journal row (`at` filled in if absent). */
  readonly history: readonly { readonly status: string; readonly at?: Date; readonly detail?: unknown }[];
  readonly postbus: readonly PostbusWrite[];
  readonly outbox: readonly OutboxWrite[];
  /** When `sluis import` took it in (history: never delivered); absent/null for live traffic. */
  readonly importedAt?: Date | null;
}

/** What a stored bericht answers with (idempotent replay, GET). */
export interface StoredBericht {
  id: string;
  received_at: Date | string;
  standard: string;
  bericht: string;
  bericht_code: string;
  afzender: string;
  ontvanger: string;
  sender: string;
  submitted_by: string | null;
  addressee: string | null;
  identificatie: string;
  idem_key: string | null;
  sha256: string;
  summary: unknown;
  status: string;
  decision: unknown;
  issues: unknown;
  retour_xml: string | null;
  duplicate_of: string | null;
  /** Set when `sluis import` took it in (migration 0161). */
  imported_at?: Date | string | null;
}

export type WriteResult = { kind: 'inserted' } | { kind: 'conflict'; existing: StoredBericht };

export interface StatusRow {
  status: string;
  at: Date | string;
  detail: unknown;
}

export interface BerichtFilter {
  /** Only berichten this party sent or that were routed to it (absent: all, for operators). */
  readonly party?: string;
  readonly status?: string;
  readonly bericht?: string;
  readonly identificatie?: string;
  readonly afzender?: string;
  readonly ontvanger?: string;
  /** A party code that is sender, addressee, submitter, Afzender or Ontvanger (narrows further; `party` scopes). */
  readonly partij?: string;
  /** A decision rule among the decision's reasons (`TM-DECL`, `OG-DECL`, a conversation rule, …). */
  readonly rule?: string;
  /** A contract among the decision's contractIds. */
  readonly contract?: string;
  /** received_at ≥ from, < to (ISO timestamps). */
  readonly from?: string;
  readonly to?: string;
  /** Journal id to continue after (ids sort by arrival; with `newest`, the page continues below it). */
  readonly after?: string;
  /** Arrival order: `oldest` first (default) or `newest` first. */
  readonly order?: 'oldest' | 'newest';
  readonly limit: number;
}
