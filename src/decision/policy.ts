/**
 * The policy per uitvoeringsvariant as a data table (PRODUCT §3 "Policy per variant"). Each row has
 * a stable rule id that appears in decisions, the journal and metrics; `docs/uitvoeringsvarianten.md`
 * explains the same table in plain words. A contract may only tighten a row (Aanscherping).
 */
import type { PolicyProfiel } from '../contracts/types.js';

/** The six message pairs the table is written in, and each message number's pair: from the message catalog. */
export { BerichtGroep, GROEP_VAN, type BerichtGroepCode } from '../standard/catalog.js';
import type { BerichtGroepCode } from '../standard/catalog.js';

/**
 * A row's exception: the condition under which a `suppress` row routes after all.
 * - `woonplaats-antwoord`: a 301/302 that answers an open verzoek tagged woonplaatscheck.
 * - `regieberichten`: the contract keeps regieberichten (`regieberichten: true`).
 */
export type Uitzondering = 'woonplaats-antwoord' | 'regieberichten';

export interface PolicyRule {
  readonly id: string;
  readonly profiel: PolicyProfiel | 'pxq-onderaannemer';
  readonly groep: BerichtGroepCode;
  readonly actie: 'route' | 'suppress';
  /** `onderaannemer-partij`: deliver to the party the contract names for the PxQ onderaannemer. */
  readonly adres?: 'onderaannemer-partij';
  readonly tag?: 'woonplaatscheck';
  /** Start/stop without a link to a toewijzing (TR019 does not apply: taakgericht has no toewijzing). */
  readonly zonderToewijzing?: true;
  readonly uitzondering?: { readonly wanneer: Uitzondering; readonly id: string; readonly text: string };
  readonly text: string;
}

const ROUTE_ALL = (profiel: 'inspanningsgericht' | 'outputgericht', p: string): PolicyRule[] => [
  { id: `${p}-TOEW`, profiel, groep: 'toewijzing', actie: 'route', text: `${profiel}: toewijzing and its retour are delivered` },
  {
    id: `${p}-REGIE`,
    profiel,
    groep: 'regie',
    actie: 'route',
    text: `${profiel}: start/stop are delivered and must link to a toewijzing (TR019)`,
  },
  { id: `${p}-VOT`, profiel, groep: 'vot', actie: 'route', text: `${profiel}: verzoek om toewijzing is delivered` },
  { id: `${p}-VOW`, profiel, groep: 'vow', actie: 'route', text: `${profiel}: verzoek om wijziging is delivered` },
  { id: `${p}-ANTW`, profiel, groep: 'antwoord', actie: 'route', text: `${profiel}: antwoordbericht is delivered` },
  { id: `${p}-DECL`, profiel, groep: 'declaratie', actie: 'route', text: `${profiel}: declaratie and declaratie-antwoord are delivered` },
];

