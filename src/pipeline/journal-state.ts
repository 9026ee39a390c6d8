/**
 * The decision core's AsyncDecisionState over the journal. `heenbericht`: a retour/antwoord's
 * heenbericht is found by its idempotency key (sender = the heen's Afzender, its BerichtCode,
 * Identificatie — the journal's unique index), re-parsed from the raw bytes and summarised, so no
 * second copy with personal data is kept. A rejected (afgekeurd) heenbericht counts as not found.
 * `verzoek` and `toewijzing` need tables of open verzoeken and current toewijzingen that the journal
 * does not keep yet; they answer "unknown", which the core treats as "no stored state".
 */
import { MESSAGES } from '../standard/generated/model.js';
import { berichtId } from '../standard/model.js';
import type { AsyncDecisionState, StoredBericht } from '../decision/state.js';
import type { Decision } from '../decision/decision.js';
import { summarize } from '../decision/summary.js';
import { parseBericht } from '../xml/parse.js';
import type { Db } from '../store/db.js';
import { BerichtStatus } from './status.js';

export function journalState(db: Db): AsyncDecisionState {
  return {
    async heenbericht(key): Promise<StoredBericht | undefined> {
      const message = MESSAGES[berichtId(key.standard, key.ref.nummer)];
      const idemKey = `${key.ref.afzender}|${message.berichtCode}|${key.ref.identificatie}`;
      const r = await db.query<{ raw: Uint8Array; decision: unknown; status: string }>(
        'SELECT raw, decision, status FROM journal WHERE idem_key = $1', [idemKey]);
      const row = r.rows[0];
      if (!row || row.status === BerichtStatus.AFGEKEURD) return undefined;
      const parsed = parseBericht(row.raw);
      if (!parsed.success) return undefined;
      try {
        return { summary: summarize(parsed.message, parsed.bericht), ...(row.decision ? { decision: row.decision as Decision } : {}) };
      } catch {
        return undefined; // a journaled bericht the core cannot summarise is no usable state
      }
    },
    verzoek: async () => undefined,
    toewijzing: async () => undefined,
  };
}
