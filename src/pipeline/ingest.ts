/**
 * The ingest pipeline, transport-free:
 * parse/identify → validate (L1+L2) → authorise sender → idempotency (TR056) → decide (and the
 * conversation rules) → journal + the delivery channels' postbus/outbox rows in ONE atomic statement
 * (group commit) → outcome. Nothing is written for an L1 failure or a refused caller, so "nothing
 * half-stored" holds by construction: the only write is that final statement.
 *
 * A conversation finding enforced for the gemeente (decide-conversation.ts) rejects the bericht like
 * an L2 failure does: status afgekeurd, the findings as L3 issues, the retourbericht to the sender.
 * Imported history (`{ imported }`, src/app/import.ts) goes the same way but is never delivered: no
 * postbus or outbox rows (and the Kafka trigger skips it), status geimporteerd where live traffic
 * would be klaargezet.
 */
import { createHash } from 'node:crypto';
import { clientKeyFn } from './client-key.js';
import type { MessageDef } from '../standard/model.js';
import type { ValidationIssue } from '../validation/issues.js';
import type { Principal } from '../config/parties.js';
import type { Db } from '../store/db.js';
import type { CommitOrder, GroupCommitter } from '../store/group-commit.js';
import { readConversationClock } from '../store/conversation-clock/read.js';
import { lockId, normalise, orderKeys, type KeyedLocks } from './conversation-order.js';
import { SummaryError, summarize, type BerichtSummary } from '../decision/summary.js';
import { NUMMER } from '../standard/catalog.js';
import type { JournalWrite, StoredBericht } from '../store/journal/types.js';
import { planDelivery, planRetourDelivery, type DeliveryChannel } from '../deliver/channel.js';
import { newId } from '../store/ids.js';
import { collectBsns, direction, headerFacts } from './identify.js';
import { conversationRejection } from './decide-conversation.js';
import { BerichtStatus } from '../status.js';
import type { BuildRetourFn, DecideFn, Decision, HeaderFacts, IngestValidateFn } from './types.js';

export interface IngestDeps {
  readonly db: Db;
  /** Read-only statements of concurrent berichten coalesced (src/store/read-batch.ts); default `db`. */
  readonly reads?: Db;
  readonly committer: GroupCommitter;
  readonly validate: IngestValidateFn;
  readonly buildRetour: BuildRetourFn;
  readonly decide: DecideFn;
  /**
   * Parties besides the sender (by message direction) that may post this bericht: a hoofdaannemer
   * acting for the gemeente towards its PxQ onderaannemer where a contract says so
   * (src/contracts toegestaneVerzenders). Absent: only the sender itself.
   */
  readonly allowedSenders?: (q: {
    readonly message: MessageDef;
    readonly sender: string;
    readonly counterparty: string;
  }) => readonly string[];
  /** The delivery channels (src/deliver createChannels): they plan the rows of a routed bericht. */
  readonly channels: readonly DeliveryChannel[];
  /** Keyed hash secret for client keys in summaries; absent → no client keys. */
  readonly clientKeySecret?: string;
  /**
   * Order for the stateful rules (src/pipeline/conversation-order.ts): berichten sharing an order key
   * are decided one after the other, each after the earlier one's journal write committed. `arbitrate`
   * (PostgreSQL): the decision's conversation_clock versions go with the write, so the group commit can
   * lock the keys across instances and decide again when another instance moved them. Absent: no order.
   */
  readonly order?: { readonly locks: KeyedLocks; readonly arbitrate: boolean };
  readonly retourId: () => string;
  /** YYYY-MM-DD in Europe/Amsterdam. */
  readonly today: () => string;
}

/** The JSON a POST answers with (and a byte-identical re-post gets again). */
export interface BerichtReceipt {
  readonly id: string;
  readonly standard: string;
  readonly bericht: string;
  readonly status: string;
  readonly decision: Decision | null;
  readonly issues: readonly ValidationIssue[];
  /** The retourbericht Sluis made (L2/L3 rejection), when the standard has one for this message. */
  readonly retour?: string;
  readonly duplicateOf?: string;
}

/** How one bericht is taken in: live (default) or as imported history. */
export interface IngestOptions {
  /** When `sluis import` took it in: run the whole pipeline, deliver nothing, mark the row imported. */
  readonly imported?: Date;
}

export type IngestFn = (raw: Uint8Array, principal: Principal, receivedAt: Date, opts?: IngestOptions) => Promise<IngestOutcome>;

export type IngestOutcome =
  | { readonly kind: 'l1-invalid'; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'forbidden-sender'; readonly detail: string }
  | {
      readonly kind: 'stored';
      readonly receipt: BerichtReceipt;
      readonly replay: boolean;
      readonly header: HeaderFacts;
      readonly sender: string;
    };

