/**
 * decide: the pure policy core. Same summary + registry + state + clock ⇒ same decision; no I/O,
 * no clock reads, no randomness (eslint forbids the imports that could add them).
 *
 * Order of the steps (each is a named rule, see policy.ts):
 *  1. structural woonplaats rule for 319 reden 8;
 *  2. the items (product lines / prestaties) with their selecting dates — a retour's or antwoord's
 *     come from its heenbericht / verzoek (PRODUCT §3);
 *  3. per item: the contract (party contracts first, then a taakgericht contract covering the product
 *     for "other aanbieders"), the policy row, its exception, the contract's tightening;
 *  4. woonplaatsbeginsel traffic is never suppressed;
 *  5. a retour follows its heenbericht;
 *  6. combine the items (a mixed 323 is refused as a whole, naming the prestaties);
 *  7. rechtszekerheid (Wmo 301, outputgericht, HH/begeleiding without Omvang in time units);
 *  8. the woonplaats result and mismatch.
 */
import { gemeenteInstellingen, hoofdaannemer, indexedCovering, policyProfiel, type ContractRol } from '../contracts/lookup.js';
import type { Contract, GemeenteInstellingen, Registry, WetNaam } from '../contracts/types.js';
import type { ActionCode, Decision, ItemDecision, Reason, Severity } from './decision.js';
import { Tag } from './decision.js';
import { CATALOG, NUMMER } from '../standard/catalog.js';
import { GROEP_VAN, RULE, policyRule, type BerichtGroepCode } from './policy.js';
import { verzoekKeyFor, type DecisionState, type StoredBericht, type StoredVerzoek } from './state.js';
import type { BerichtSummary, SummaryItem } from './summary.js';

/** Eenheden that are time units (WJ756): 01 minuut, 04 uur, 14 etmaal, 16 dagdeel. */
const TIJDEENHEDEN: ReadonlySet<string> = new Set(['01', '04', '14', '16']);
/** iWmo categories the CRvB rulings are about (seeds 000/001): 01 hulp bij het huishouden, 02 begeleiding. */
const RECHTSZEKERHEID_CATEGORIEEN: ReadonlySet<string> = new Set(['01', '02']);

const DATE_RE = /^(\d{4}-\d{2}-\d{2})/;

interface ResolvedItem {
  readonly path: string;
  readonly productReferentie?: string;
  readonly datum: string;
  readonly categorie?: string;
  readonly code?: string;
  readonly toewijzingNummer?: string;
  readonly referentieAanbieder?: string;
  readonly omvang?: SummaryItem['omvang'];
}

interface Outcome {
  readonly action: ActionCode;
  readonly rule: string;
  readonly text: string;
  readonly severity: Severity;
  readonly contract?: Contract;
  readonly variant?: string;
  readonly addressee?: string;
  readonly tags: readonly string[];
  /** Further matching contracts that agree with `contract`. */
  readonly alsoContracts?: readonly string[];
  /** Extra reasons this item adds (e.g. a ToewijzingNummer under taakgericht). */
  readonly extra?: readonly Omit<Reason, 'items'>[];
}

interface Ctx {
  readonly input: BerichtSummary;
  readonly registry: Registry;
  readonly state: DecisionState;
  readonly wet: WetNaam;
  readonly groep: BerichtGroepCode;
  readonly settings: GemeenteInstellingen;
}

function dateOf(now: string): string {
  const m = DATE_RE.exec(now);
  if (!m?.[1]) throw new RangeError(`decide: 'now' must be an ISO date or date-time, got '${now}'`);
  return m[1];
}

function isWoonplaatsVerzoek(v: StoredVerzoek | undefined): boolean {
  if (!v) return false;
  const b: StoredBericht = v.bericht;
  if (b.decision?.tags.includes(Tag.woonplaatscheck)) return true;
  return b.summary.standard === 'ijw' && CATALOG[b.summary.nummer].groep === 'vot';
}

