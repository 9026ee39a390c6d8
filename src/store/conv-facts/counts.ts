/**
 * The side tables' shared predicates (not a verb: no statement of its own). A side-table row counts
 * when its journal row counts (state-probe.ts COUNTS), here spelled for a journal alias, since every
 * verb joins the journal once for the row and once for the 325s that reject it.
 */
import { BerichtStatus } from '../../status.js';
import type { Position } from '../journal/state-probe.js';

/** COUNTS for the journal row under `alias`. */
export const countsAs = (alias: string): string =>
  `${alias}.decision IS NOT NULL AND ${alias}.decision ->> 'action' <> 'refuse' AND ${alias}.status <> '${BerichtStatus.AFGEKEURD}'`;

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : d);

/** The journal row under `alias` came in before `bound` (always true without one); parameters appended. */
export function beforeAs(alias: string, bound: Position | undefined, params: unknown[]): string {
  if (!bound) return 'TRUE';
  params.push(iso(bound.receivedAt), bound.id);
  return `(${alias}.received_at, ${alias}.id) < ($${params.length - 1}::timestamptz, $${params.length}::text)`;
}

/**
 * A 325 that counts and came in before `bound` rejects the 323 `declaratie` of `p` (a conv_prestatie
 * or conv_declaratie alias): wholly (`referentie_nummer IS NULL`) or, with `prestatie`, that prestatie.
 */
export function rejectedSql(p: string, identificatie: string, bound: Position | undefined, params: unknown[], prestatie: boolean): string {
  const which = prestatie ? `(a.referentie_nummer IS NULL OR a.referentie_nummer = ${p}.referentie_nummer)` : 'a.referentie_nummer IS NULL';
  return `EXISTS (SELECT 1 FROM conv_afwijzing a JOIN journal k ON k.id = a.journal_id
     WHERE a.standard = ${p}.standard AND a.aanbieder = ${p}.aanbieder AND a.declaratie_identificatie = ${p}.${identificatie}
       AND ${which} AND ${countsAs('k')} AND ${beforeAs('k', bound, params)})`;
}
