import type { Db } from '../db.js';
import type { Position } from '../journal/state-probe.js';
import { beforeAs, countsAs, rejectedSql } from './counts.js';

export interface PrestatieRow<I = unknown> {
  gemeente: string;
  declaratie_identificatie: string;
  item: I;
  goedgekeurd: boolean;
}

export type PrestatieSelector =
  /** By ReferentieNummer, or naming one as VorigReferentieNummer (a credit). */
  | { readonly by: 'referentie'; readonly standard: string; readonly aanbieder: string; readonly nummers: readonly string[] }
  /** On some ToewijzingNummers between one pair. */
  | {
      readonly by: 'toewijzing';
      readonly standard: string;
      readonly gemeente: string;
      readonly aanbieder: string;
      readonly nummers: readonly string[];
    };

/**
 * Earlier 323 prestaties in ONE statement (conv_prestatie, migration 0150), each with whether a 325
 * rejected it; prestaties of a 323 a 325 rejected as a whole are left out (it counts as not sent).
 */
export async function prestatieLines<I = unknown>(db: Db, sel: PrestatieSelector, before?: Position): Promise<PrestatieRow<I>[]> {
  if (sel.nummers.length === 0) return [];
  const params: unknown[] = [sel.standard, sel.aanbieder, sel.nummers];
  let where: string;
  if (sel.by === 'referentie') {
    where =
      'p.standard = $1 AND p.aanbieder = $2 AND (p.referentie_nummer = ANY($3::text[]) OR p.vorig_referentie_nummer = ANY($3::text[]))';
  } else {
    params.push(sel.gemeente);
    where = 'p.standard = $1 AND p.aanbieder = $2 AND p.toewijzing_nummer = ANY($3::text[]) AND p.gemeente = $4';
  }
  const b = beforeAs('j', before, params);
  const whole = rejectedSql('p', 'declaratie_identificatie', before, params, false);
  const some = rejectedSql('p', 'declaratie_identificatie', before, params, true);
  const r = await db.query<PrestatieRow<I>>(
    `SELECT p.gemeente, p.declaratie_identificatie, p.item, NOT ${some} AS goedgekeurd
       FROM conv_prestatie p JOIN journal j ON j.id = p.journal_id
      WHERE ${where} AND ${countsAs('j')} AND ${b} AND NOT ${whole}
      ORDER BY j.received_at, j.id`,
    params,
  );
  return r.rows;
}