/** 315/316 (iJw), 319/320 about the woonplaatsbeginsel, and 301/302 answering a woonplaats-verzoek. */
function woonplaatsVerkeer(ctx: Ctx, items: readonly ResolvedItem[], antwoordVerzoek: StoredVerzoek | undefined): boolean {
  const { input, state } = ctx;
  switch (ctx.groep) {
    case 'vot':
      return input.standard === 'ijw';
    case 'antwoord': {
      const a = input.antwoord;
      if (a?.redenAfwijzingVerzoek === '8' && input.standard === 'ijw') return true;
      return isWoonplaatsVerzoek(antwoordVerzoek);
    }
    case 'toewijzing':
      return items.some((it) => {
        if (it.referentieAanbieder === undefined) return false;
        const v = state.verzoek(verzoekKeyFor(input, it.referentieAanbieder));
        return isWoonplaatsVerzoek(v) && (CATALOG[input.nummer].soort === 'retourbericht' || v?.open === true);
      });
    default:
      return false;
  }
}

function resolveItems(
  ctx: Ctx,
  heen: StoredBericht | undefined,
  antwoordVerzoek: StoredVerzoek | undefined,
  fallback: string,
): { items: ResolvedItem[]; fellBack: boolean } {
  const { input, state } = ctx;
  let source: readonly SummaryItem[] = input.items;
  if (ctx.groep === 'antwoord' && antwoordVerzoek) {
    const ref = input.antwoord?.referentieAanbieder;
    const v = antwoordVerzoek.bericht.summary;
    // A 319 answers one AangevraagdProduct of a 315 (by ReferentieAanbieder) or a whole 317.
    source = CATALOG[v.nummer].groep === 'vot' ? v.items.filter((it) => it.referentieAanbieder === ref) : v.items;
  } else if (input.heen && heen && heen.summary.items.length > 0) {
    source = heen.summary.items;
  }
  let fellBack = false;
  const items: ResolvedItem[] = source.map((it) => {
    let { datum, categorie, code } = it;
    if ((datum === undefined || categorie === undefined) && it.toewijzingNummer !== undefined) {
      const t = state.toewijzing({
        standard: input.standard,
        gemeente: input.gemeente,
        aanbieder: input.aanbieder,
        toewijzingNummer: it.toewijzingNummer,
      });
      if (t) {
        datum ??= t.ingangsdatum;
        if (categorie === undefined) {
          categorie = t.categorie;
          code = t.code;
        }
      }
    }
    if (datum === undefined) {
      datum = fallback;
      fellBack = true;
    }
    // Every key present (absent ones undefined): one object shape, no temporary object per
    // conditional spread. ResolvedItem never leaves this module.
    return {
      path: it.path,
      datum,
      productReferentie: it.productReferentie,
      categorie,
      code,
      toewijzingNummer: it.toewijzingNummer,
      referentieAanbieder: it.referentieAanbieder,
      omvang: it.omvang,
    };
  });
  if (items.length === 0) {
    fellBack = true;
    items.push({ path: '/Bericht', datum: fallback });
  }
  return { items, fellBack };
}

function defaultAddressee(input: BerichtSummary): string {
  return input.verzender === 'aanbieder' ? input.gemeente : input.aanbieder;
}

function geenContract(ctx: Ctx, rule: string, why: string): Outcome {
  const tags = [Tag.geenContract];
  if (ctx.groep === 'vot' || ctx.groep === 'antwoord') {
    return {
      action: 'route',
      rule: RULE.GEEN_CONTRACT_VERZOEK,
      severity: 'warning',
      tags,
      addressee: defaultAddressee(ctx.input),
      text: `${why}; a verzoek or antwoord is always delivered so the gemeente can answer (RedenAfwijzingVerzoek 3 "Geen contract")`,
    };
  }
  if (ctx.settings.geenContract === 'refuse') {
    return {
      action: 'refuse',
      rule: rule === RULE.CONTRACT_AMBIGU ? rule : RULE.GEEN_CONTRACT_WEIGEREN,
      severity: 'error',
      tags,
      text: `${why}; gemeente ${ctx.input.gemeente} refuses berichten without a contract`,
    };
  }
  return {
    action: 'route',
    rule: rule === RULE.CONTRACT_AMBIGU ? rule : RULE.GEEN_CONTRACT_ROUTE,
    severity: 'warning',
    tags,
    addressee: defaultAddressee(ctx.input),
    text: `${why}; delivered with a warning (gemeente setting route-with-warning)`,
  };
}

