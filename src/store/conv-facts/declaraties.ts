import type { Db } from '../db.js';
import type { Position } from '../journal/state-probe.js';
import { beforeAs, countsAs, rejectedSql } from './counts.js';

export interface DeclaratieRow {
  gemeente: string;
  identificatie: string;
  dagtekening: string | null;
  declaratie_nummer: string | null;
  periode_begin: string | null;
  periode_eind: string | null;
  xsd_versie: string | null;
}

export type DeclaratieSelector =
  /** The 323 a 325 answers (its BerichtIdentificatie), rejected or not. */
  | { readonly by: 'identificatie'; readonly standard: string; readonly aanbieder: string; readonly identificatie: string }
  /** The pair's 323s that count and no 325 rejected as a whole, oldest first. */
  | { readonly by: 'pair'; readonly standard: string; readonly gemeente: string; readonly aanbieder: string };

/** Earlier 323s from conv_declaratie (migration 0150). */
export async function declaratieRows(db: Db, sel: DeclaratieSelector, before?: Position): Promise<DeclaratieRow[]> {
  const params: unknown[] = [sel.standard, sel.aanbieder, sel.by === 'identificatie' ? sel.identificatie : sel.gemeente];
  const where =
    sel.by === 'identificatie'
      ? 'd.standard = $1 AND d.aanbieder = $2 AND d.identificatie = $3'
      : `d.standard = $1 AND d.aanbieder = $2 AND d.gemeente = $3 AND NOT ${rejectedSql('d', 'identificatie', before, params, false)}`;
  const r = await db.query<DeclaratieRow>(
    `SELECT d.gemeente, d.identificatie, d.dagtekening, d.declaratie_nummer, d.periode_begin, d.periode_eind, d.xsd_versie
       FROM conv_declaratie d JOIN journal j ON j.id = d.journal_id
      WHERE ${where} AND ${countsAs('j')} AND ${beforeAs('j', before, params)}
      ORDER BY j.received_at, j.id`,
    params,
  );
  return r.rows;
}
