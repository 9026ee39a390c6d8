/**
 * A valid bericht with a 3 MB Commentaar (short words, as a free-text field may hold) is accepted
 * through the whole gateway. It once overflowed the stack of the pattern check (LDT_Commentaar's
 * `([.\s]*\S+[.\s]*)+` in a backtracking RegExp) and the API answered 500 while xmllint accepts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, post, sample, startGateway, testBsns, withBsn, withIdentificatie, type Gateway } from './harness.js';

const COMMENTAAR = 'u a b c d e f g h i j k l m n o p q r s t v w x y z '.repeat(60_000).trimEnd();

describe('a 3 MB Commentaar through the gateway', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('is accepted (202), not a 500', { timeout: 60_000 }, async () => {
    const xml = withBsn(withIdentificatie(sample('JW301'), 'BIG1'), testBsns(1)[0]!).replace(
      '<jw301:Commentaar>Commentaar client</jw301:Commentaar>',
      `<jw301:Commentaar>${COMMENTAAR}</jw301:Commentaar>`,
    );
    expect(xml.length).toBeGreaterThan(3_000_000);
    const r = await post(gw, xml, KEYS.gemeente0384);
    expect(r.status, r.text.slice(0, 500)).toBe(202);
    expect(r.json()).toMatchObject({ standard: 'ijw', bericht: 'JW301' });
  });
});
