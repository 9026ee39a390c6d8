import type { Db } from '../db.js';
import { matchKey, type TermijnWrite } from './types.js';

/** Writes termijnen; one already there (same opener, rule, condition and sleutel) is left as it is. */
export async function openTermijnen(db: Db, rows: readonly TermijnWrite[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.query<{ seq: string }>(
    `INSERT INTO termijn (bericht_id, standard, bericht, regel, voorwaarde, sleutel, sleutels, wacht_op, gemeente, aanbieder, afzender,
                          schuldenaar, dagtekening, geopend_op, uiterlijk, status)
     SELECT x.bericht_id, x.standard, x.bericht, x.regel, x.voorwaarde, x.sleutel,
            ARRAY(SELECT jsonb_array_elements_text(x.sleutels)), ARRAY(SELECT jsonb_array_elements_text(x.wacht_op)),
            x.gemeente, x.aanbieder, x.afzender, x.schuldenaar, x.dagtekening, x.geopend_op::date, x.uiterlijk::date, x.status
       FROM jsonb_to_recordset($1::jsonb) AS x(bericht_id text, standard text, bericht text, regel text, voorwaarde text, sleutel text,
            sleutels jsonb, wacht_op jsonb, gemeente text, aanbieder text, afzender text, schuldenaar text, dagtekening text,
            geopend_op text, uiterlijk text, status text)
     ON CONFLICT (bericht_id, regel, voorwaarde, sleutel) DO NOTHING
     RETURNING seq`,
    [
      JSON.stringify(
        rows.map((t) => ({
          bericht_id: t.berichtId,
          standard: t.standard,
          bericht: t.bericht,
          regel: t.regel,
          voorwaarde: t.voorwaarde,
          sleutel: t.sleutel,
          sleutels: t.wachtOp.flatMap((w) => t.sleutels.map((k) => matchKey(t.gemeente, t.aanbieder, w, k))),
          wacht_op: t.wachtOp,
          gemeente: t.gemeente,
          aanbieder: t.aanbieder,
          afzender: t.afzender,
          schuldenaar: t.schuldenaar,
          dagtekening: t.dagtekening,
          geopend_op: t.geopendOp,
          uiterlijk: t.uiterlijk,
          status: t.status,
        })),
      ),
    ],
  );
  return r.rows.length;
}
