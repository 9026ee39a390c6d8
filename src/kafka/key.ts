/**
 * Message keys. Kafka keeps order per key within a partition, so the key must be the same for every
 * bericht about one client of one gemeente — but it must never show the BSN: it is HMAC-SHA256 over
 * gemeente + BSN with a configured secret (a plain hash of a 9-digit BSN is reversible by trying all
 * 10^9 values in minutes).
 */
import { createHmac } from 'node:crypto';

/** 32 hex chars (128 bits) are plenty against collisions between the ~10^7 clients of all gemeenten. */
const KEY_HEX = 32;

export function clientKey(secret: string, gemeente: string, bsn: string): string {
  return createHmac('sha256', secret).update(`client\u0000${gemeente}\u0000${bsn}`).digest('hex').slice(0, KEY_HEX);
}

/**
 * Key of berichten that name no single client (a 323/325 batches clients; a fully approved retour
 * omits Client): the pair gemeente + aanbieder, so one declaratie stream keeps its order.
 */
export function pairKey(secret: string, gemeente: string, aanbieder: string): string {
  return createHmac('sha256', secret).update(`pair\u0000${gemeente}\u0000${aanbieder}`).digest('hex').slice(0, KEY_HEX);
}

const BSN_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?Bsn>\s*([0-9]{9})\s*<\//g;

/**
 * The distinct BSNs in a bericht's XML (Client/Bsn and, in 323/325, every Client). A targeted scan
 * instead of a full parse: the publisher runs it on every logged bericht and only needs this element.
 */
export function bsnsInXml(xml: string): string[] {
  const out = new Set<string>();
  for (const m of xml.matchAll(BSN_ELEMENT)) out.add(m[1]!);
  return [...out];
}

/** The gemeente of a bericht: whichever of Afzender/Ontvanger is a 4-digit gemeentecode. */
export function gemeenteOf(afzender: string, ontvanger: string): { gemeente: string; aanbieder: string } {
  return /^[0-9]{4}$/.test(afzender) ? { gemeente: afzender, aanbieder: ontvanger } : { gemeente: ontvanger, aanbieder: afzender };
}

/** The key for one bericht: the client key when it names exactly one client, else the pair key. */
export function berichtKey(secret: string, xml: string, afzender: string, ontvanger: string, fallbackXml?: string): string {
  const { gemeente, aanbieder } = gemeenteOf(afzender, ontvanger);
  let bsns = bsnsInXml(xml);
  if (bsns.length === 0 && fallbackXml !== undefined) bsns = bsnsInXml(fallbackXml);
  return bsns.length === 1 ? clientKey(secret, gemeente, bsns[0]!) : pairKey(secret, gemeente, aanbieder);
}