const TR056_ISSUE: ValidationIssue = {
  level: 'L3',
  path: '/Bericht/Header/BerichtIdentificatie/Identificatie',
  code: 'TR056',
  rule: 'TR056',
  retourCode: '9056',
  message: 'Identificatie was already used by this sender for this berichtsoort, with different content',
};

export function receiptOf(row: StoredBericht): BerichtReceipt {
  return {
    id: row.id,
    standard: row.standard,
    bericht: row.bericht,
    status: row.status,
    decision: (row.decision ?? null) as Decision | null,
    issues: (row.issues ?? []) as ValidationIssue[],
    ...(row.retour_xml ? { retour: row.retour_xml } : {}),
    ...(row.duplicate_of ? { duplicateOf: row.duplicate_of } : {}),
  };
}

export function createIngest(deps: IngestDeps): IngestFn {
  // The same keyed hash as the conversation facts (src/pipeline/client-key.ts), made once per gateway.
  const clientKey = deps.clientKeySecret ? clientKeyFn(deps.clientKeySecret) : undefined;
  const summaryOf = (
    message: MessageDef,
    bsns: ReadonlySet<string>,
    h: HeaderFacts,
    today: string,
    clients: string[] | undefined,
  ): Record<string, unknown> => {
    const s: Record<string, unknown> = {
      // The day of receipt by the injected clock: termijnen run from it (src/pipeline/termijn-tracker.ts).
      ontvangen: today,
      standard: message.standard,
      bericht: message.id,
      berichtCode: h.berichtCode,
      afzender: h.afzender,
      ontvanger: h.ontvanger,
      identificatie: h.identificatie,
      dagtekening: h.dagtekening,
      clients: bsns.size,
    };
    // A keyed hash, never the BSN: lets Kafka keep one client's berichten in order and lets an
    // operator correlate, without anyone holding the table being able to reverse it.
    if (clients) s.clientKeys = clients;
    return s;
  };

  return async function ingest(raw, principal, receivedAt, opts = {}) {
    const importedAt = opts.imported ?? null;
    const today = deps.today();
    const outcome = await deps.validate(raw, { today });
    const validatedAt = new Date();
    if (!outcome.l1Valid || !outcome.message || !outcome.bericht) return { kind: 'l1-invalid', issues: outcome.issues };
    const message = outcome.message;
    const bericht = outcome.bericht;
    const h = headerFacts(bericht);
    const { sender, counterparty } = direction(message, h);
    // An import is an operator's act on history: the bericht's own sender counts as its submitter.
    if (principal.kind !== 'party' && !importedAt) {
      return { kind: 'forbidden-sender', detail: 'operators read berichten; only a gemeente or aanbieder can send one' };
    }
    const submitter = principal.kind === 'party' && !importedAt ? principal.party.code : sender;
    if (submitter !== sender && !(deps.allowedSenders?.({ message, sender, counterparty }).includes(submitter) ?? false)) {
      return {
        kind: 'forbidden-sender',
        detail: `the sender of this ${message.id} is ${sender} (by message direction), but the API key belongs to ${submitter}`,
      };
    }
    const sha256 = outcome.digest?.sha256 ?? createHash('sha256').update(raw).digest('hex');
    const bsns = outcome.digest ? new Set(outcome.digest.bsns) : collectBsns(bericht);
    // TR056 numbers are the sender's; a hoofdaannemer posting for the gemeente numbers its own, so its
    // berichten get a key of their own and cannot take (and 9056) an Identificatie the gemeente uses later.
    const idemKey =
      submitter === sender ? `${sender}|${h.berichtCode}|${h.identificatie}` : `${sender}|${h.berichtCode}|${h.identificatie}|${submitter}`;
    const clients = clientKey ? [...bsns].map(clientKey) : undefined;
    const summary = summaryOf(message, bsns, h, today, clients);
    const submittedBy = submitter !== sender ? submitter : null;
    // One literal with every field in one order (not `{ ...base, … }`): a spread followed by ten
    // more properties grew each write's property store step by step (perf under HTTP load showed
    // JSObject::MigrateToMap and new descriptor arrays here).
    const journalWrite = (
      w: Pick<
        JournalWrite,
        'id' | 'addressee' | 'idemKey' | 'status' | 'decision' | 'issues' | 'retourXml' | 'duplicateOf' | 'history' | 'postbus' | 'outbox'
      >,
    ): JournalWrite => ({
      id: w.id,
      receivedAt,
      standard: message.standard,
      bericht: message.id,
      berichtCode: h.berichtCode,
      afzender: h.afzender,
      ontvanger: h.ontvanger,
      sender,
      submittedBy,
      addressee: w.addressee,
      identificatie: h.identificatie,
      idemKey: w.idemKey,
      sha256,
      raw,
      summary,
      status: w.status,
      decision: w.decision,
      issues: w.issues,
      retourXml: w.retourXml,
      duplicateOf: w.duplicateOf,
      history: w.history,
      postbus: importedAt ? [] : w.postbus,
      outbox: importedAt ? [] : w.outbox,
      importedAt,
    });

    const rejectWith = (issues: readonly ValidationIssue[], duplicateOf: string | null, extra?: Record<string, unknown>): JournalWrite => {
      const id = newId(receivedAt.getTime());
      let retourXml: string | null = null;
      let retourKind: string | undefined;
      let retourError: string | undefined;
      try {
        const r = deps.buildRetour({ message, bericht }, { issues }, { identificatieRetour: deps.retourId(), today });
        retourXml = r.xml;
        retourKind = r.kind;
      } catch (err) {
        // 325 and retours get no answer, nor does a 323 rejected only inside the declaratie (the
        // gemeente answers that); a 323 rejected on L2 or its header gets its 325 (IV087) as the retour.
        // Any other failure of the retour builder must not lose the bericht: it is journaled as
        // afgekeurd with the builder's error code in its history, and the issues still answer.
        const code = (err as { code?: string }).code;
        if (code !== 'no-retour') retourError = code ?? 'retour-build-failed';
      }
      return journalWrite({
        id,
        addressee: null,
        // A 9056 answer is keyed by what it answers and the bytes it refused: the same bytes again get
        // the same 9056 (idempotent), not a new retour each time.
        idemKey: duplicateOf ? `TR056|${duplicateOf}|${sha256}` : idemKey,
        status: BerichtStatus.AFGEKEURD,
        decision: null,
        issues,
        retourXml,
        duplicateOf,
        history: [
          { status: BerichtStatus.ONTVANGEN },
          {
            status: BerichtStatus.AFGEKEURD,
            at: validatedAt,
            detail: {
              rules: [...new Set(issues.map((i) => i.rule ?? i.code))],
              retour: retourKind ?? null,
              ...(retourError ? { retourError } : {}),
              ...extra,
            },
          },
        ],
        postbus: retourXml ? [{ party: sender, kind: 'retour' }] : [],
        // A channel that pushes retourberichten (StUF-GGk) plans its rows here, in the same statement.
        outbox: retourXml ? planRetourDelivery(deps.channels, { berichtId: id, sender }) : [],
      });
    };

    const duplicate = async (existing: StoredBericht): Promise<IngestOutcome> => {
      if (existing.sha256 === sha256) return { kind: 'stored', receipt: receiptOf(existing), replay: true, header: h, sender };
      const w = rejectWith([TR056_ISSUE], existing.id);
      const r = await deps.committer.write(w);
      if (r.kind === 'conflict') return { kind: 'stored', receipt: receiptOf(r.existing), replay: true, header: h, sender };
      return { kind: 'stored', receipt: receiptOfWrite(w), replay: false, header: h, sender };
    };

    // No look-up before the write: the journal's unique idem_key decides inside the batch INSERT
    // (ON CONFLICT DO NOTHING), which saves a round trip per bericht through PGlite's single
    // connection; a duplicate only costs a wasted decision.
    if (!outcome.valid) {
      const write = rejectWith(outcome.issues, null);
      const r = await deps.committer.write(write);
      if (r.kind === 'conflict') return duplicate(r.existing); // lost a race with a concurrent twin
      return { kind: 'stored', receipt: receiptOfWrite(write), replay: false, header: h, sender };
    }

    const decided = async (): Promise<JournalWrite> => {
      const decision = await deps.decide({
        message,
        bericht,
        header: h,
        sender,
        counterparty,
        today,
        ...(importedAt ? { imported: true } : {}),
      });
      // Enforce mode: a finding the gemeente enforces rejects the bericht with the retourbericht (L3).
      const enforced = conversationRejection(decision);
      if (enforced.length > 0) {
        const issues = enforced.map((f): ValidationIssue => ({
          level: 'L3',
          path: f.path,
          code: f.rule,
          rule: f.rule,
          retourCode: f.retourCode,
          message: f.text,
        }));
        const c = decision.conversatie!;
        return rejectWith(issues, null, { conversatie: { mode: c.mode, horizon: c.horizon ?? null } });
      }
      const id = newId(receivedAt.getTime());
      const routed = decision.action === 'route' && decision.addressee !== undefined;
      const addressee = routed ? (decision.addressee as string) : null;
      // Kafka rows are enqueued by the Kafka migrations' triggers within this same statement.
      const delivery = addressee && !importedAt ? planDelivery(deps.channels, { berichtId: id, addressee }) : undefined;
      const finalStatus = routed
        ? importedAt
          ? BerichtStatus.GEIMPORTEERD
          : BerichtStatus.KLAARGEZET
        : decision.action === 'suppress'
          ? BerichtStatus.ONDERDRUKT
          : BerichtStatus.GEWEIGERD;
      return journalWrite({
        id,
        addressee,
        idemKey,
        status: finalStatus,
        decision,
        issues: outcome.issues,
        retourXml: null,
        duplicateOf: null,
        history: [
          { status: BerichtStatus.ONTVANGEN },
          { status: BerichtStatus.GEVALIDEERD, at: validatedAt },
          {
            status: BerichtStatus.BESLOTEN,
            at: new Date(),
            detail: { action: decision.action, addressee: addressee, rules: decision.reasons.map((r) => r.rule) },
          },
          {
            status: finalStatus,
            at: new Date(),
            ...(routed ? { detail: importedAt ? { imported: true } : { channels: delivery?.channels ?? [] } } : {}),
          },
        ],
        postbus: delivery?.postbus ?? [],
        outbox: delivery?.outbox ?? [],
      });
    };

    // Berichten of one conversation are decided one at a time, each against a journal that holds the
    // earlier one (its write committed before the next decides); other conversations go on in parallel.
    const claim = deps.order
      ? orderKeys({
          standard: message.standard,
          nummer: message.nummer,
          afzender: h.afzender,
          ontvanger: h.ontvanger,
          clients,
          ...referencesOf(message, bericht),
        })
      : undefined;
    const release = claim && claim.keys.length > 0 ? await deps.order!.locks.acquire(claim.keys) : undefined;
    try {
      let write: JournalWrite;
      let order: CommitOrder | undefined;
      if (claim && deps.order!.arbitrate && claim.keys.length > 0) {
        const locks = normalise(claim.keys).map((k) => ({ id: lockId(k.key), exclusive: k.exclusive }));
        const watch = claim.watch.map(lockId);
        // Known (this instance's last commit for the key) or read before deciding: a version that moves
        // after this sends the bericht back to decide in the commit.
        const { known: seen, unknown } = deps.committer.knownVersions([...locks.map((l) => l.id), ...watch]);
        if (unknown.length > 0) {
          const read = await readConversationClock(deps.reads ?? deps.db, unknown);
          for (const id of unknown) seen.set(id, read.get(id) ?? '0');
        }
        order = { locks, watch, seen, redecide: async () => (write = await decided()) };
      }
      write = await decided();
      const r = await deps.committer.write(write, order);
      if (r.kind === 'conflict') return await duplicate(r.existing); // lost a race with a concurrent twin
      return { kind: 'stored', receipt: receiptOfWrite(write), replay: false, header: h, sender };
    } finally {
      release?.();
    }
  };
}

