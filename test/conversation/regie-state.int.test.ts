/**
 * The journal answers to the regie, verzoek/antwoord and toewijzing questions
 * (src/pipeline/conversation-state.ts), on PGlite and PostgreSQL: berichten posted through the
 * gateway, then each question asked of the journal directly. Rejected berichten count as never sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';
import { conversationState } from '../../src/pipeline/conversation-state.js';
import type { AsyncConversationState } from '../../src/conversation/types.js';
import { KEY, NOW, ctxFor, msg, setAll, type Ctx, type Who } from './scenario.js';

describe.each(STORES)('the regie, verzoek and toewijzing questions on the journal (%s)', (store) => {
  let gw: Gateway;
  let state: AsyncConversationState;
  let c: Ctx;
  let client: string;
  const send = async (who: Who, xml: string): Promise<Json> => {
    const r = await post(gw, xml, KEY[who]);
    expect(r.status, r.text).toBe(202);
    return r.json();
  };

  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
    state = conversationState(gw.db);
    c = ctxFor('ijw', 900, 'S');
    const first = await send('gemeente', msg(c, '301'));
    client = first.decision.summary.items[0].client;
    // The toewijzing 26001234 again, shortened (a wijziging keeps its number).
    await send(
      'gemeente',
      setAll(msg(c, '301'), 'Einddatum', '2027-04-30', '2026-12-31').replace(
        /(<([\w]+):Einddatum>2026-12-31<\/\2:Einddatum>)/,
        '$1<$2:RedenWijziging>05</$2:RedenWijziging>',
      ),
    );
    await send('aanbieder', msg(c, '305'));
    await send('aanbieder', msg(c, '307'));
    await send('aanbieder', setAll(msg(c, '315'), 'ReferentieAanbieder', '[^<]*', 'S-R1'));
    const onderzoek = setAll(setAll(msg(c, '319'), 'ReferentieAanbieder', '[^<]*', 'S-R1'), 'VerzoekAntwoord', '[^<]*', '2')
      .replace(/<([\w]+):RedenAfwijzingVerzoek>[^<]*<\/\1:RedenAfwijzingVerzoek>\s*/, '')
      .replace(/<([\w]+):Woonplaatsbeginsel>[\s\S]*?<\/\1:Woonplaatsbeginsel>\s*/, '');
    await send('gemeente', onderzoek);
    // Rejected (TR380: a NieuwProduct starting before the Dagtekening): never sent.
    const rejected = await send(
      'aanbieder',
      setAll(setAll(msg(c, '317'), 'ReferentieAanbieder', '[^<]*', 'S-R2'), 'GewensteIngangsdatum', '2026-12-01', '2026-11-05'),
    );
    expect(rejected.status).toBe('afgekeurd');
  });
  afterAll(async () => {
    await gw?.close();
  });

  const pair = () => ({ standard: 'ijw' as const, gemeente: '0384', aanbieder: '42420001' });

  it('toewijzingenVanClient: the latest version of each toegewezen product', async () => {
    const t = await state.toewijzingenVanClient({ ...pair(), client });
    expect(t.map((x) => x.toewijzingNummer).sort()).toEqual(['26001234', '26001235', '26001236']);
    expect(t.find((x) => x.toewijzingNummer === '26001234')).toMatchObject({ einddatum: '2026-12-31', redenWijziging: '05' });
    expect(await state.toewijzingenVanClient({ ...pair(), client: 'f'.repeat(32) })).toEqual([]);
  });

  it('regieVanClient: every start and stop line with its key, oldest first', async () => {
    const lijnen = await state.regieVanClient({ ...pair(), client });
    expect(lijnen.map((l) => [l.soort, l.toewijzingNummer])).toEqual([
      ['start', '26001234'],
      ['start', '26001235'],
      ['stop', '26001235'],
    ]);
    expect(lijnen[2]).toMatchObject({ begindatum: '2026-11-05', redenBeeindiging: '31', einddatum: '2026-11-20', statusAanlevering: '1' });
  });

  it('referenties: per reference the verzoeken, toewijzingen and antwoorden carrying it', async () => {
    const h = await state.referenties({ ...pair(), referenties: ['S-R1', 'S-R2'] });
    expect(h).toEqual([
      {
        referentieAanbieder: 'S-R1',
        verzoeken: [{ nummer: '315', client }],
        toewijzingen: [],
        antwoorden: ['2'],
      },
      { referentieAanbieder: 'S-R2', verzoeken: [], toewijzingen: [], antwoorden: [] },
    ]);
    expect(await state.referenties({ ...pair(), gemeente: '0999', referenties: ['S-R1'] })).toEqual([
      { referentieAanbieder: 'S-R1', verzoeken: [], toewijzingen: [], antwoorden: [] },
    ]);
  });

  it('referentiesGebruikt: the asked references the aanbieder used (a rejected 317 did not)', async () => {
    expect(await state.referentiesGebruikt({ standard: 'ijw', aanbieder: '42420001', referenties: ['S-R1', 'S-R2'] })).toEqual(['S-R1']);
    expect(await state.referentiesGebruikt({ standard: 'iwmo', aanbieder: '42420001', referenties: ['S-R1'] })).toEqual([]);
  });

  it('toewijzingNummers: every earlier 301 line with an asked number', async () => {
    const g = await state.toewijzingNummers({ standard: 'ijw', gemeente: '0384', toewijzingNummers: ['26001234', '1'] });
    expect(g).toEqual([
      { toewijzingNummer: '26001234', aanbieder: '42420001', client, categorie: '45', code: '45A01' },
      { toewijzingNummer: '26001234', aanbieder: '42420001', client, categorie: '45', code: '45A01' },
    ]);
  });
});
