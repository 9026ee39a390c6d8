/** The termijn table's rows as its verbs read and write them (migration 0180). */

export interface TermijnWrite {
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: string;
  readonly regel: string;
  readonly voorwaarde: string;
  readonly sleutel: string;
  readonly sleutels: readonly string[];
  readonly wachtOp: readonly string[];
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly afzender: string;
  readonly schuldenaar: string;
  readonly dagtekening: string;
  /** YYYY-MM-DD */
  readonly geopendOp: string;
  /** YYYY-MM-DD */
  readonly uiterlijk: string;
  readonly status: string;
}

export interface TermijnRow {
  seq: string;
  bericht_id: string;
  standard: string;
  bericht: string;
  regel: string;
  voorwaarde: string;
  sleutel: string;
  wacht_op: string[];
  gemeente: string;
  aanbieder: string;
  afzender: string;
  schuldenaar: string;
  dagtekening: string;
  geopend_op: string;
  uiterlijk: string;
  status: string;
  gesloten_door: string | null;
  gesloten_bericht: string | null;
  gesloten_op: string | null;
  verlopen_op: string | null;
}

/** Dates as text (YYYY-MM-DD) whatever the driver makes of a `date`. */
export const TERMIJN_COLUMNS = `seq::text AS seq, bericht_id, standard, bericht, regel, voorwaarde, sleutel, wacht_op, gemeente, aanbieder, afzender,
  schuldenaar, dagtekening, to_char(geopend_op, 'YYYY-MM-DD') AS geopend_op, to_char(uiterlijk, 'YYYY-MM-DD') AS uiterlijk, status,
  gesloten_door, gesloten_bericht, to_char(gesloten_op, 'YYYY-MM-DD') AS gesloten_op, to_char(verlopen_op, 'YYYY-MM-DD') AS verlopen_op`;
