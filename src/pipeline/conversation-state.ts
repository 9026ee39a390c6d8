/**
 * The conversation rules' AsyncConversationState over the journal: every question is answered from
 * the decision summaries (`decision_summary`) the pipeline journaled, with the conversation facts on
 * their items (`client`: a keyed hash of the BSN; `statusAanlevering`) — no second table to keep in
 * step. As in journal-state.ts, berichten Sluis rejected or refused count as never sent.
 * - `regie`: every 305/307 line with that ToewijzingNummer for that client, oldest first (index 0135).
 * - `declaratieBekend`: a 323 of the aanbieder with that DeclaratieNummer (index 0136).
 * - `toegewezen`, `prestaties`, `prestatiesOpToewijzing`, `declaratie(s)`: the declaratie rules'
 *   batches, from the side tables of migration 0150 (a 323's summary is too large to probe by item).
 * - `openVerzoeken`: the aanbieder's 315/317 for that client, each ReferentieAanbieder not followed
 *   by a 301 line or a 319 "afgewezen" carrying it (TR374's definition of in behandeling).
 * - `regieVanClient`: every 305/307 line for that client, oldest first (index 0135, one query per bericht).
 * - `referenties`: the 315/317/301/319 of the pair carrying any of the asked ReferentieAanbieder (index 0131).
 * - `referentiesGebruikt`: the aanbieder's 315/317 carrying any of them, to any gemeente (index 0131).
 * - `toewijzingenVanClient`: the latest 301 line per ToewijzingNummer for that client (index 0131).
 * - `toewijzingNummers`: the gemeente's 301 lines with any of the asked ToewijzingNummers (index 0131).
 */
import { CATALOG, NUMMER } from '../standard/catalog.js';
import type {
  AsyncConversationState,
  ConversationItem,
  ConversationSummary,
  DeclaratieRegel,
  OpenVerzoek,
  PrestatieRegel,
  ReferentieHistorie,
  RegieRegel,
  ToewijzingGebruik,
} from '../conversation/types.js';
import { lijnVan } from '../conversation/rules/regie.js';
import type { Db } from '../store/db.js';
import { allBySummary } from '../store/journal/state-all.js';
import { existsSummaryAfter } from '../store/journal/state-closer.js';
import { existsDeclaratieNummer } from '../store/journal/state-declaratie.js';
import { declaratieRows, type DeclaratieRow } from '../store/conv-facts/declaraties.js';
import { prestatieLines, type PrestatieRow } from '../store/conv-facts/prestaties.js';
import { toegewezenLines } from '../store/conv-facts/toegewezen.js';
import type { JournalStateOptions } from './journal-state.js';

// --- declaratie questions: the side tables of migration 0150 (docs/decisions/0022) ---
const prestatieRegel = (r: PrestatieRow<ConversationItem>): PrestatieRegel => ({
  gemeente: r.gemeente,
  declaratieIdentificatie: r.declaratie_identificatie,
  item: r.item,
  goedgekeurd: r.goedgekeurd,
});
const declaratieRegel = (r: DeclaratieRow): DeclaratieRegel => ({
  gemeente: r.gemeente,
  identificatie: r.identificatie,
  ...(r.dagtekening !== null ? { dagtekening: r.dagtekening } : {}),
  ...(r.declaratie_nummer !== null ? { declaratieNummer: r.declaratie_nummer } : {}),
  ...(r.periode_begin !== null ? { periodeBegin: r.periode_begin } : {}),
  ...(r.periode_eind !== null ? { periodeEind: r.periode_eind } : {}),
  ...(r.xsd_versie !== null ? { xsdVersie: r.xsd_versie } : {}),
});

/** VerzoekAntwoord 1: the verzoek is afgewezen (WJ760); it closes the verzoek like a 301 does. */
const VERZOEK_AFGEWEZEN = '1';