function outcomeUnder(ctx: Ctx, c: Contract, rol: ContractRol, item: ResolvedItem): Outcome {
  const { input, state } = ctx;
  const onder = rol === 'onderaannemer' ? c.onderaannemers?.find((o) => o.agb === input.aanbieder) : undefined;
  let out: Outcome;
  if (onder?.bekostiging === 'PxQ') {
    const row = policyRule('pxq-onderaannemer', ctx.groep);
    const naarHoofd = row.adres === 'onderaannemer-partij' && input.verzender === 'aanbieder' && onder.berichtenNaar === 'hoofdaannemer';
    out = {
      action: row.actie,
      rule: row.id,
      severity: 'info',
      contract: c,
      variant: policyProfiel(c),
      addressee: naarHoofd ? hoofdaannemer(c) : defaultAddressee(input),
      tags: naarHoofd ? [Tag.naarHoofdaannemer] : [],
      text: `${row.text}: ${naarHoofd ? `the hoofdaannemer ${hoofdaannemer(c)} (provider-to-provider, named by the contract)` : input.verzender === 'aanbieder' ? `the gemeente ${input.gemeente}` : `the onderaannemer ${input.aanbieder}`}`,
    };
  } else {
    const profiel = policyProfiel(c);
    const row = policyRule(profiel, ctx.groep);
    let action: ActionCode = row.actie;
    let rule = row.id;
    let text = `${row.text} (${rol} ${input.aanbieder})`;
    if (action === 'suppress' && row.uitzondering) {
      const u = row.uitzondering;
      const applies =
        u.wanneer === 'regieberichten'
          ? c.regieberichten === true
          : item.referentieAanbieder !== undefined &&
            (() => {
              const v = state.verzoek(verzoekKeyFor(input, item.referentieAanbieder));
              return isWoonplaatsVerzoek(v) && (CATALOG[input.nummer].soort === 'retourbericht' || v?.open === true);
            })();
      if (applies) {
        action = 'route';
        rule = u.id;
        text = u.text;
      }
    }
    const tags: string[] = [];
    const extra: Omit<Reason, 'items'>[] = [];
    if (row.tag && action === 'route') tags.push(row.tag);
    if (row.zonderToewijzing && action === 'route') {
      tags.push(Tag.zonderToewijzing);
      if (item.toewijzingNummer !== undefined) {
        extra.push({
          rule: RULE.TAAKGERICHT_TOEWIJZINGNUMMER,
          severity: 'warning',
          contractId: c.id,
          variant: profiel,
          text: 'taakgericht has no toewijzing: start/stop should carry no ToewijzingNummer (key Product+Begindatum, IV096)',
        });
      }
    }
    out = {
      action,
      rule,
      text,
      severity: action === 'route' ? 'info' : 'warning',
      contract: c,
      variant: profiel,
      ...(action === 'route' ? { addressee: defaultAddressee(input) } : {}),
      tags,
      ...(extra.length ? { extra } : {}),
    };
  }
  if (out.action === 'route' && c.aanscherping?.onderdrukken?.includes(input.nummer)) {
    out = {
      action: 'suppress',
      rule: RULE.AANSCHERPING,
      severity: 'warning',
      contract: c,
      variant: policyProfiel(c),
      tags: [],
      text: `contract ${c.id} tightens its profile: ${input.nummer} is not exchanged`,
    };
  }
  return out;
}

/** Same effect on the bericht (the rule ids may differ: OG-ANTW and TM-ANTW both deliver a 319). */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.action === b.action && a.addressee === b.addressee;
}