/** The table. Order does not matter: (profiel, groep) is unique (a test checks it). */
export const POLICY: readonly PolicyRule[] = [
  ...ROUTE_ALL('inspanningsgericht', 'IG'),
  ...ROUTE_ALL('outputgericht', 'OG'),
  {
    id: 'TM-TOEW',
    profiel: 'taakgericht-minimaal',
    groep: 'toewijzing',
    actie: 'suppress',
    text: 'taakgericht-minimaal: no toewijzing per client (taakgericht pays for a task, not per client)',
    uitzondering: {
      wanneer: 'woonplaats-antwoord',
      id: 'TM-TOEW-WPB',
      text: 'taakgericht-minimaal: this toewijzing answers an open woonplaats-verzoek and is delivered',
    },
  },
  {
    id: 'TM-REGIE',
    profiel: 'taakgericht-minimaal',
    groep: 'regie',
    actie: 'suppress',
    zonderToewijzing: true,
    text: 'taakgericht-minimaal: no start/stop berichten unless the contract keeps regieberichten',
    uitzondering: {
      wanneer: 'regieberichten',
      id: 'TM-REGIE-KEEP',
      text: 'taakgericht-minimaal: the contract keeps regieberichten (no ToewijzingNummer; key Product+Begindatum, IV096)',
    },
  },
  {
    id: 'TM-VOT',
    profiel: 'taakgericht-minimaal',
    groep: 'vot',
    actie: 'route',
    tag: 'woonplaatscheck',
    text: 'taakgericht-minimaal: verzoek om toewijzing is delivered so the gemeente can check the woonplaatsbeginsel',
  },
  {
    id: 'TM-VOW',
    profiel: 'taakgericht-minimaal',
    groep: 'vow',
    actie: 'suppress',
    text: 'taakgericht-minimaal: no verzoek om wijziging (there is no toewijzing to change)',
  },
  {
    id: 'TM-ANTW',
    profiel: 'taakgericht-minimaal',
    groep: 'antwoord',
    actie: 'route',
    text: 'taakgericht-minimaal: antwoordbericht is delivered (it answers the woonplaatscheck)',
  },
  {
    id: 'TM-DECL',
    profiel: 'taakgericht-minimaal',
    groep: 'declaratie',
    actie: 'suppress',
    text: 'taakgericht-minimaal: no declaratie per client; the task is paid as one sum',
  },
  {
    id: 'TS-TOEW',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'toewijzing',
    actie: 'route',
    text: 'taakgericht-stelselindicatoren: toewijzing is delivered (feeds the stelselindicatoren)',
  },
  {
    id: 'TS-REGIE',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'regie',
    actie: 'route',
    zonderToewijzing: true,
    text: 'taakgericht-stelselindicatoren: start/stop are delivered without a link to a toewijzing (no TR019)',
  },
  {
    id: 'TS-VOT',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'vot',
    actie: 'route',
    tag: 'woonplaatscheck',
    text: 'taakgericht-stelselindicatoren: verzoek om toewijzing is delivered, tagged for the woonplaatscheck',
  },
  {
    id: 'TS-VOW',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'vow',
    actie: 'route',
    text: 'taakgericht-stelselindicatoren: verzoek om wijziging is delivered',
  },
  {
    id: 'TS-ANTW',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'antwoord',
    actie: 'route',
    text: 'taakgericht-stelselindicatoren: antwoordbericht is delivered',
  },
  {
    id: 'TS-DECL',
    profiel: 'taakgericht-stelselindicatoren',
    groep: 'declaratie',
    actie: 'suppress',
    text: 'taakgericht-stelselindicatoren: all berichtenverkeer except declaratie (as the concept SAP taakgericht describes)',
  },
  {
    id: 'PXQ-TOEW',
    profiel: 'pxq-onderaannemer',
    groep: 'toewijzing',
    actie: 'route',
    adres: 'onderaannemer-partij',
    text: 'PxQ onderaannemer: toewijzing traffic goes to the party the contract names',
  },
  {
    id: 'PXQ-REGIE',
    profiel: 'pxq-onderaannemer',
    groep: 'regie',
    actie: 'route',
    adres: 'onderaannemer-partij',
    text: 'PxQ onderaannemer: start/stop go to the party the contract names',
  },
  // Verzoeken and antwoorden stay between the onderaannemer and the gemeente (the card says "route",
  // not "to the party the contract names"): only the gemeente can grant a toewijzing or check the woonplaats.
  {
    id: 'PXQ-VOT',
    profiel: 'pxq-onderaannemer',
    groep: 'vot',
    actie: 'route',
    text: 'PxQ onderaannemer: verzoek om toewijzing is delivered',
  },
  {
    id: 'PXQ-VOW',
    profiel: 'pxq-onderaannemer',
    groep: 'vow',
    actie: 'route',
    text: 'PxQ onderaannemer: verzoek om wijziging is delivered',
  },
  {
    id: 'PXQ-ANTW',
    profiel: 'pxq-onderaannemer',
    groep: 'antwoord',
    actie: 'route',
    text: 'PxQ onderaannemer: antwoordbericht is delivered',
  },
  {
    id: 'PXQ-DECL',
    profiel: 'pxq-onderaannemer',
    groep: 'declaratie',
    actie: 'route',
    adres: 'onderaannemer-partij',
    text: 'PxQ onderaannemer: declaratie goes to the party the contract names (the PxQ exception)',
  },
];

