/** A batch as stored (src/store/migrations/0220_batch.sql). */
export interface BatchRow {
  readonly id: string;
  readonly received_at: Date | string;
  readonly submitted_by: string;
  readonly source: string;
  readonly files: number;
  readonly accepted: number;
  readonly rejected: number;
}

/** One file of a batch as written (0221_batch_file.sql). */
export interface BatchFileWrite {
  readonly idx: number;
  readonly name: string;
  readonly outcome: string;
  readonly berichtId: string | null;
  readonly bericht: string | null;
  readonly problem: unknown;
  readonly issues: readonly unknown[];
}

/** One file of a batch as read, with its bericht's status now and whether Sluis made a retourbericht for it. */
export interface BatchFileRow {
  readonly idx: number;
  readonly name: string;
  readonly outcome: string;
  readonly bericht_id: string | null;
  readonly bericht: string | null;
  readonly problem: unknown;
  readonly issues: readonly unknown[];
  readonly status: string | null;
  readonly has_retour: boolean;
}
