/**
 * An internal error on one file (a bug in Sluis, once a stack overflow on a 3 MB Commentaar) is that
 * file's verdict line, not the end of the run: the other files are still validated and the exit code
 * is 1 ("a problem found"), never 70.
 */
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/support/cli.js';

vi.mock('../validation/validate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../validation/validate.js')>();
  return {
    ...real,
    validateBericht: (input: string | Uint8Array, opts: Parameters<typeof real.validateBericht>[1]) => {
      if (Buffer.from(input).includes('<jw301:Bsn>999990019<')) throw new RangeError('Maximum call stack size exceeded at 999990019');
      return real.validateBericht(input, opts);
    },
  };
});

describe('sluis validate with an internal error on one file', () => {
  it('--json: an error line for that file, verdicts for the others, exit 1', async () => {
    const r = await runCli(['validate', '--json', 'samples/ijw/JW305.xml', 'samples/ijw/JW301.xml', 'samples/iwmo/WMO323.xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ file: 'samples/ijw/JW305.xml', valid: true }),
      {
        file: 'samples/ijw/JW301.xml',
        standard: null,
        bericht: null,
        valid: false,
        issues: [],
        error: 'internal error while validating (RangeError)',
        internal: true,
      },
      expect.objectContaining({ file: 'samples/iwmo/WMO323.xml', valid: true }),
    ]);
    // The error's message may quote the file; it is not printed.
    expect(r.stdout).not.toContain('999990019');
  });

  it('text: a line saying so; an unreadable file still makes it exit 2', async () => {
    const r = await runCli(['validate', 'samples/ijw/JW301.xml', 'samples/ijw/JW305.xml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'samples/ijw/JW301.xml: ERROR internal error while validating (RangeError)\nsamples/ijw/JW305.xml: valid JW305 (ijw)\n',
    );
    const withMissing = await runCli(['validate', 'samples/ijw/JW301.xml', 'samples/ijw/missing.xml']);
    expect(withMissing.code).toBe(2);
  });
});
