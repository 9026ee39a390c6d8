/**
 * Test helpers for the decision tests (src/decision/*.test.ts): build summaries and registries
 * without XML, so the table tests read like a table. Test support lives under test/: the product
 * build (tsconfig.build.json) compiles src/ only.
 */
import { createRegistryChecker, type RegistryChecker } from '../../src/contracts/registry.js';
import type { Contract, Registry, RegistryDocument } from '../../src/contracts/types.js';
import { berichtId, type BerichtNummer, type Standard } from '../../src/standard/model.js';
import { MESSAGES } from '../../src/standard/generated/model.js';
import { CATALOG } from '../../src/standard/catalog.js';
import { HEEN_VAN, VERZENDER, type BerichtSummary, type SummaryItem } from '../../src/decision/summary.js';

export function registryOf(
  contracten: readonly Contract[],
  extra: Partial<RegistryDocument> = {},
  checker: RegistryChecker = createRegistryChecker(),
): Registry {
  const r = checker.check({ versie: 1, ...extra, contracten }, 'test');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.reason}`).join('\n'));
  return r.registry;
}

export interface MkOptions {
  readonly gemeente?: string;
  readonly datum?: string;
  readonly categorie?: string;
  readonly items?: readonly Partial<SummaryItem>[];
  readonly antwoord?: BerichtSummary['antwoord'];
  readonly woonplaats?: BerichtSummary['woonplaats'];
  readonly identificatie?: string;
}

/** A summary as `summarize` would produce it for a bericht between `gemeente` and `aanbieder`. */
export function mk(standard: Standard, nummer: BerichtNummer, aanbieder: string, o: MkOptions = {}): BerichtSummary {
  const gemeente = o.gemeente ?? '0321';
  const entry = CATALOG[nummer];
  const verzender = VERZENDER[nummer];
  // Heen and 325: the sender is Afzender. Retours copy the heen header, so the heen sender stays Afzender.
  const heenNummer = HEEN_VAN[nummer];
  const headerSender = entry.soort === 'retourbericht' && heenNummer ? VERZENDER[heenNummer] : verzender;
  const party = (rol: 'gemeente' | 'aanbieder'): string => (rol === 'gemeente' ? gemeente : aanbieder);
  const afzender = party(headerSender);
  const ontvanger = afzender === gemeente ? aanbieder : gemeente;
  // One item kind per bericht: the last class the catalog lists (317: NieuwProduct).
  const kind = entry.items.at(-1)?.kind;
  const datum = o.datum ?? '2026-03-01';
  const items: SummaryItem[] =
    kind === undefined
      ? []
      : (o.items ?? [{}]).map((it, i) => ({
          kind,
          index: i + 1,
          path:
            kind === 'Prestatie'
              ? `/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[${i + 1}]`
              : `/Bericht/Client/X/${kind}[${i + 1}]`,
          datum,
          ...(o.categorie !== undefined ? { categorie: o.categorie } : {}),
          ...(kind === 'Prestatie' ? { productReferentie: `REF${i + 1}` } : {}),
          ...it,
        }));
  const id = berichtId(standard, nummer);
  const identificatie = o.identificatie ?? `ID-${nummer}`;
  return {
    id,
    standard,
    nummer,
    berichtCode: MESSAGES[id].berichtCode,
    afzender,
    ontvanger,
    verzender,
    gemeente,
    aanbieder,
    identificatie,
    dagtekening: '2026-04-02',
    ...(heenNummer
      ? {
          heen: {
            nummer: heenNummer,
            afzender: party(VERZENDER[heenNummer]),
            identificatie: `HEEN-${heenNummer}`,
            dagtekening: '2026-04-01',
          },
        }
      : {}),
    items,
    ...(entry.velden.verzoekReferentie !== undefined ? { verzoekReferentie: 'VOW-1' } : {}),
    ...(entry.velden.antwoord !== undefined ? { antwoord: o.antwoord ?? { referentieAanbieder: 'VOT-1', verzoekAntwoord: '2' } } : {}),
    ...(o.woonplaats ? { woonplaats: o.woonplaats } : {}),
  };
}
