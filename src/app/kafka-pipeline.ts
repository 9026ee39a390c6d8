/**
 * Adapts the gateway's ingest (src/pipeline/ingest.ts) to the Kafka ingress. HTTP authenticates the
 * sender by API key; on Kafka the broker's ACLs on the ingress topic are the authentication, so the
 * principal is the bericht's own sender (by message direction, FACTS §4.2), taken from a text sniff of
 * the header — the pipeline then parses safely and refuses the bericht if the sniff was wrong.
 */
import type { Party, Principal } from '../config/parties.js';
import type { IngestOutcome } from '../pipeline/ingest.js';
import type { IngressFn } from '../kafka/ingress.js';
import { RETOUR_NUMMERS } from '../pipeline/identify.js';
import type { BerichtNummer } from '../standard/model.js';

export type PipelineIngest = (raw: Uint8Array, principal: Principal, receivedAt: Date) => Promise<IngestOutcome>;

const NS = /xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/www\.istandaarden\.nl\/i(?:jw|wmo)\/3_2\/(?:jw|wmo)(3[0-9]{2})\/schema["']/;

/** The sender code by message direction, or undefined when the header cannot be sniffed. */
export function sniffSender(xml: string): string | undefined {
  const head = xml.slice(0, 4096);
  const nummer = NS.exec(head)?.[1];
  const afz = /<(?:[\w.-]+:)?Afzender>\s*([0-9]{4}|[0-9]{8})\s*</.exec(head)?.[1];
  const ontv = /<(?:[\w.-]+:)?Ontvanger>\s*([0-9]{4}|[0-9]{8})\s*</.exec(head)?.[1];
  if (!nummer || !afz || !ontv) return undefined;
  return RETOUR_NUMMERS.has(nummer as BerichtNummer) ? ontv : afz;
}

export function pipelineIngress(ingest: PipelineIngest, parties: ReadonlyMap<string, Party>): IngressFn {
  return async (raw, receivedAt) => {
    const sender = sniffSender(Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 4096)).toString('utf8'));
    // No sender to sniff: let the pipeline say why (not XML, unknown namespace, …) under a placeholder
    // party; it refuses before any write.
    const code = sender ?? '0000';
    const party: Party = parties.get(code) ?? { role: code.length === 4 ? 'gemeente' : 'aanbieder', code, name: code };
    const r = await ingest(raw, { kind: 'party', party, keyId: 'kafka-ingress' }, receivedAt);
    if (r.kind === 'stored') return { kind: 'stored', id: r.receipt.id, replay: r.replay };
    if (r.kind === 'forbidden-sender') return { kind: 'refused', reason: 'forbidden-sender', detail: r.detail };
    const first = r.issues
      .slice(0, 10)
      .map((i) => `${i.code} ${i.path}: ${i.message}`)
      .join('; ');
    return { kind: 'refused', reason: 'l1-invalid', detail: `${r.issues.length} issue(s): ${first}` };
  };
}