function outcomeFor(ctx: Ctx, item: ResolvedItem): Outcome {
  const { input, registry } = ctx;
  const q = { wet: ctx.wet, gemeente: input.gemeente, datum: item.datum, categorie: item.categorie, code: item.code };
  // In id order (the index keeps them so): the first contract is the one a decision names.
  const covering = indexedCovering(registry, q);
  const own = covering.filter((e) => e.partijen.has(input.aanbieder));
  const mine = own.map((e) => e.contract);
  if (mine.length > 0) {
    const outs = own.map((e) => outcomeUnder(ctx, e.contract, e.partijen.get(input.aanbieder) ?? 'onderaannemer', item));
    const first = outs[0]!;
    if (outs.length === 1) return first;
    if (outs.every((o) => sameOutcome(o, first))) {
      return {
        ...first,
        alsoContracts: mine.slice(1).map((c) => c.id),
        extra: [
          ...(first.extra ?? []),
          {
            rule: RULE.CONTRACT_MEERDERE,
            severity: 'info',
            text: `contracts ${mine.map((c) => c.id).join(', ')} all match on ${item.datum} (the product is not known) and agree: ${first.action}`,
          },
        ],
      };
    }
    return geenContract(
      ctx,
      RULE.CONTRACT_AMBIGU,
      `contracts ${mine.map((c) => c.id).join(', ')} all match on ${item.datum} and disagree; the product is not known`,
    );
  }
  const tc = covering.find((e) => e.contract.uitvoeringsvariant === 'taakgericht')?.contract;
  if (tc && ctx.groep === 'declaratie') {
    return {
      action: 'suppress',
      rule: RULE.TAAKGERICHT_OVERIGE_AANBIEDER,
      severity: 'warning',
      contract: tc,
      variant: policyProfiel(tc),
      tags: [],
      text: `aanbieder ${input.aanbieder} is not a party of taakgericht contract ${tc.id}, which covers these products for gemeente ${input.gemeente}; there is no declaratie under a taakgericht contract`,
    };
  }
  const why = tc
    ? `aanbieder ${input.aanbieder} has no contract with gemeente ${input.gemeente} (${ctx.wet}) for these items; taakgericht contract ${tc.id} covers the products`
    : `no contract for aanbieder ${input.aanbieder} with gemeente ${input.gemeente} (${ctx.wet}) for these items on their dates`;
  return geenContract(ctx, RULE.GEEN_CONTRACT_ROUTE, why);
}

function itemLabel(it: ResolvedItem): string {
  return it.productReferentie !== undefined ? `${it.path} (ProductReferentie ${it.productReferentie})` : it.path;
}

function finish(
  action: ActionCode,
  addressee: string | undefined,
  reasons: Reason[],
  tags: Set<string>,
  contractIds: Set<string>,
  items: ItemDecision[],
  input: BerichtSummary,
  variants: ReadonlySet<string> = new Set(),
): Decision {
  const variant = variants.size === 1 ? variants.values().next().value : variants.size > 1 ? 'gemengd' : undefined;
  return {
    action,
    ...(action === 'route' && addressee !== undefined ? { addressee } : {}),
    ...(variant !== undefined ? { variant } : {}),
    reasons,
    tags: [...tags].sort(),
    contractIds: [...contractIds].sort(),
    items,
    ...(input.woonplaats ? { woonplaats: input.woonplaats } : {}),
  };
}

/**
 * Decide what happens to one bericht. `now` is the clock (ISO date or date-time), used only as the
 * last fallback for the selecting date.
 */
