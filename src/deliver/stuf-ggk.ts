/**
 * The StUF-GGk channel (docs/stuf-ggk.md): a gemeente whose parties entry says `"channel": "stuf-ggk"`
 * gets its berichten pushed to its back office's `OntvangAsynchroon` service (`endpoint`) as the
 * chain would: a retourbericht (302, 306, …) as `envelopRetourbericht-ggk_Du01` whose crossRefnummer
 * is the referentienummer of the envelope its heenbericht came in (src/store/stuf-ggk-referentie),
 * any other bericht (a 323, a 305, …) as `envelopHeenbericht-ggk_Di01`. The retourbericht Sluis
 * itself makes when it rejects one of the gemeente's berichten goes the same way, as a Du01 answering
 * that bericht's envelope. The back office answers Bv03 (delivered) or a Fault/Fo01 (retried).
 *
 * Delivery as the webhook channel does it (src/deliver/webhook.ts): outbox rows claimed in batches
 * (FOR UPDATE SKIP LOCKED), sent concurrently, completed and failed in one statement each, the same
 * backoff; at-least-once. A retry carries the same referentienummer (made from the outbox delivery
 * key), so the back office can de-duplicate on it as on Sluis-Delivery-Id.
 */
import { createHash } from 'node:crypto';
import { PartyChannel, type Party } from '../config/parties.js';
import type { Db } from '../store/db.js';
import { getBericht } from '../store/journal/get.js';
import { getRaw } from '../store/journal/raw.js';
import type { BackoffPolicy, OutboxRow } from '../store/outbox/types.js';
import { stufReferentieOfBericht } from '../store/stuf-ggk-referentie/of-bericht.js';
import { stufReferentieOfHeenbericht } from '../store/stuf-ggk-referentie/of-heenbericht.js';
import { CATALOG, HEEN_VAN_RETOUR, RETOUR_VAN, type BerichtNummer } from '../standard/catalog.js';
import {
  GgkSoapAction,
  SLUIS_APPLICATIE,
  buildGgkEnvelope,
  soapEnvelope,
  stufTijdstip,
  uuidV4From,
  type GgkEnvelope,
} from '../standard/stuf-ggk.js';
import { ChannelName, type ChannelWorker, type DeliveryChannel } from './channel.js';
import { drainOutbox, thrownText, type DrainSettings } from './drain.js';
import { deliveryKey } from './keys.js';

/** What an outbox row of this channel carries: a routed bericht, or the retourbericht Sluis made for one. */
interface StufPayload {
  readonly berichtId: string;
  readonly party: string;
  readonly kind: 'bericht' | 'retour';
}

/** How the gateway runs the channel (tests inject fetch, a short idle and a fast backoff). */
export interface StufGgkSettings {
  /** False: no worker in this process (rows still queued; another instance drains them). */
  readonly enabled?: boolean;
  readonly fetch?: typeof globalThis.fetch;
  readonly idleMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly timeoutMs?: number;
}

/** The versions Sluis writes: its own application (0001/0000, as the chain's webservices do) and iWmo/iJw release 3.2. */
const VERSIES = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' } as const;

const sha = (s: string): Uint8Array => createHash('sha256').update(s).digest();

/** A referentienummer that stays the same for every attempt of one delivery. */
export const referentieOfDelivery = (key: string): string => uuidV4From(sha(`stuf-ggk:${key}`));

/** The crossRefnummer for a heenbericht that did not come in over StUF-GGk: a UUID made from its journal id. */
export const referentieOfJournalId = (id: string): string => uuidV4From(sha(`journal:${id}`));

const nummerOf = (bericht: string): BerichtNummer | undefined => {
  const n = /(3[0-9]{2})$/.exec(bericht)?.[1];
  return n !== undefined && n in CATALOG ? (n as BerichtNummer) : undefined;
};

const isGgkParty = (p: Party | undefined): p is Party & { endpoint: string } =>
  p?.channel === PartyChannel.stufGgk && p.endpoint !== undefined;

export interface StufGgkWorkerOptions extends StufGgkSettings, DrainSettings {
  readonly parties: ReadonlyMap<string, Party>;
}