/** Rules outside the table: named here so decisions, docs and tests share the ids. */
export const RULE = {
  /** A retour/325 follows its heenbericht: delivered when the heenbericht was delivered. */
  RETOUR_VOLGT_HEEN: 'RET-HEEN',
  /** A retour/325 whose heenbericht was suppressed or refused: there is nobody to answer. */
  RETOUR_HEEN_NIET_BEZORGD: 'RET-HEEN-NIET-BEZORGD',
  /** Woonplaatsbeginsel traffic is never suppressed, whatever the variant or tightening: only the gemeente can check it. */
  WOONPLAATS_NOOIT_ONDERDRUKT: 'WPB-NOOIT-ONDERDRUKT',
  /** iJw 319 with RedenAfwijzingVerzoek 8 lacks Woonplaatsbeginsel/Gemeente (TR377/TR409). */
  WOONPLAATS_319_GEMEENTE: 'WPB-319-8',
  /** iWmo 319 with RedenAfwijzingVerzoek 8: the standard reserves 8 for iJw; iWmo uses 5 (codelijst RedenAfwijzingVerzoek). */
  WOONPLAATS_319_WMO: 'WPB-319-8-WMO',
  /** The result of the woonplaats check, attached for the gemeente. */
  WOONPLAATS_RESULTAAT: 'WPB-RESULTAAT',
  /** The expected gemeente differs from the header gemeente. */
  WOONPLAATS_AFWIJKING: 'WPB-AFWIJKING',
  /** An aanbieder outside a taakgericht contract declares for products that contract covers. */
  TAAKGERICHT_OVERIGE_AANBIEDER: 'TG-OVERIG-DECL',
  /** The contract tightens its profile for this BerichtCode. */
  AANSCHERPING: 'AANSCH',
  /** No contract: delivered with a warning (gemeente setting route-with-warning). */
  GEEN_CONTRACT_ROUTE: 'NC-ROUTE',
  /** No contract: refused (gemeente setting refuse). */
  GEEN_CONTRACT_WEIGEREN: 'NC-REFUSE',
  /** No contract, but a verzoek/antwoord: always delivered so the gemeente can answer (319 reden 3 "Geen contract"). */
  GEEN_CONTRACT_VERZOEK: 'NC-VERZOEK',
  /** Several contracts match and they disagree (the product is unknown): treated as no contract. */
  CONTRACT_AMBIGU: 'NC-AMBIGU',
  /** Several contracts match an item whose product is unknown, and they agree. */
  CONTRACT_MEERDERE: 'CONTRACT-MEERDERE',
  /** A 323 with prestaties that route and prestaties that must not be declared. */
  GEMENGDE_DECLARATIE: 'DECL-GEMENGD',
  /** Product lines under different outcomes in one non-declaratie bericht: delivered with a warning. */
  GEMENGD_BERICHT: 'GEMENGD',
  /** Items would go to different addressees; one bericht cannot be split. */
  GEMENGD_ADRES: 'ADRES-GEMENGD',
  /** Rechtszekerheid (CRvB): Wmo toewijzing of hulp bij het huishouden / begeleiding without Omvang in time units. */
  RECHTSZEKERHEID: 'RZ-OMVANG',
  /** Same, and the gemeente made it blocking. */
  RECHTSZEKERHEID_BLOKKEREND: 'RZ-OMVANG-BLOK',
  /** The selecting date was not in the bericht or the state; a fallback date was used. */
  DATUM_TERUGVAL: 'DATUM-TERUGVAL',
  /** Taakgericht start/stop carries a ToewijzingNummer although taakgericht has no toewijzing. */
  TAAKGERICHT_TOEWIJZINGNUMMER: 'TG-TOEWIJZINGNUMMER',
} as const;

export function policyRule(profiel: PolicyProfiel | 'pxq-onderaannemer', groep: BerichtGroepCode): PolicyRule {
  const r = POLICY.find((p) => p.profiel === profiel && p.groep === groep);
  // The table is complete for every (profiel, groep); a test enumerates all 5 × 6 pairs.
  if (!r) throw new Error(`policy table has no row for ${profiel}/${groep}`);
  return r;
}