export function conversationState(db: Db, opts: JournalStateOptions = {}): AsyncConversationState {
  const bound = opts.before;
  return {
    async regie(q) {
      const line = { toewijzingNummer: q.toewijzingNummer, client: q.client };
      const base = { standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [{ items: [line] }],
        [
          { ...base, nummer: NUMMER.start, items: [line] },
          { ...base, nummer: NUMMER.stop, items: [line] },
        ],
        'regie',
        bound,
      );
      return rows.flatMap((r) =>
        r.decision_summary.items
          .filter((it) => it.toewijzingNummer === q.toewijzingNummer && it.client === q.client)
          .map((it): RegieRegel => ({
            soort: r.decision_summary.nummer === NUMMER.start ? 'start' : 'stop',
            ...(it.datum !== undefined ? { begindatum: it.datum } : {}),
            ...(it.statusAanlevering !== undefined ? { statusAanlevering: it.statusAanlevering } : {}),
          })),
      );
    },

    declaratieBekend: (q) => existsDeclaratieNummer(db, q, bound),

    // --- declaratie questions (one statement per batch) ---
    toegewezen: (q) => toegewezenLines<ConversationItem>(db, q, bound),
    prestaties: async (q) =>
      (await prestatieLines<ConversationItem>(db, { by: 'referentie', ...q, nummers: q.referentieNummers }, bound)).map(prestatieRegel),
    prestatiesOpToewijzing: async (q) =>
      (await prestatieLines<ConversationItem>(db, { by: 'toewijzing', ...q, nummers: q.toewijzingNummers }, bound)).map(prestatieRegel),
    declaratie: async (q) => {
      const rows = await declaratieRows(db, { by: 'identificatie', ...q }, bound);
      const last = rows[rows.length - 1];
      return last && declaratieRegel(last);
    },
    eerdereDeclaraties: async (q) => (await declaratieRows(db, { by: 'pair', ...q }, bound)).map(declaratieRegel),

    async openVerzoeken(q) {
      const client = { items: [{ client: q.client }] };
      const base = { standard: q.standard, aanbieder: q.aanbieder };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [client],
        [
          { ...base, nummer: NUMMER.verzoekOmToewijzing, ...client },
          { ...base, nummer: NUMMER.verzoekOmWijziging, ...client },
        ],
        'state',
        bound,
      );
      const open: OpenVerzoek[] = [];
      for (const r of rows) {
        const s = r.decision_summary;
        const refs =
          CATALOG[s.nummer].verzoek === 'per-product'
            ? s.items
                .filter((it) => it.client === q.client)
                .flatMap((it) => (it.referentieAanbieder !== undefined ? [it.referentieAanbieder] : []))
            : s.verzoekReferentie !== undefined
              ? [s.verzoekReferentie]
              : [];
        const pair = { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder };
        for (const ref of new Set(refs)) {
          const closed = await existsSummaryAfter(
            db,
            [{ items: [{ referentieAanbieder: ref }] }, { antwoord: { referentieAanbieder: ref } }],
            [
              { ...pair, nummer: NUMMER.toewijzing, items: [{ referentieAanbieder: ref }] },
              { ...pair, nummer: NUMMER.antwoordbericht, antwoord: { referentieAanbieder: ref, verzoekAntwoord: VERZOEK_AFGEWEZEN } },
            ],
            { receivedAt: r.received_at, id: r.id },
            bound,
          );
          if (!closed) open.push({ referentieAanbieder: ref, gemeente: s.gemeente });
        }
      }
      return open;
    },

    // --- regie / toewijzing / verzoek questions: one query per question, whatever the bericht's size ---
    async regieVanClient(q) {
      const client = { items: [{ client: q.client }] };
      const base = { standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [client],
        [
          { ...base, nummer: NUMMER.start, ...client },
          { ...base, nummer: NUMMER.stop, ...client },
        ],
        'regie',
        bound,
      );
      return rows.flatMap((r) =>
        r.decision_summary.items
          .filter((it) => it.client === q.client)
          .map((it) => lijnVan(r.decision_summary.nummer === NUMMER.start ? 'start' : 'stop', it)),
      );
    },

    async referenties(q) {
      const refs = new Set(q.referenties);
      if (refs.size === 0) return [];
      const pair = { standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [...refs].flatMap((r) => [
          { items: [{ referentieAanbieder: r }] },
          { verzoekReferentie: r },
          { antwoord: { referentieAanbieder: r } },
        ]),
        [NUMMER.toewijzing, NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging, NUMMER.antwoordbericht].map((nummer) => ({
          ...pair,
          nummer,
        })),
        'state',
        bound,
      );
      const out = new Map<
        string,
        { verzoeken: ReferentieHistorie['verzoeken'][number][]; toewijzingen: { client?: string }[]; antwoorden: string[] }
      >([...refs].map((r) => [r, { verzoeken: [], toewijzingen: [], antwoorden: [] }]));
      const client = (it: ConversationItem): { client?: string } => (it.client !== undefined ? { client: it.client } : {});
      for (const { decision_summary: s } of rows) {
        if (s.nummer === NUMMER.antwoordbericht && s.antwoord)
          out.get(s.antwoord.referentieAanbieder)?.antwoorden.push(s.antwoord.verzoekAntwoord);
        else if (s.nummer === NUMMER.verzoekOmWijziging && s.verzoekReferentie !== undefined) {
          const it = s.items.find((i) => i.client !== undefined);
          out.get(s.verzoekReferentie)?.verzoeken.push({ nummer: s.nummer, ...(it ? client(it) : {}) });
        } else
          for (const it of s.items) {
            const h = it.referentieAanbieder !== undefined ? out.get(it.referentieAanbieder) : undefined;
            if (!h) continue;
            if (s.nummer === NUMMER.toewijzing) h.toewijzingen.push(client(it));
            else h.verzoeken.push({ nummer: s.nummer, ...client(it) });
          }
      }
      return [...out].map(([referentieAanbieder, h]): ReferentieHistorie => ({ referentieAanbieder, ...h }));
    },

    async referentiesGebruikt(q) {
      const refs = new Set(q.referenties);
      if (refs.size === 0) return [];
      const who = { standard: q.standard, aanbieder: q.aanbieder };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [...refs].flatMap((r) => [{ items: [{ referentieAanbieder: r }] }, { verzoekReferentie: r }]),
        [
          { ...who, nummer: NUMMER.verzoekOmToewijzing },
          { ...who, nummer: NUMMER.verzoekOmWijziging },
        ],
        'state',
        bound,
      );
      const used = new Set<string>();
      for (const { decision_summary: s } of rows) {
        if (s.verzoekReferentie !== undefined && refs.has(s.verzoekReferentie)) used.add(s.verzoekReferentie);
        for (const it of s.items)
          if (it.referentieAanbieder !== undefined && refs.has(it.referentieAanbieder)) used.add(it.referentieAanbieder);
      }
      return [...used];
    },

    async toewijzingenVanClient(q) {
      const client = { items: [{ client: q.client }] };
      const rows = await allBySummary<ConversationSummary>(
        db,
        [client],
        [{ standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder, nummer: NUMMER.toewijzing, ...client }],
        'state',
        bound,
      );
      // Oldest first: a later 301 line with the same ToewijzingNummer is the toewijzing as it now stands.
      const latest = new Map<string, ConversationItem>();
      for (const r of rows)
        for (const it of r.decision_summary.items)
          if (it.client === q.client && it.toewijzingNummer !== undefined) latest.set(it.toewijzingNummer, it);
      return [...latest.values()];
    },

    async toewijzingNummers(q) {
      const nrs = new Set(q.toewijzingNummers);
      if (nrs.size === 0) return [];
      const rows = await allBySummary<ConversationSummary>(
        db,
        [...nrs].map((n) => ({ items: [{ toewijzingNummer: n }] })),
        [{ standard: q.standard, gemeente: q.gemeente, nummer: NUMMER.toewijzing }],
        'state',
        bound,
      );
      return rows.flatMap(({ decision_summary: s }) =>
        s.items
          .filter((it) => it.toewijzingNummer !== undefined && nrs.has(it.toewijzingNummer))
          .map((it): ToewijzingGebruik => ({
            toewijzingNummer: it.toewijzingNummer!,
            aanbieder: s.aanbieder,
            ...(it.client !== undefined ? { client: it.client } : {}),
            ...(it.categorie !== undefined ? { categorie: it.categorie } : {}),
            ...(it.code !== undefined ? { code: it.code } : {}),
          })),
      );
    },
  };
}