/** The envelope for one outbox row, or why there is none. */
async function envelopeFor(db: Db, row: OutboxRow, party: Party, now: Date): Promise<{ envelope: GgkEnvelope } | { error: string }> {
  const p = row.payload as StufPayload;
  const b = await getBericht(db, row.bericht_id);
  if (!b) return { error: 'bericht not found in the journal' };
  const nummer = nummerOf(b.bericht);
  if (!nummer) return { error: 'not an iWmo/iJw bericht' };
  const prefix = b.bericht.slice(0, -3);
  const common = {
    ontvanger: { organisatie: party.code, applicatie: 'GGk' },
    referentienummer: referentieOfDelivery(row.delivery_key),
    tijdstipBericht: stufTijdstip(now),
    ...VERSIES,
  };
  if (p.kind === 'retour') {
    // Sluis's own retourbericht on a bericht of this gemeente: a Du01 answering that bericht's envelope.
    if (!b.retour_xml) return { error: 'Sluis made no retourbericht for this bericht' };
    const retour = RETOUR_VAN[nummer];
    return {
      envelope: {
        berichtcode: 'Du01',
        zender: { organisatie: b.ontvanger, applicatie: SLUIS_APPLICATIE },
        ...common,
        crossRefnummer: (await stufReferentieOfBericht(db, b.id)) ?? referentieOfJournalId(b.id),
        functie: retour ? `${prefix}${retour}` : b.bericht,
        crossRefnummerBericht: b.identificatie,
        bericht: { base64: Buffer.from(b.retour_xml, 'utf8').toString('base64'), contentType: 'application/xml' },
      },
    };
  }
  const raw = await getRaw(db, b.id);
  if (!raw) return { error: 'bericht not found in the journal' };
  const base64 = Buffer.from(raw).toString('base64');
  const heen = HEEN_VAN_RETOUR[nummer];
  if (heen === undefined)
    return {
      envelope: {
        berichtcode: 'Di01',
        zender: { organisatie: b.sender, applicatie: SLUIS_APPLICATIE },
        ...common,
        functie: b.bericht,
        referentienummerBericht: b.identificatie,
        bericht: { base64, contentType: 'application/xml' },
      },
    };
  // A retourbericht carries its heenbericht's header: Afzender and Identificatie find the heenbericht.
  const h = await stufReferentieOfHeenbericht(db, {
    afzender: b.afzender,
    identificatie: b.identificatie,
    berichten: [heen, `${prefix}${heen}`],
    notId: b.id,
  });
  return {
    envelope: {
      berichtcode: 'Du01',
      zender: { organisatie: b.sender, applicatie: SLUIS_APPLICATIE },
      ...common,
      crossRefnummer: h?.referentienummer ?? referentieOfJournalId(h?.bericht_id ?? b.id),
      functie: b.bericht,
      crossRefnummerBericht: b.identificatie,
      bericht: { base64, contentType: 'application/xml' },
    },
  };
}

export function startStufGgkWorker(o: StufGgkWorkerOptions): ChannelWorker {
  const doFetch = o.fetch ?? globalThis.fetch;

  const deliver = async (row: OutboxRow): Promise<string | undefined> => {
    const party = o.parties.get((row.payload as StufPayload).party);
    if (!isGgkParty(party)) return 'no stuf-ggk endpoint configured for this party any more';
    const made = await envelopeFor(o.db, row, party, new Date());
    if ('error' in made) return made.error;
    try {
      const res = await doFetch(party.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${GgkSoapAction[`ggk_${made.envelope.berichtcode}`]}"`,
          'sluis-delivery-id': row.delivery_key,
          'sluis-bericht-id': row.bericht_id,
        },
        body: soapEnvelope(buildGgkEnvelope(made.envelope)),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      const text = await res.text().catch(() => '');
      const host = new URL(party.endpoint).host;
      if (res.ok && /<(?:[\w.-]+:)?Bv03Bericht[\s>]/.test(text)) return undefined;
      // A Fo01 names its code (at most 7 characters); the rest of the answer is not logged.
      const code = /<(?:[\w.-]+:)?code>([^<]{1,7})<\//.exec(text)?.[1];
      return `HTTP ${res.status} from ${host}${code ? `, Fo01 ${code}` : res.ok ? ', no Bv03' : ''}`;
    } catch (err) {
      return thrownText(err);
    }
  };

  return drainOutbox({
    ...o,
    channel: ChannelName.stufGgk,
    deliver,
    // Sluis's own retourbericht delivered changes no bericht's status (the bericht stays afgekeurd).
    statusless: (r) => (r.payload as StufPayload).kind === 'retour',
  });
}

const NONE = { postbus: [], outbox: [] } as const;

export function stufGgkChannel(parties: ReadonlyMap<string, Party>, s: StufGgkSettings = {}): DeliveryChannel {
  const drains = s.enabled !== false && [...parties.values()].some(isGgkParty);
  const row = (berichtId: string, party: string, kind: StufPayload['kind']) => ({
    channel: ChannelName.stufGgk,
    destination: party,
    // A retour row is keyed apart from a bericht row: one bericht id, two different deliveries.
    deliveryKey: deliveryKey(berichtId, kind === 'retour' ? `${ChannelName.stufGgk}-retour` : ChannelName.stufGgk, party),
    payload: { berichtId, party, kind } satisfies StufPayload,
  });
  return {
    name: ChannelName.stufGgk,
    plan: ({ berichtId, addressee }) =>
      isGgkParty(parties.get(addressee)) ? { postbus: [], outbox: [row(berichtId, addressee, 'bericht')] } : NONE,
    planRetour: ({ berichtId, sender }) => (isGgkParty(parties.get(sender)) ? [row(berichtId, sender, 'retour')] : []),
    ...(drains
      ? {
          start: (ctx) =>
            startStufGgkWorker({
              db: ctx.db,
              parties,
              logger: ctx.logger,
              worker: ctx.worker,
              ...(s.fetch ? { fetch: s.fetch } : {}),
              ...(s.idleMs !== undefined ? { idleMs: s.idleMs } : {}),
              ...(s.backoff ? { backoff: s.backoff } : {}),
              ...(s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {}),
              ...(ctx.onResult ? { onResult: (ok: boolean) => ctx.onResult?.(ChannelName.stufGgk, ok) } : {}),
            }),
        }
      : {}),
  };
}
