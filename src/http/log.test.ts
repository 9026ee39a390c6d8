import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from './log.js';

describe('log redaction', () => {
  it('masks BSN-shaped numbers and personal fields at any depth, keeps other codes', () => {
    expect(scrub('bsn 999900006 in text')).toBe('bsn [bsn] in text');
    expect(scrub('identificatie 123456789012 and AGB 42420001')).toBe('identificatie 123456789012 and AGB 42420001');
    expect(scrub({ a: [{ Bsn: '999900006', Achternaam: 'Wit', ok: 'x 999900018' }] })).toEqual({
      a: [{ Bsn: '[redacted]', Achternaam: '[redacted]', ok: 'x [bsn]' }],
    });
  });

  it('keeps journal ids whose letters and digits include nine digits in a row', () => {
    const id = '01J123456789ABCDEFGHJKMNPQ';
    expect(scrub(`bericht ${id} stored`)).toBe(`bericht ${id} stored`);
    expect(scrub({ id, path: `/api/v1/berichten/${id}/xml` })).toEqual({ id, path: `/api/v1/berichten/${id}/xml` });
    expect(scrub('ABC999900006')).toBe('ABC999900006');
    // A BSN next to punctuation is still one.
    expect(scrub('bsn=999900006, <Bsn>999900018</Bsn> (999900031)')).toBe('bsn=[bsn], <Bsn>[bsn]</Bsn> ([bsn])');
  });

  it('applies to messages, fields and errors of the real logger', () => {
    const out: string[] = [];
    const log = createLogger({
      destination: new Writable({
        write(c, _e, cb) {
          out.push(String(c));
          cb();
        },
      }) as never,
    });
    log.info({ detail: 'client 999900006', naam: 'Tom' }, 'msg with 999900018');
    log.error({ err: new Error('bad bsn 999900031') }, 'failed');
    const all = out.join('');
    expect(all).not.toMatch(/9999000(06|18|31)/);
    expect(all).not.toContain('Tom');
  });
});
