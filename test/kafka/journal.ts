/**
 * Writes journal rows the way the gateway does (one row per accepted bericht, header fields as columns,
 * raw bytes), for tests of the Kafka side that do not need the HTTP pipeline.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/store/db.js';

export function headerField(xml: string, name: string): string {
  const m = new RegExp(`<(?:[\\w]+:)?${name}>([^<]*)<`).exec(xml);
  if (!m) throw new Error(`no ${name} in bericht`);
  return m[1]!;
}

export interface JournalRowSpec {
  readonly id: string;
  readonly xml: string;
  readonly decision?: Record<string, unknown> | null;
  readonly status?: string;
  readonly receivedAt?: string;
}

export async function insertJournal(db: Db, spec: JournalRowSpec): Promise<void> {
  const xml = spec.xml;
  const code = headerField(xml, 'BerichtCode');
  const ns = /xmlns:\w+="http:\/\/www\.istandaarden\.nl\/(ijw|iwmo)\/3_2\/(?:jw|wmo)(3[0-9]{2})\/schema"/.exec(xml);
  if (!ns) throw new Error('no message namespace');
  const afzender = headerField(xml, 'Afzender');
  const ontvanger = headerField(xml, 'Ontvanger');
  const identificatie = headerField(xml, 'Identificatie');
  await db.query(
    `INSERT INTO journal (id, received_at, standard, bericht, bericht_code, afzender, ontvanger, sender, addressee,
       identificatie, idem_key, sha256, raw, summary, status, decision)
     VALUES ($1, coalesce($2::timestamptz, now()), $3, $4, $5, $6, $7, $6, $7, $8, $9, $10, $11, '{}'::jsonb, $12, $13)`,
    [
      spec.id,
      spec.receivedAt ?? null,
      ns[1],
      ns[2],
      code,
      afzender,
      ontvanger,
      identificatie,
      `${afzender}:${code}:${identificatie}`,
      createHash('sha256').update(xml).digest('hex'),
      Buffer.from(xml),
      spec.status ?? 'besloten',
      spec.decision === undefined ? null : JSON.stringify(spec.decision),
    ],
  );
}