export function decide(input: BerichtSummary, registry: Registry, state: DecisionState, now: string): Decision {
  const today = dateOf(now);
  const ctx: Ctx = {
    input,
    registry,
    state,
    wet: input.standard === 'ijw' ? 'Jeugdwet' : 'Wmo',
    groep: GROEP_VAN[input.nummer],
    settings: gemeenteInstellingen(registry, input.gemeente),
  };
  const reasons: Reason[] = [];
  const tags = new Set<string>();
  const contractIds = new Set<string>();

  // 1. 319 reden 8 must name the responsible gemeente (TR377/TR409; iJw only).
  if (input.nummer === NUMMER.antwoordbericht && input.antwoord?.redenAfwijzingVerzoek === '8') {
    if (input.standard === 'ijw' && input.antwoord.woonplaatsGemeente === undefined) {
      reasons.push({
        rule: RULE.WOONPLAATS_319_GEMEENTE,
        severity: 'error',
        text: 'a 319 with RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) must carry Woonplaatsbeginsel/Gemeente, the CBS code of the responsible gemeente (TR377/TR409)',
        items: ['/Bericht/Antwoord/Woonplaatsbeginsel'],
      });
      return finish('refuse', undefined, reasons, new Set([Tag.woonplaatscheck]), contractIds, [], input);
    }
    if (input.standard === 'iwmo') {
      reasons.push({
        rule: RULE.WOONPLAATS_319_WMO,
        severity: 'warning',
        text: 'RedenAfwijzingVerzoek 8 is for iJw woonplaatsbeginsel rejections; iWmo uses 5 "Andere gemeente" (codelijst RedenAfwijzingVerzoek)',
      });
    }
  }

  // 2. Items and their dates.
  // A stored heenbericht counts only when it is between the same two parties (a retour cannot answer someone else's bericht).
  const storedHeen = input.heen ? state.heenbericht({ standard: input.standard, ref: input.heen }) : undefined;
  const heen =
    storedHeen && storedHeen.summary.gemeente === input.gemeente && storedHeen.summary.aanbieder === input.aanbieder
      ? storedHeen
      : undefined;
  const antwoord = input.antwoord ?? heen?.summary.antwoord;
  const antwoordVerzoek =
    ctx.groep === 'antwoord' && antwoord ? state.verzoek(verzoekKeyFor(input, antwoord.referentieAanbieder)) : undefined;
  const fallback = input.heen?.dagtekening || input.dagtekening || today;
  const { items, fellBack } = resolveItems(ctx, heen, antwoordVerzoek, fallback);
  if (fellBack) {
    reasons.push({
      rule: RULE.DATUM_TERUGVAL,
      severity: 'info',
      text: `no selecting date for some items in the bericht or the stored heenbericht/verzoek; used ${fallback} (Dagtekening) to select the contract`,
    });
  }

  // 3. Per item.
  // Items with the same product, date and reference decide alike: a 323 of thousands of prestaties
  // usually has a handful of (categorie, code, month) combinations.
  // (One item, the common case outside declaraties, needs no memo.)
  let outcomes: Outcome[];
  if (items.length === 1) {
    outcomes = [outcomeFor(ctx, items[0]!)];
  } else {
    const memo = new Map<string, Outcome>();
    outcomes = items.map((it) => {
      const key = `${it.datum}|${it.categorie ?? ''}|${it.code ?? ''}|${it.referentieAanbieder ?? ''}|${it.toewijzingNummer !== undefined}`;
      let o = memo.get(key);
      if (!o) {
        o = outcomeFor(ctx, it);
        memo.set(key, o);
      }
      return o;
    });
  }

  // 4. Woonplaatsbeginsel traffic keeps flowing in every variant: only the gemeente can check it.
  const wpb = woonplaatsVerkeer(ctx, items, antwoordVerzoek);
  if (wpb) {
    tags.add(Tag.woonplaatscheck);
    const overridden = new Map<Outcome, Outcome>();
    outcomes = outcomes.map((o) => {
      // Suppressions and no-contract refusals give way; structural refusals (mixed addressees) do not.
      const noContractRefusal = o.action === 'refuse' && (o.rule === RULE.GEEN_CONTRACT_WEIGEREN || o.rule === RULE.CONTRACT_AMBIGU);
      if (o.action === 'route' || (o.action === 'refuse' && !noContractRefusal)) return o;
      if (overridden.has(o)) return overridden.get(o)!;
      reasons.push({
        rule: o.rule,
        severity: 'info',
        text: `${o.text} — overridden`,
        ...(o.contract ? { contractId: o.contract.id } : {}),
        ...(o.variant ? { variant: o.variant } : {}),
      });
      const routed: Outcome = {
        ...o,
        action: 'route',
        rule: RULE.WOONPLAATS_NOOIT_ONDERDRUKT,
        severity: 'info',
        addressee: defaultAddressee(input),
        text: 'woonplaatsbeginsel traffic is never suppressed: only the gemeente can check it',
      };
      overridden.set(o, routed);
      return routed;
    });
  }

  // Reasons per (rule, contract, action), with the items they concern.
  // Items share Outcome objects (the memo above), so the key — long: it ends in the reason text — is
  // built once per distinct outcome, not per item.
  // The first outcome needs no key: a second distinct one is compared by key only when it comes
  // (most berichten have one; the key ends in the reason text, ~100–200 characters to hash).
  const groups = new Map<string, { o: Outcome; items: string[] }>();
  const groupOf = new Map<Outcome, { o: Outcome; items: string[] }>();
  const groupKey = (o: Outcome): string => `${o.rule}|${o.contract?.id ?? ''}|${o.action}|${o.addressee ?? ''}|${o.text}`;
  let firstO: Outcome | undefined;
  let firstG: { o: Outcome; items: string[] } | undefined;
  outcomes.forEach((o, i) => {
    let g = o === firstO ? firstG : groupOf.get(o);
    if (!g) {
      if (!firstG) {
        g = { o, items: [] };
      } else {
        if (groups.size === 0) groups.set(groupKey(firstG.o), firstG);
        const key = groupKey(o);
        g = groups.get(key);
        if (!g) {
          g = { o, items: [] };
          groups.set(key, g);
        }
      }
      if (!firstG) {
        firstO = o;
        firstG = g;
      } else groupOf.set(o, g);
      for (const t of o.tags) tags.add(t);
      if (o.contract) contractIds.add(o.contract.id);
      for (const id of o.alsoContracts ?? []) contractIds.add(id);
    }
    g.items.push(itemLabel(items[i]!));
  });
  if (firstG && groups.size === 0) groups.set('', firstG);
  for (const { o, items: its } of groups.values()) {
    reasons.push({
      rule: o.rule,
      text: o.text,
      severity: o.severity,
      ...(o.contract ? { contractId: o.contract.id } : {}),
      ...(o.variant ? { variant: o.variant } : {}),
      ...(its.length > 1 || its[0] !== '/Bericht' ? { items: its } : {}),
    });
  }
  const extras = new Map<string, Reason>();
  outcomes.forEach((o, i) =>
    o.extra?.forEach((e) => {
      const r = extras.get(e.rule + (e.contractId ?? ''));
      extras.set(e.rule + (e.contractId ?? ''), { ...e, items: [...(r?.items ?? []), itemLabel(items[i]!)] });
    }),
  );
  reasons.push(...extras.values());

  // Literals rather than conditional spreads (a temporary object each): same keys, same order.
  const itemDecisions: ItemDecision[] = outcomes.map((o, i): ItemDecision => {
    const { path, productReferentie } = items[i]!;
    const { action: a, rule } = o;
    if (productReferentie !== undefined) {
      return o.contract
        ? { path, productReferentie, action: a, rule, contractId: o.contract.id }
        : { path, productReferentie, action: a, rule };
    }
    return o.contract ? { path, action: a, rule, contractId: o.contract.id } : { path, action: a, rule };
  });

  // 5. A retour (or 325) follows its heenbericht's fate.
  let action: ActionCode;
  const heenAction = heen?.decision?.action;
  if (input.heen && heenAction !== undefined && !outcomes.some((o) => o.action === 'refuse') && !(wpb && heenAction !== 'route')) {
    if (heenAction === 'route') {
      reasons.push({
        rule: RULE.RETOUR_VOLGT_HEEN,
        severity: 'info',
        text: `the heenbericht ${input.heen.nummer} (${input.heen.identificatie}) was delivered, so its answer is delivered too`,
      });
      action = 'route';
    } else {
      reasons.push({
        rule: RULE.RETOUR_HEEN_NIET_BEZORGD,
        severity: 'warning',
        text: `the heenbericht ${input.heen.nummer} (${input.heen.identificatie}) was ${heenAction === 'suppress' ? 'suppressed' : 'refused'}; its addressee never received it, so this answer is not delivered`,
      });
      action = 'suppress';
    }
  } else {
    // 6. Combine.
    const refused = outcomes.some((o) => o.action === 'refuse');
    const routed = outcomes.filter((o) => o.action === 'route');
    const suppressedIdx: number[] = [];
    outcomes.forEach((o, i) => {
      if (o.action === 'suppress') suppressedIdx.push(i);
    });
    if (refused) action = 'refuse';
    else if (suppressedIdx.length === 0) action = 'route';
    else if (routed.length === 0) action = 'suppress';
    else if (ctx.groep === 'declaratie') {
      action = 'refuse';
      reasons.push({
        rule: RULE.GEMENGDE_DECLARATIE,
        severity: 'error',
        text: `this declaratie mixes prestaties that may be declared with ${suppressedIdx.length} that must not be declared; resend it without those prestaties (a mixed declaratie is refused as a whole)`,
        items: suppressedIdx.map((i) => itemLabel(items[i]!)),
      });
    } else {
      action = 'route';
      reasons.push({
        rule: RULE.GEMENGD_BERICHT,
        severity: 'warning',
        text: `${suppressedIdx.length} product line(s) fall under a rule that suppresses them; the bericht is delivered as a whole because it cannot be split`,
        items: suppressedIdx.map((i) => itemLabel(items[i]!)),
      });
    }
  }

  // Addressee: one per bericht.
  let addressee: string | undefined;
  if (action === 'route') {
    const addrs = [...new Set(outcomes.filter((o) => o.action === 'route' && o.addressee !== undefined).map((o) => o.addressee!))].sort();
    if (addrs.length === 0) addrs.push(...new Set(outcomes.filter((o) => o.addressee !== undefined).map((o) => o.addressee!)));
    if (addrs.length > 1) {
      action = 'refuse';
      reasons.push({
        rule: RULE.GEMENGD_ADRES,
        severity: 'error',
        text: `the items of this bericht go to different parties (${addrs.join(', ')}) under their contracts; send them in separate berichten`,
      });
    } else {
      addressee = addrs[0] ?? defaultAddressee(input);
    }
  }

  // 7. Rechtszekerheid: Wmo 301, outputgericht, categorie 01/02 without Omvang in time units.
  if (input.standard === 'iwmo' && input.nummer === NUMMER.toewijzing) {
    const flagged = items.flatMap((it, i) => {
      const o = outcomes[i]!;
      const c = o.contract;
      if (!c || c.uitvoeringsvariant !== 'outputgericht' || o.action !== 'route') return [];
      if (it.categorie === undefined || !RECHTSZEKERHEID_CATEGORIEEN.has(it.categorie)) return [];
      if (it.omvang && TIJDEENHEDEN.has(it.omvang.eenheid)) return [];
      return [{ it, c }];
    });
    if (flagged.length > 0) {
      tags.add(Tag.rechtszekerheid);
      const blocking = ctx.settings.rechtszekerheidBlokkerend;
      reasons.push({
        rule: blocking ? RULE.RECHTSZEKERHEID_BLOKKEREND : RULE.RECHTSZEKERHEID,
        severity: blocking ? 'error' : 'warning',
        contractId: flagged[0]!.c.id,
        variant: 'outputgericht',
        text:
          'toewijzing of hulp bij het huishouden or begeleiding under an outputgericht contract without an Omvang in time units (Eenheid 01/04/14/16): the client cannot know the volume (CRvB, rechtszekerheid)' +
          (blocking ? `; gemeente ${input.gemeente} makes this blocking` : ''),
        items: flagged.map((f) => f.it.path),
      });
      if (blocking) action = 'refuse';
    }
  }

  // 8. Woonplaats result.
  if (input.woonplaats) {
    const w = input.woonplaats;
    reasons.push({
      rule: RULE.WOONPLAATS_RESULTAAT,
      severity: 'info',
      text:
        w.verwachteGemeente !== undefined
          ? `woonplaatsbeginsel: expected gemeente ${w.verwachteGemeente} (bron ${w.bron}, zekerheid ${w.zekerheid}); the gemeente decides`
          : `woonplaatsbeginsel: no expectation could be formed (bron ${w.bron}); the gemeente decides`,
    });
    if (w.afwijking) {
      tags.add(Tag.woonplaatsAfwijking);
      reasons.push({
        rule: RULE.WOONPLAATS_AFWIJKING,
        severity: 'warning',
        text: `woonplaatsbeginsel: the expected gemeente ${w.verwachteGemeente ?? '?'} differs from gemeente ${w.headerGemeente} in the bericht (zekerheid ${w.zekerheid}); not a legal decision`,
      });
    }
  }

  const variants = new Set<string>();
  for (const o of outcomes) if (o.variant !== undefined) variants.add(o.variant);
  return finish(action, addressee, reasons, tags, contractIds, itemDecisions, input, variants);
}
