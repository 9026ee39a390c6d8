import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { AANBIEDER, GEMEENTE, antwoord319, cmk } from '../../../test/support/conversation-testkit.js';
import { TR355 } from './tr355.js';
import { TR359 } from './tr359.js';
import { TR360 } from './tr360.js';
import { TR365 } from './tr365.js';

// The 319 rules on one ReferentieAanbieder (antwoordVragen) ask the same: one referenties question.
describe.each([TR355, TR359, TR360, TR365])('$id', (rule) => {
  it('asks one referenties question for a 319 and none for other berichten', () => {
    expect(rule.vragen(antwoord319('ijw', '2'))).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
    expect(rule.vragen(cmk('ijw', NUMMER.verzoekOmToewijzing))).toEqual([]);
  });
});
