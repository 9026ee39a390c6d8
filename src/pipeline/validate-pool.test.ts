import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../test/support/paths.js';
import { validateBericht } from '../validation/validate.js';
import { collectBsns } from './identify.js';
import {
  createValidatePool,
  defaultInlineBytes,
  defaultValidateThreads,
  INLINE_BYTES_ONE_THREAD,
  sizeRoutedValidate,
  ValidationThreadError,
  type ValidatePool,
} from './validate-pool.js';
import type { ValidateFn } from './types.js';

const TODAY = '2026-11-23';
const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const sample = (dir: string, f: string): Buffer => readFileSync(join(SAMPLES, dir, f));
const JW301 = readFileSync(join(samplesDir(), 'JW301.xml'));
const withId = (raw: Buffer, id: string): Buffer =>
  Buffer.from(raw.toString('utf8').replace(/(<ijw:Identificatie>)[^<]*(<\/ijw:Identificatie>)/, `$1${id}$2`));

describe('validation thread pool', () => {
  let pool: ValidatePool;
  beforeAll(async () => {
    pool = await createValidatePool({ threads: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('answers exactly what validateBericht answers in-thread, for all 28 messages and the invalid samples', async () => {
    const inputs: Buffer[] = [];
    for (const dir of ['ijw', 'iwmo', 'invalid'])
      for (const f of readdirSync(join(SAMPLES, dir)).filter((n) => n.endsWith('.xml'))) inputs.push(sample(dir, f));
    inputs.push(
      Buffer.from('<not-xml'),
      Buffer.from([0xef, 0xbb, 0xbf, 0x3c]),
      Buffer.from(JW301.toString().replace('<jw301:Bsn>', '<jw301:Bsn>x')),
    );
    const pooled = await Promise.all(inputs.map((raw) => pool.validate(raw, { today: TODAY })));
    expect(pooled.length).toBe(28 + 7 + 3);
    pooled.forEach((p, i) => {
      const local = validateBericht(inputs[i]!, { today: TODAY });
      expect(p.message).toBe(local.message); // the same MessageDef object, looked up by id
      expect({ valid: p.valid, l1Valid: p.l1Valid, issues: p.issues, bericht: p.bericht }).toEqual({
        valid: local.valid,
        l1Valid: local.l1Valid,
        issues: local.issues,
        bericht: local.bericht,
      });
      if (local.bericht) {
        expect(p.digest?.sha256).toBe(createHash('sha256').update(inputs[i]!).digest('hex'));
        expect(new Set(p.digest?.bsns)).toEqual(collectBsns(local.bericht));
      } else expect(p.digest).toBeUndefined();
    });
    // All three kinds of outcome were exercised: valid, L2-invalid, L1-invalid.
    expect(pooled.some((p) => p.valid)).toBe(true);
    expect(pooled.some((p) => p.l1Valid && !p.valid)).toBe(true);
    expect(pooled.some((p) => !p.l1Valid)).toBe(true);
  });

  it('keeps each answer with its own bericht when 600 are in flight at once over both threads', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `P${i.toString(36).toUpperCase()}`);
    const out = await Promise.all(ids.map((id) => pool.validate(withId(JW301, id), { today: TODAY })));
    out.forEach((r, i) => {
      const header = r.bericht?.['Header'] as { BerichtIdentificatie?: { Identificatie?: string } } | undefined;
      expect(header?.BerichtIdentificatie?.Identificatie).toBe(ids[i]);
    });
  });

  it('routes by size: bodies up to the limit to the inline validator, larger ones to the pool, with the same answers', async () => {
    let inlineCalls = 0;
    const inline: ValidateFn = (raw, opts) => {
      inlineCalls++;
      return validateBericht(raw, opts);
    };
    const raw = withId(JW301, 'SIZED');
    const a = await sizeRoutedValidate(pool, inline, raw.byteLength)(raw, { today: TODAY });
    expect(inlineCalls).toBe(1);
    expect(a.digest).toBeUndefined(); // inline: the pipeline makes the digests itself
    // One byte under the body's size: the pool.
    const b = await sizeRoutedValidate(pool, inline, raw.byteLength - 1)(raw, { today: TODAY });
    expect(inlineCalls).toBe(1);
    expect(b.digest?.sha256).toBe(createHash('sha256').update(raw).digest('hex')); // made in the thread
    expect(a.valid).toBe(true);
    expect({ valid: b.valid, issues: b.issues, bericht: b.bericht, message: b.message }).toEqual({
      valid: a.valid,
      issues: a.issues,
      bericht: a.bericht,
      message: a.message,
    });
    // A limit of 0 sends everything to the pool.
    await sizeRoutedValidate(pool, inline, 0)(raw, { today: TODAY });
    expect(inlineCalls).toBe(1);
  });

  it('validates inline by default only where the pool has a single thread', () => {
    expect(defaultInlineBytes(1)).toBe(INLINE_BYTES_ONE_THREAD);
    expect(defaultInlineBytes(2)).toBe(0);
    expect(defaultInlineBytes(4)).toBe(0);
  });

  it("leaves the caller's buffer intact (it is copied, then moved to the thread)", async () => {
    const raw = withId(JW301, 'KEEPME');
    const before = Buffer.from(raw);
    await pool.validate(raw, { today: TODAY });
    expect(raw.byteLength).toBe(before.byteLength);
    expect(raw.equals(before)).toBe(true);
  });

  it('sizes itself from the cores: one left for the main thread, at least 1, at most 4', () => {
    expect([1, 2, 3, 4, 8, 64].map((c) => defaultValidateThreads(c))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe('validation thread pool: a thread that dies', () => {
  it('fails only the berichten it held, as internal errors, and is replaced', async () => {
    const exits: { code: number; pending: number }[] = [];
    const pool = await createValidatePool({
      threads: 1,
      entry: new URL('../../test/support/dying-validate-worker.ts', import.meta.url),
      onWorkerExit: (code, pending) => exits.push({ code, pending }),
    });
    try {
      const before = await pool.validate(JW301, { today: TODAY });
      expect(before.l1Valid).toBe(true);
      // Posted in one turn, so one batch: the thread dies holding both.
      const [poison, neighbour] = await Promise.allSettled([
        pool.validate(Buffer.from('!boom'), { today: TODAY }),
        pool.validate(withId(JW301, 'NEIGHBOUR'), { today: TODAY }),
      ]);
      for (const r of [poison, neighbour]) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationThreadError);
      }
      expect(exits).toEqual([{ code: 7, pending: 2 }]);
      // The replacement takes the next bericht.
      const after = await pool.validate(withId(JW301, 'AFTER'), { today: TODAY });
      expect(after.valid).toBe(true);
      expect((after.bericht?.['Header'] as { BerichtIdentificatie: { Identificatie: string } }).BerichtIdentificatie.Identificatie).toBe(
        'AFTER',
      );
    } finally {
      await pool.close();
    }
  });

  it('fails to start (without retrying forever) when its thread cannot start', async () => {
    const exits: number[] = [];
    const err = await createValidatePool({
      threads: 2,
      entry: new URL('./no-such-validate-worker.js', import.meta.url),
      onWorkerExit: (code) => exits.push(code),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationThreadError);
    expect(String((err as Error).message)).toMatch(/did not start/);
    await new Promise((r) => setTimeout(r, 300)); // a respawn loop would add exits here
    expect(exits.length).toBeLessThanOrEqual(2);
  });

  it('refuses work after close', async () => {
    const pool = await createValidatePool({ threads: 1 });
    await pool.close();
    await expect(pool.validate(JW301, { today: TODAY })).rejects.toBeInstanceOf(ValidationThreadError);
  });
});
