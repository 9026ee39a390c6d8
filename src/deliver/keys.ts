/**
 * The outbox delivery key, defined once: unique over the outbox (ON CONFLICT DO NOTHING), so a
 * bericht delivered by ingest and again by a replay, or by a replay run twice, is queued once. The
 * receiver sees it as `Sluis-Delivery-Id` and de-duplicates on it.
 */
export function deliveryKey(berichtId: string, channel: string, destination: string): string {
  return `${berichtId}.${channel}.${destination}`;
}
