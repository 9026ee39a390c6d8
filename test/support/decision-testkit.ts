/**
 * Test helpers for the decision tests (src/decision/*.test.ts): build summaries and registries
 * without XML, so the table tests read like a table. Test support lives under test/: the product
 * build (tsconfig.build.json) compiles src/ only.
 */
import { createRegistryChecker, type RegistryChecker } from '../../src/contracts/registry.js';
import type { Contract, Registry, RegistryDocument } from '../../src/contracts/types.js';
import { berichtId, type BerichtNummer, type Standard } from '../../src/standard/model.js';
import { MESSAGES } from '../../src/standard/generated/model.js';
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

const ITEM_KIND: Partial<Record<BerichtNummer, SummaryItem['kind']>> = {
  '301': 'ToegewezenProduct',
  '302': 'ToegewezenProduct',
  '305': 'StartProduct',
  '306': 'StartProduct',
  '307': 'StopProduct',
  '308': 'StopProduct',
  '315': 'AangevraagdProduct',
  '316': 'AangevraagdProduct',
  '317': 'NieuwProduct',
  '318': 'NieuwProduct',
  '323': 'Prestatie',
  '325': 'Prestatie',
};

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
  const verzender = VERZENDER[nummer];
  // Heen: the sender is Afzender. Retours copy the heen header, so the heen sender stays Afzender.
  const heenNummer = HEEN_VAN[nummer];
  const heenSender = heenNummer ? VERZENDER[heenNummer] : verzender;
  const afzender = nummer === '325' ? gemeente : heenSender === 'gemeente' ? gemeente : aanbieder;
  const ontvanger = afzender === gemeente ? aanbieder : gemeente;
  const kind = ITEM_KIND[nummer];
  const datum = o.datum ?? '2026-03-01';
  const items: SummaryItem[] =
    kind === undefined
      ? []
      : (o.items ?? [{}]).map((it, i) => ({
          kind,
          index: i + 1,
          path:
            nummer === '323' || nummer === '325'
              ? `/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[${i + 1}]`
              : `/Bericht/Client/X/${kind}[${i + 1}]`,
          datum,
          ...(o.categorie !== undefined ? { categorie: o.categorie } : {}),
          ...(nummer === '323' || nummer === '325' ? { productReferentie: `REF${i + 1}` } : {}),
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
            afzender: nummer === '325' ? aanbieder : afzender,
            identificatie: `HEEN-${heenNummer}`,
            dagtekening: '2026-04-01',
          },
        }
      : {}),
    items,
    ...(nummer === '317' || nummer === '318' ? { verzoekReferentie: 'VOW-1' } : {}),
    ...(nummer === '319' || nummer === '320' ? { antwoord: o.antwoord ?? { referentieAanbieder: 'VOT-1', verzoekAntwoord: '2' } } : {}),
    ...(o.woonplaats ? { woonplaats: o.woonplaats } : {}),
  };
}
