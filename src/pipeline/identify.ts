/**
 * Who sent a bericht and who it is for. A retourbericht copies the heenbericht's header unchanged,
 * Afzender/Ontvanger included (FACTS §4.2): a 302 sent by the aanbieder still names the gemeente as
 * Afzender. So the sender is decided by the message's direction, not by the Afzender element.
 */
import { RETOURBERICHTEN } from '../standard/catalog.js';
import type { BerichtNummer, MessageDef } from '../standard/model.js';
import type { HeaderFacts } from './types.js';

/** Retourberichten: their header is the heenbericht's, so the sender is the header's Ontvanger. */
export const RETOUR_NUMMERS: ReadonlySet<BerichtNummer> = new Set<BerichtNummer>(RETOURBERICHTEN);

function node(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function headerFacts(bericht: Record<string, unknown>): HeaderFacts {
  const h = node(bericht['Header']);
  const bi = node(h['BerichtIdentificatie']);
  return {
    berichtCode: String(h['BerichtCode'] ?? ''),
    afzender: String(h['Afzender'] ?? ''),
    ontvanger: String(h['Ontvanger'] ?? ''),
    identificatie: String(bi['Identificatie'] ?? ''),
    dagtekening: String(bi['Dagtekening'] ?? ''),
  };
}

export function direction(message: MessageDef, h: HeaderFacts): { sender: string; counterparty: string } {
  return RETOUR_NUMMERS.has(message.nummer)
    ? { sender: h.ontvanger, counterparty: h.afzender }
    : { sender: h.afzender, counterparty: h.ontvanger };
}

/** Every BSN in the typed object (element `Bsn`, at any depth); 323 carries many clients. */
export function collectBsns(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) collectBsns(x, out);
  else if (typeof v === 'object' && v !== null) {
    // for…in over the tree's own plain-data keys: Object.entries allocated an array of pairs per
    // node, ~14 KB of garbage per 7.6 KB JW301 (allocation sampling over HTTP).
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (k === 'Bsn' && typeof x === 'string') out.add(x);
      else if (typeof x === 'object') collectBsns(x, out);
    }
  }
  return out;
}
