/**
 * The conversation's facts on a summary: per item the keyed hash of its Client's BSN and its
 * StatusAanlevering, and where the class carries them Einddatum, RedenWijziging, RedenBeeindiging and
 * the Budget amount (the regie, toewijzing and verzoek rules compare them across berichten). Pure: the keyed hash is a function handed in (the pipeline's HMAC with the
 * parties config's clientKeySecret), so this room never holds the secret.
 */
import { elementsAt, textAt } from '../standard/access.js';
import { CATALOG, NUMMER } from '../standard/catalog.js';
import { MESSAGES } from '../standard/generated/model.js';
import type { BerichtSummary } from '../decision/summary.js';
import type { ConversationItem, ConversationSummary, PrestatieFeiten } from './types.js';

/** A keyed hash of a BSN; never the BSN itself. */
export type ClientKeyFn = (bsn: string) => string;

// --- regie / toewijzing / verzoek facts ---------------------------------------------------------

/** The berichten whose item classes carry Einddatum, RedenWijziging, RedenBeeindiging or Budget (not the 323/325: no cost there). */
const MET_REGIE_FACTS: ReadonlySet<string> = new Set([
  NUMMER.toewijzing,
  NUMMER.stop,
  NUMMER.verzoekOmToewijzing,
  NUMMER.verzoekOmWijziging,
]);

type RegieFacts = Pick<ConversationItem, 'einddatum' | 'redenWijziging' | 'redenBeeindiging' | 'budgetWaarde'>;

/** Einddatum, RedenWijziging, RedenBeeindiging and Budget where the item class carries them (301, 307, 315, 317). */
function regieFactsOf(node: unknown): RegieFacts | undefined {
  const einddatum = textAt(node, 'Einddatum');
  const redenWijziging = textAt(node, 'RedenWijziging');
  const redenBeeindiging = textAt(node, 'RedenBeeindiging');
  const budgetWaarde = textAt(node, 'Budget');
  if (einddatum === undefined && redenWijziging === undefined && redenBeeindiging === undefined && budgetWaarde === undefined)
    return undefined;
  return {
    ...(einddatum !== undefined ? { einddatum } : {}),
    ...(redenWijziging !== undefined ? { redenWijziging } : {}),
    ...(redenBeeindiging !== undefined ? { redenBeeindiging } : {}),
    ...(budgetWaarde !== undefined ? { budgetWaarde } : {}),
  };
}

export function withConversationFacts(
  summary: BerichtSummary,
  bericht: Record<string, unknown>,
  clientKey: ClientKeyFn,
): ConversationSummary {
  const message = MESSAGES[summary.id];
  const entry = CATALOG[summary.nummer];
  // The Client classes are the ones keyed by Bsn in the catalog (301…319 one Client, 323/325 many).
  const clients = new Map<string, string>();
  for (const k of entry.sleutels) {
    if (!k.sleutel.includes('Bsn')) continue;
    for (const { node, location } of elementsAt(message, bericht, k.pad)) {
      const bsn = textAt(node, 'Bsn');
      if (bsn !== undefined) clients.set(location, clientKey(bsn));
    }
  }
  const status = new Map<string, string>();
  const prestaties = new Map<string, PrestatieFeiten>();
  const regieFacts = new Map<string, RegieFacts>();
  const metFacts = MET_REGIE_FACTS.has(summary.nummer);
  for (const klasse of entry.items) {
    for (const { node, location } of elementsAt(message, bericht, klasse.pad)) {
      const s = textAt(node, 'StatusAanlevering');
      if (s !== undefined) status.set(location, s);
      if (klasse.kind === 'Prestatie') {
        const p = prestatieFeiten(node);
        if (p) prestaties.set(location, p);
      }
      const r = metFacts ? regieFactsOf(node) : undefined;
      if (r) regieFacts.set(location, r);
    }
  }
  const items = summary.items.map((it): ConversationItem => {
    let client: string | undefined;
    for (const [loc, key] of clients) if (it.path.startsWith(`${loc}/`)) client = key;
    const s = status.get(it.path);
    const p = prestaties.get(it.path);
    return {
      ...it,
      ...(client !== undefined ? { client } : {}),
      ...(s !== undefined ? { statusAanlevering: s } : {}),
      ...(p !== undefined ? { prestatie: p } : {}),
      ...regieFacts.get(it.path),
    };
  });
  return { ...summary, items };
}

/** The amounts of one Prestatie element (all mandatory in the XSD but ProductTarief). */
function prestatieFeiten(node: unknown): PrestatieFeiten | undefined {
  const geleverdVolume = textAt(node, 'GeleverdVolume');
  const eenheid = textAt(node, 'Eenheid');
  const bedrag = textAt(node, 'IngediendBedrag/Bedrag');
  const debetCredit = textAt(node, 'IngediendBedrag/DebetCredit');
  if (geleverdVolume === undefined || eenheid === undefined || bedrag === undefined || debetCredit === undefined) return undefined;
  const productTarief = textAt(node, 'ProductTarief');
  return { geleverdVolume, eenheid, ...(productTarief !== undefined ? { productTarief } : {}), bedrag, debetCredit };
}
