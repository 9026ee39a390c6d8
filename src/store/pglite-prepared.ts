/**
 * Prepared statements on PGlite, through its public wire-protocol API (`execProtocol`, `protocol`,
 * `parse`). PGlite's `query()` takes no statement name: every call parses and plans its text again
 * and costs six protocol round trips into WebAssembly (Parse, Describe, Bind, Describe, Execute,
 * Sync). Here a recurring text is parsed once under a name, and each call is one round trip of
 * Bind, Describe, Execute, Sync. Parameters travel as text, as `query()` sends them; the statement's
 * casts give their types.
 */
import { randomBytes } from 'node:crypto';
import { parse, protocol, types, type PGlite } from '@electric-sql/pglite';
import type { QueryResult } from './db.js';

/**
 * Distinct prepared texts per store (PostgreSQL pool or PGlite session); later ones run unprepared,
 * so server memory stays bounded: a prepared group-commit statement holds ~10 KB per row of its shape
 * (measured: 16 rows ~190 KB, 32 rows ~320 KB) on every connection that ran it. The group commit's
 * padded shapes (src/store/journal/insert.ts batchStatement) are 6 journal sizes times the postbus and outbox
 * sizes that occur; steady traffic uses a handful. Here, not in db.ts, so the PGlite worker thread
 * need not load node-postgres for it.
 */
export const MAX_PREPARED_TEXTS = 64;

/** The text form PostgreSQL's input functions read; null stays null. */
function textValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  return JSON.stringify(v);
}

/**
 * A `queryPrepared` for one PGlite instance: at most `max` named texts (their plans live in PGlite's
 * memory), later texts through `query()`. The caller serialises calls, as for every PGlite statement.
 */
export function pglitePrepared(lite: PGlite, max: number): <T>(sql: string, params: readonly unknown[]) => Promise<QueryResult<T>> {
  const names = new Map<string, string>();
  // Names live in the PGlite session: a prefix of its own keeps two of these on one instance apart.
  const prefix = `sluis_${randomBytes(4).toString('hex')}_`;
  return async <T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> => {
    let name = names.get(sql);
    const parts: Uint8Array[] = [];
    if (name === undefined) {
      if (names.size >= max) return { rows: (await lite.query<T>(sql, params as unknown[])).rows };
      name = `${prefix}${names.size}`;
      parts.push(protocol.serialize.parse({ name, text: sql, types: [] }));
    }
    parts.push(
      protocol.serialize.bind({ statement: name, values: params.map(textValue) }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    const { messages } = await lite.execProtocol(Buffer.concat(parts), { throwOnError: false });
    // The name is known from the server's ParseComplete on: a Bind that fails after it (a constraint,
    // say) leaves the statement prepared, one whose Parse failed leaves nothing to remember.
    if (!names.has(sql) && messages.some((m) => m.name === 'parseComplete')) names.set(sql, name);
    const failed = messages.find((m) => m.name === 'error');
    if (failed) throw failed;
    const [result] = parse.parseResults(messages, types.parsers);
    return { rows: (result?.rows ?? []) as T[] };
  };
}