/** The references the order keys name (conversation-order.ts), from the bericht's summary; none when it has none. */
/** The berichten that carry a ReferentieAanbieder or a new ToewijzingNummer: only these are summarised here. */
const WITH_REFERENCES: ReadonlySet<string> = new Set([
  NUMMER.toewijzing,
  NUMMER.verzoekOmToewijzing,
  NUMMER.verzoekOmWijziging,
  NUMMER.antwoordbericht,
]);

function referencesOf(message: MessageDef, bericht: Record<string, unknown>): { referenties: string[]; toewijzingNummers: string[] } {
  if (!WITH_REFERENCES.has(message.nummer)) return { referenties: [], toewijzingNummers: [] };
  let s: BerichtSummary;
  try {
    s = summarize(message, bericht);
  } catch (err) {
    if (err instanceof SummaryError) return { referenties: [], toewijzingNummers: [] };
    throw err;
  }
  const referenties = s.items.flatMap((it) => (it.referentieAanbieder !== undefined ? [it.referentieAanbieder] : []));
  if (s.verzoekReferentie !== undefined) referenties.push(s.verzoekReferentie);
  if (s.antwoord) referenties.push(s.antwoord.referentieAanbieder);
  const toewijzingNummers =
    s.nummer === NUMMER.toewijzing ? s.items.flatMap((it) => (it.toewijzingNummer !== undefined ? [it.toewijzingNummer] : [])) : [];
  return { referenties, toewijzingNummers };
}

function receiptOfWrite(w: JournalWrite): BerichtReceipt {
  return {
    id: w.id,
    standard: w.standard,
    bericht: w.bericht,
    status: w.status,
    decision: (w.decision ?? null) as Decision | null,
    issues: w.issues as ValidationIssue[],
    ...(w.retourXml ? { retour: w.retourXml } : {}),
    ...(w.duplicateOf ? { duplicateOf: w.duplicateOf } : {}),
  };
}
