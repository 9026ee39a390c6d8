import type { Db } from '../db.js';

export type ConfirmResult = 'confirmed' | 'already-confirmed' | 'not-found';

/** The receiver confirms it has the bericht: the item leaves the postbus and the bericht becomes `afgeleverd`. */
export async function confirmPostbus(db: Db, party: string, berichtId: string, deliveredStatus: string): Promise<ConfirmResult> {
  return db.transaction(async (tx) => {
    const r = await tx.query<{ seq: string; confirmed_at: unknown; kind: string }>(
      'SELECT seq, confirmed_at, kind FROM postbus WHERE party = $1 AND bericht_id = $2 FOR UPDATE',
      [party, berichtId],
    );
    if (r.rows.length === 0) return 'not-found';
    const open = r.rows.filter((x) => x.confirmed_at === null);
    if (open.length === 0) return 'already-confirmed';
    await tx.query('UPDATE postbus SET confirmed_at = now() WHERE party = $1 AND bericht_id = $2 AND confirmed_at IS NULL', [
      party,
      berichtId,
    ]);
    if (open.some((x) => x.kind === 'bericht')) {
      await tx.query('UPDATE journal SET status = $2 WHERE id = $1', [berichtId, deliveredStatus]);
      await tx.query('INSERT INTO journal_status (bericht_id, status, detail) VALUES ($1, $2, $3::jsonb)', [
        berichtId,
        deliveredStatus,
        JSON.stringify({ via: 'postbus', party }),
      ]);
    }
    return 'confirmed';
  });
}
