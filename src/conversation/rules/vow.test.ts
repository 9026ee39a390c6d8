import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { CLIENT, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { actueel, vowVragen } from './vow.js';

describe('the VOW reading: actuele toewijzingen', () => {
  it('valid today or later, or starting later; not voided by Einddatum = Ingangsdatum with reden 13 or 01', () => {
    expect(actueel(toegewezen('T1', { einddatum: '2026-04-10' }), '2026-04-10')).toBe(true);
    expect(actueel(toegewezen('T1', { einddatum: '2026-04-09' }), '2026-04-10')).toBe(false);
    const { einddatum: _e, ...open } = toegewezen('T1');
    expect(actueel(open, '2026-04-10')).toBe(true);
    expect(actueel(toegewezen('T1', { datum: '2026-05-01', einddatum: '2026-06-01' }), '2026-04-10')).toBe(true);
    expect(actueel(toegewezen('T1', { datum: '2026-05-01', einddatum: '2026-05-01', redenWijziging: '13' }), '2026-04-10')).toBe(false);
    expect(actueel(toegewezen('T1', { datum: '2026-05-01', einddatum: '2026-05-01', redenWijziging: '01' }), '2026-04-10')).toBe(false);
    expect(actueel(toegewezen('T1', { datum: '2026-05-01', einddatum: '2026-05-01', redenWijziging: '04' }), '2026-04-10')).toBe(true);
  });
  it('one toewijzingenVanClient question per 317, none for other berichten', () => {
    const s = cmk('ijw', NUMMER.verzoekOmWijziging, { items: [vowItem('OngewijzigdProduct', 1), vowItem('TeWijzigenProduct', 1)] });
    expect(vowVragen(s)).toEqual([{ ask: 'toewijzingenVanClient', q: ck('ijw') }]);
    expect(vowVragen(cmk('ijw', NUMMER.verzoekOmToewijzing, { items: [{ client: CLIENT }] }))).toEqual([]);
  });
});
