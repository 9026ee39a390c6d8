/** Statuses in a bericht's history (journal_status) and the journal's current status. */
export const BerichtStatus = {
  /** Taken in: L1-valid and from the authenticated sender. */
  ONTVANGEN: 'ontvangen',
  /** L2 (in-message rules) passed. */
  GEVALIDEERD: 'gevalideerd',
  /** Rejected after L2/L3 (or TR056): answered with a retourbericht where the standard has one; not delivered. */
  AFGEKEURD: 'afgekeurd',
  /** The decision was taken (detail: action, addressee, reasons). */
  BESLOTEN: 'besloten',
  /** Routed: in the addressee's postbus (and queued for its webhook, if configured). */
  KLAARGEZET: 'klaargezet',
  /** Suppressed by the decision: journaled, never delivered. */
  ONDERDRUKT: 'onderdrukt',
  /** Refused by the decision: journaled, not delivered. */
  GEWEIGERD: 'geweigerd',
  /** Historical traffic taken in by `sluis import` and decided as routed: conversation state only, never delivered. */
  GEIMPORTEERD: 'geimporteerd',
  /** The addressee confirmed receipt (postbus ontvangst) or its webhook answered 2xx. */
  AFGELEVERD: 'afgeleverd',
} as const;
export type BerichtStatus = (typeof BerichtStatus)[keyof typeof BerichtStatus];
