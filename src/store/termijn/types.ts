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

/** What an answer and a termijn it meets share: the pair, the awaited message, one sleutel (column `sleutels`). */
export function matchKey(gemeente: string, aanbieder: string, bericht: string, sleutel: string): string {
  return `${gemeente}|${aanbieder}|${bericht}|${sleutel}`;
}

/** Dates as text (YYYY-MM-DD) whatever the driver makes of a `date`; `t` qualifies the columns (an UPDATE … FROM). */
export function termijnColumns(t = ''): string {
  const c = (name: string): string => `${t ? `${t}.` : ''}${name}`;
  const plain = ['bericht_id', 'standard', 'bericht', 'regel', 'voorwaarde', 'sleutel', 'wacht_op', 'gemeente', 'aanbieder', 'afzender']
    .concat(['schuldenaar', 'dagtekening'])
    .map(c);
  const dates = (names: readonly string[]): string[] => names.map((n) => `to_char(${c(n)}, 'YYYY-MM-DD') AS ${n}`);
  return [
    `${c('seq')}::text AS seq`,
    ...plain,
    ...dates(['geopend_op', 'uiterlijk']),
    c('status'),
    c('gesloten_door'),
    c('gesloten_bericht'),
    ...dates(['gesloten_op', 'verlopen_op']),
  ].join(', ');
}

export const TERMIJN_COLUMNS = termijnColumns();
