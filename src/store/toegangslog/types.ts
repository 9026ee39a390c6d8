/** One access log entry to write (src/store/migrations/0270): codes and ids only. */
export interface ToegangslogEntry {
  readonly gelezenOp: Date;
  readonly actorSoort: string;
  readonly actor: string;
  readonly sleutel?: string;
  readonly route: string;
  readonly lezing: string;
  readonly berichtId: string;
}

export interface ToegangslogRow {
  readonly seq: string;
  readonly gelezen_op: Date;
  readonly actor_soort: string;
  readonly actor: string;
  readonly sleutel: string | null;
  readonly route: string;
  readonly lezing: string;
  readonly bericht_id: string;
}
