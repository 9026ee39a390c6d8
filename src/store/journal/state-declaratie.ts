import { NUMMER } from '../../standard/catalog.js';
import type { Db } from '../db.js';
import { beforeSql, COUNTS, type Position } from './state-probe.js';

/**
 * Whether a sent 323 of this aanbieder in this standard carries this DeclaratieNummer (TR333), before
 * `before` when given. The expression index journal_declaratie_nummer (migration 0136) answers it;
 * a 323's summary is too large to put in a GIN index for one field.
 */
export async function existsDeclaratieNummer(
  db: Db,
  k: { readonly standard: string; readonly aanbieder: string; readonly declaratieNummer: string },
  before?: Position,
): Promise<boolean> {
  const params: unknown[] = [k.aanbieder, k.declaratieNummer, k.standard];
  const r = await db.query<{ id: string }>(
    `SELECT id FROM journal
      WHERE (decision_summary ->> 'nummer') = '${NUMMER.declaratie}'
        AND (decision_summary ->> 'aanbieder') = $1 AND (decision_summary ->> 'declaratieNummer') = $2
        AND standard = $3 AND ${COUNTS}${beforeSql(before, params)
          .map((e) => ` AND ${e}`)
          .join('')} LIMIT 1`,
    params,
  );
  return r.rows.length > 0;
}
