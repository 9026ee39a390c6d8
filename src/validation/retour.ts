/**
 * Retourberichten (302, 306, 308, 316, 318, 320) from a heenbericht and its validation outcome,
 * as FACTS §4.2 and §8 (IV028/IV032) prescribe:
 *
 * | outcome                                  | retour                                                       |
 * |------------------------------------------|--------------------------------------------------------------|
 * | any L1 issue                             | none (the chain answers with a transport error) → RetourError |
 * | any L2 issue (in-message rule)           | Header only, RetourCodes = 0001                              |
 * | L3 issue on the header (or the message)  | Header only, RetourCodes = the rule codes                    |
 * | L3 issue inside the body                 | Header with 0200 + the body element with ALL its classes,    |
 * |                                          | each with the rule codes / 0233 / 0200                       |
 * | no issues                                | Header only, no RetourCodes                                  |
 *
 * A 323 declaratie is answered by a 325 declaratie-antwoord (IV087: every 323 gets exactly one).
 * When Sluis rejects it — an in-message rule (L2) failed, or the header is rejected (TR056) — the
 * gemeente never sees it, so Sluis answers with the 325 itself: its own header (gemeente → aanbieder,
 * DeclaratieIdentificatie and XsdVersieDeclaratie from the 323) with RetourCode 0001 (or the header
 * rule's codes) and no DeclaratieAntwoord: the declaratie counts as not sent. A conversation rule
 * that rejects inside the declaratie (enforce mode) rejects the whole declaratie (L3: the whole
 * bericht): a DeclaratieAntwoord with TotaalToegekendBedrag 0 — Sluis approves nothing for the
 * gemeente — that returns every prestatie (the rule's code where it failed, 0233 elsewhere), or, when
 * the Declaratie class itself failed, carries the code and lists none (TR342). A 323 that passes is
 * routed, and the gemeente's own 325 answers it.
 *
 * The copy is driven by the model: a retour message's complex types mirror the heenbericht's with an
 * extra `RetourCodes` child in every class, so we walk the RETOUR model, take values from the heen
 * object and fill `RetourCodes` wherever the retour model has one. Pure: the clock (`today`) and the
 * retour's identification are passed in.
 */
import { createHash } from 'node:crypto';
import { RetourCode, type RetourCodeCode } from '../standard/generated/codelists.js';
import { COMPLEX_TYPES, MESSAGES } from '../standard/generated/model.js';
import { NUMMER } from '../standard/catalog.js';
import { RETOUR_VAN, berichtId, type ComplexTypeDef, type ElementDef, type MessageDef } from '../standard/model.js';
import { buildBericht } from '../xml/build.js';
import type { ValidationIssue } from './issues.js';

/** Message-level RetourCodes this module writes itself; checked against the generated WJ001 table. */
export const RETOURCODE = {
  /** Any in-message (L2, "xslt") rule failed: the header carries 0001 and nothing else (FACTS §8.2). */
  technischAfgekeurd: '0001',
  /** A class (or the header, when the body was rejected) has no remark (FACTS §8.3). */
  geenOpmerking: '0200',
  /** A class was not assessed because an enclosing class was already rejected (as IV088 does for 325 prestaties). */
  nietBeoordeeld: '0233',
} as const satisfies Record<string, RetourCodeCode>;

/** Why no retour could be built. Stable codes: the CLI and the HTTP layer match on them. */
export const RetourErrorCode = {
  /** No answer from Sluis: retours and 325 are never answered; a 323 that passes is answered by the gemeente's 325. */
  NO_RETOUR: 'no-retour',
  /** The heenbericht failed L1 (XSD): the standard sends no retour then (FACTS §8.1). */
  L1_INVALID: 'l1-invalid',
  /** IdentificatieRetour is not 1–12 characters with at least one non-space (LDT_IdentificatieBericht). */
  BAD_IDENTIFICATIE: 'bad-identificatie',
  /** `today` is not a real YYYY-MM-DD date. */
  BAD_DATE: 'bad-date',
  /** An L3 issue carries neither a known RetourCode nor a rule that maps to one. */
  UNKNOWN_RETOURCODE: 'unknown-retourcode',
  /** The heen object does not fit the retour model (a programming error upstream, not bad input). */
  MODEL_MISMATCH: 'model-mismatch',
} as const;
export type RetourErrorCodeValue = (typeof RetourErrorCode)[keyof typeof RetourErrorCode];

export class RetourError extends Error {
  constructor(
    readonly code: RetourErrorCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'RetourError';
  }
}

/** Which of the §8 cases the retour represents. */
export type RetourKind = 'goedgekeurd' | 'technisch-afgekeurd' | 'header-afgekeurd' | 'klassen-afgekeurd';

export interface RetourOptions {
  /** IdentificatieRetour (1–12 chars). Absent: derived from the heen header with `deriveIdentificatieRetour`. */
  readonly identificatieRetour?: string;
  /** DagtekeningRetour, YYYY-MM-DD. The caller reads the clock. */
  readonly today: string;
}

export interface RetourResult {
  readonly message: MessageDef;
  readonly bericht: Record<string, unknown>;
  readonly xml: string;
  readonly kind: RetourKind;
}

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRetourCode(code: string): code is RetourCodeCode {
  return Object.hasOwn(RetourCode, code);
}

/** The retour message for a heenbericht, or undefined when the standard defines none (323, 325, retours). */
export function retourMessageFor(heen: MessageDef): MessageDef | undefined {
  const nummer = RETOUR_VAN[heen.nummer];
  return nummer ? MESSAGES[berichtId(heen.standard, nummer)] : undefined;
}

/**
 * A deterministic IdentificatieRetour: 'R' + 11 hex digits of SHA-256 over the heen header's
 * identifying fields. 44 bits make a collision between two retours of one sender unlikely
 * (birthday bound: a 1 in 2 chance only after ~5 million retours of one sender, far above the traffic of one
 * aanbieder), and the same heenbericht always gets the same retour id, so a replay is idempotent.
 */
export function deriveIdentificatieRetour(heen: { message: MessageDef; bericht: Record<string, unknown> }): string {
  const header = isNode(heen.bericht['Header']) ? heen.bericht['Header'] : {};
  const bi = isNode(header['BerichtIdentificatie']) ? header['BerichtIdentificatie'] : {};
  const key = [heen.message.id, header['Afzender'], header['Ontvanger'], bi['Identificatie'], bi['Dagtekening']]
    .map((v) => String(v ?? ''))
    .join('|');
  return `R${createHash('sha256').update(key).digest('hex').slice(0, 11)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function complexType(name: string): ComplexTypeDef {
  const t = COMPLEX_TYPES[name];
  if (!t) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `complex type ${name} is not in the model`);
  return t;
}

/** A class is a complex type with its own RetourCodes in the retour model (Client, ToegewezenProduct, …). */
function isClass(t: ComplexTypeDef): boolean {
  return t.children.some((c) => c.name === 'RetourCodes');
}

// ---------- paths ----------

interface Segment {
  readonly name: string;
  readonly index?: number;
}

function parsePath(path: string): Segment[] | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  const out: Segment[] = [];
  for (const p of parts) {
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?$/.exec(p);
    if (!m) return undefined;
    out.push(m[2] === undefined ? { name: m[1]! } : { name: m[1]!, index: Number(m[2]) });
  }
  return out;
}

/**
 * The canonical form of an issue path against the retour model: an index on every repeatable
 * element (`[1]` when the issue left it out), none on single ones, cut at the first segment the
 * model does not know. `/Bericht` alone (or nothing) means the message as a whole.
 */
function canonicalPath(path: string, rootType: string): string {
  const segs = parsePath(path);
  if (!segs || segs[0]?.name !== 'Bericht') return '/Bericht';
  let out = '/Bericht';
  let type: ComplexTypeDef | undefined = complexType(rootType);
  for (const seg of segs.slice(1)) {
    const def: ElementDef | undefined = type?.children.find((c) => c.name === seg.name);
    if (!def) break;
    out += def.max > 1 ? `/${def.name}[${seg.index ?? 1}]` : `/${def.name}`;
    type = def.kind === 'complex' ? COMPLEX_TYPES[def.type] : undefined;
  }
  return out;
}

function isPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

// ---------- codes ----------

function codeOf(issue: ValidationIssue): RetourCodeCode {
  if (issue.retourCode !== undefined) {
    if (isRetourCode(issue.retourCode)) return issue.retourCode;
    throw new RetourError(
      RetourErrorCode.UNKNOWN_RETOURCODE,
      `RetourCode ${issue.retourCode} (rule ${issue.rule ?? issue.code}) is not in WJ001`,
    );
  }
  const rule = issue.rule ?? issue.code;
  for (const [code, entry] of Object.entries(RetourCode) as [RetourCodeCode, { regels: readonly string[] }][]) {
    if (entry.regels.includes(rule)) return code;
  }
  throw new RetourError(RetourErrorCode.UNKNOWN_RETOURCODE, `issue for rule ${rule} at ${issue.path} has no RetourCode`);
}

function pushUnique(list: RetourCodeCode[], code: RetourCodeCode): void {
  if (!list.includes(code)) list.push(code);
}

// ---------- the walk ----------

/** Paths of every class instance present in the heen body, in document order. */
function collectClassPaths(type: ComplexTypeDef, node: Node, path: string, out: string[]): void {
  for (const def of type.children) {
    // The retour Header has RetourCodes too, but header codes are decided separately.
    if (def.kind !== 'complex' || def.name === 'RetourCodes' || (path === '/Bericht' && def.name === 'Header')) continue;
    const value = node[def.name];
    if (value === undefined) continue;
    const child = COMPLEX_TYPES[def.type];
    if (!child) continue;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (!isNode(item)) return;
      const p = def.max > 1 ? `${path}/${def.name}[${i + 1}]` : `${path}/${def.name}`;
      if (isClass(child)) out.push(p);
      collectClassPaths(child, item, p, out);
    });
  }
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isNode(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  return value;
}

interface CopyContext {
  readonly classCodes: ReadonlyMap<string, readonly RetourCodeCode[]>;
}

/**
 * Copy `heen` along retour type `type`. Every element the heen node has must exist in the retour
 * type (the retours mirror their heenbericht); RetourCodes is filled for classes.
 */
function copyAlong(type: ComplexTypeDef, heen: Node, path: string, ctx: CopyContext, ancestorRejected: boolean): Node {
  const known = new Set(type.children.map((c) => c.name));
  for (const key of Object.keys(heen)) {
    if (!known.has(key)) {
      throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${path}/${key} has no place in retour type ${type.name}`);
    }
  }
  const own = ctx.classCodes.get(path) ?? [];
  const rejectedHere = ancestorRejected || own.length > 0;
  const out: Node = {};
  for (const def of type.children) {
    if (def.name === 'RetourCodes' && isClass(type)) {
      const codes: RetourCodeCode[] = own.length > 0 ? [...own] : [ancestorRejected ? RETOURCODE.nietBeoordeeld : RETOURCODE.geenOpmerking];
      out[def.name] = { RetourCode: codes };
      continue;
    }
    const value = heen[def.name];
    if (value === undefined) {
      if (def.min > 0) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${path}/${def.name} is mandatory but absent`);
      continue;
    }
    const child = def.kind === 'complex' ? COMPLEX_TYPES[def.type] : undefined;
    // Basisschema CDT_ types carry no RetourCodes anywhere inside, so a plain copy is exact.
    if (!child || def.ns === 'basis' || def.type.includes(':CDT_')) {
      out[def.name] = deepCopy(value);
      continue;
    }
    if (def.max > 1) {
      if (!Array.isArray(value)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${path}/${def.name} must be an array`);
      out[def.name] = value.map((item, i) => {
        if (!isNode(item)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${path}/${def.name}[${i + 1}] is not an object`);
        return copyAlong(child, item, `${path}/${def.name}[${i + 1}]`, ctx, rejectedHere);
      });
    } else {
      if (!isNode(value)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${path}/${def.name} is not an object`);
      out[def.name] = copyAlong(child, value, `${path}/${def.name}`, ctx, rejectedHere);
    }
  }
  return out;
}

function buildHeader(
  retourType: ComplexTypeDef,
  heenHeader: Node,
  retour: MessageDef,
  opts: { identificatieRetour: string; today: string },
  codes: readonly RetourCodeCode[],
): Node {
  const out: Node = {};
  for (const def of retourType.children) {
    switch (def.name) {
      case 'BerichtCode':
        // The XSD fixes the retour's own BerichtCode (437 for JW302 …); everything else is copied.
        out[def.name] = retour.berichtCode;
        break;
      case 'IdentificatieRetour':
        out[def.name] = opts.identificatieRetour;
        break;
      case 'DagtekeningRetour':
        out[def.name] = opts.today;
        break;
      case 'XsltVersie':
        // Only when the rejection used the official XSLTs (IV033); Sluis has its own rule engine.
        break;
      case 'XsdVersieRetour':
        out[def.name] = { BasisschemaXsdVersie: retour.xsdVersie.basisschema, BerichtXsdVersie: retour.xsdVersie.bericht };
        break;
      case 'RetourCodes':
        if (codes.length > 0) out[def.name] = { RetourCode: [...codes] };
        break;
      default: {
        const v = heenHeader[def.name];
        if (v === undefined) {
          if (def.min > 0)
            throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `/Bericht/Header/${def.name} is mandatory but absent in the heenbericht`);
        } else {
          out[def.name] = deepCopy(v);
        }
      }
    }
  }
  return out;
}

/** The checks every answer Sluis builds shares: no L1 failure, a usable id and date, a header. */
function checkInputs(
  heen: { message: MessageDef; bericht: Record<string, unknown> },
  outcome: { issues: readonly ValidationIssue[] },
  opts: RetourOptions,
): { identificatieRetour: string; heenHeader: Node } {
  if (outcome.issues.some((i) => i.level === 'L1')) {
    throw new RetourError(
      RetourErrorCode.L1_INVALID,
      'the heenbericht does not conform to the XSD (L1); the standard sends no retourbericht then',
    );
  }
  const identificatieRetour = opts.identificatieRetour ?? deriveIdentificatieRetour(heen);
  if (identificatieRetour.length < 1 || identificatieRetour.length > 12 || !/\S/.test(identificatieRetour)) {
    throw new RetourError(RetourErrorCode.BAD_IDENTIFICATIE, 'IdentificatieRetour must be 1 to 12 characters and not blank');
  }
  if (!isRealDate(opts.today)) {
    throw new RetourError(RetourErrorCode.BAD_DATE, `today must be a real date YYYY-MM-DD, got '${opts.today}'`);
  }
  const heenHeader = heen.bericht['Header'];
  if (!isNode(heenHeader)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, 'the heenbericht has no Header');
  return { identificatieRetour, heenHeader };
}

/** The 325 that answers a 323, or undefined for any other message. */
export function declaratieAntwoordFor(heen: MessageDef): MessageDef | undefined {
  return heen.nummer === NUMMER.declaratie ? MESSAGES[berichtId(heen.standard, NUMMER.declaratieAntwoord)] : undefined;
}

/**
 * The 325 for a 323 that Sluis rejects (IV087), built along the 325 header type. An L2 failure gives
 * a header-only 325 with RetourCode 0001 (the declaratie counts as not sent); a header rule (TR056)
 * its own code; L3 findings inside the declaratie (conversation rules in enforce mode) the header
 * 0200 and a DeclaratieAntwoord that rejects the whole declaratie (declaratieAfgewezen). A 323 that
 * passed is the gemeente's to answer, so there is no 325 from Sluis then.
 */
function buildRejectedDeclaratieAntwoord(
  heen: { message: MessageDef; bericht: Record<string, unknown> },
  outcome: { issues: readonly ValidationIssue[] },
  opts: RetourOptions,
): RetourResult {
  const antwoord = declaratieAntwoordFor(heen.message)!;
  const { identificatieRetour, heenHeader } = checkInputs(heen, outcome, opts);
  let codes: RetourCodeCode[];
  let kind: RetourKind;
  let body: Node | undefined;
  if (outcome.issues.some((i) => i.level === 'L2')) {
    codes = [RETOURCODE.technischAfgekeurd];
    kind = 'technisch-afgekeurd';
  } else {
    const l3 = outcome.issues.filter((i) => i.level === 'L3');
    const header = l3.filter(
      (i) =>
        isPrefix('/Bericht/Header', canonicalPath(i.path, heen.message.rootType)) ||
        canonicalPath(i.path, heen.message.rootType) === '/Bericht',
    );
    if (l3.length === 0) {
      throw new RetourError(
        RetourErrorCode.NO_RETOUR,
        `a ${heen.message.id} declaratie that passes the in-message checks is answered by the gemeente with a ${antwoord.id} declaratie-antwoord`,
      );
    }
    codes = [];
    for (const i of header) pushUnique(codes, codeOf(i));
    kind = 'header-afgekeurd';
    if (header.length === 0) {
      codes = [RETOURCODE.geenOpmerking];
      kind = 'klassen-afgekeurd';
      body = declaratieAfgewezen(heen, antwoord, l3);
    }
  }
  const rootType = complexType(antwoord.rootType);
  const headerDef = rootType.children.find((c) => c.name === 'Header');
  if (!headerDef) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${antwoord.id} has no Header`);
  const out: Node = {};
  for (const def of complexType(headerDef.type).children) {
    const copy = (from: string): void => {
      const v = heenHeader[from];
      if (v === undefined) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `/Bericht/Header/${from} is absent in the heenbericht`);
      out[def.name] = deepCopy(v);
    };
    switch (def.name) {
      case 'BerichtCode':
        out[def.name] = antwoord.berichtCode;
        break;
      case 'BerichtVersie':
      case 'BerichtSubversie':
        copy(def.name);
        break;
      // The 325 goes the other way: the gemeente (the 323's Ontvanger) answers the aanbieder.
      case 'Afzender':
        copy('Ontvanger');
        break;
      case 'Ontvanger':
        copy('Afzender');
        break;
      case 'BerichtIdentificatie':
        out[def.name] = { Identificatie: identificatieRetour, Dagtekening: opts.today };
        break;
      case 'XsdVersie':
        out[def.name] = { BasisschemaXsdVersie: antwoord.xsdVersie.basisschema, BerichtXsdVersie: antwoord.xsdVersie.bericht };
        break;
      case 'DeclaratieIdentificatie': // TR337: the 323's BerichtIdentificatie
        copy('BerichtIdentificatie');
        break;
      case 'XsdVersieDeclaratie': // TR371: the 323's XsdVersie
        copy('XsdVersie');
        break;
      case 'XsltVersie':
        // Only when the official XSLTs were used (IV033); Sluis has its own rule engine.
        break;
      case 'RetourCodes':
        out[def.name] = { RetourCode: [...codes] };
        break;
      default:
        if (def.min > 0)
          throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${antwoord.id} Header/${def.name} is not known to the builder`);
    }
  }
  const bericht: Node = body ? { Header: out, DeclaratieAntwoord: body } : { Header: out };
  return { message: antwoord, bericht, xml: buildBericht(antwoord, bericht), kind };
}

/**
 * The DeclaratieAntwoord of a 323 rejected as a whole on conversation findings inside it: nothing is
 * approved (TotaalToegekendBedrag 0). A finding on the Declaratie class (e.g. TR333 on DeclaratieNummer)
 * goes on DeclaratieAntwoord, which then lists no prestaties (TR342's toelichting); otherwise every
 * prestatie is returned — the failing rule's code(s) where a finding points, 0233 (not assessed) on the
 * others and on every prestatie of a Client that failed itself — and each Client gets its own code(s)
 * or 0200, so Σ returned IngediendBedrag = TotaalIngediendBedrag − 0 (TR342).
 */
function declaratieAfgewezen(
  heen: { message: MessageDef; bericht: Record<string, unknown> },
  antwoord: MessageDef,
  l3: readonly ValidationIssue[],
): Node {
  const declaratie = heen.bericht['Declaratie'];
  if (!isNode(declaratie)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${heen.message.id} has no Declaratie`);
  const totaal = declaratie['TotaalIngediendBedrag'];
  const clienten = isNode(declaratie['Clienten']) ? declaratie['Clienten'] : {};
  const clients = (Array.isArray(clienten['Client']) ? clienten['Client'] : [clienten['Client']]).filter(isNode);
  // Codes per class instance of the 323: '' = the Declaratie, 'c' = Client[c], 'c/p' = its Prestatie[p].
  const own = new Map<string, RetourCodeCode[]>();
  for (const issue of l3) {
    const p = canonicalPath(issue.path, heen.message.rootType);
    const m = /^\/Bericht\/Declaratie\/Clienten\/Client\[(\d+)\](?:\/Prestaties\/Prestatie\[(\d+)\])?/.exec(p);
    const key = m ? (m[2] !== undefined ? `${m[1]}/${m[2]}` : m[1]!) : '';
    const list = own.get(key) ?? [];
    pushUnique(list, codeOf(issue));
    own.set(key, list);
  }
  const nul = { TotaalBedrag: 0, DebetCredit: 'D' };
  const declaratieCodes = own.get('');
  if (declaratieCodes) {
    return {
      DeclaratieNummer: declaratie['DeclaratieNummer'],
      TotaalIngediendBedrag: deepCopy(totaal),
      TotaalToegekendBedrag: nul,
      RetourCodes: { RetourCode: [...declaratieCodes] },
    };
  }
  const prestatieType = complexType(`${antwoord.rootType.split(':')[0]}:Prestatie`);
  const copied = clients.map((client, ci) => {
    const clientCodes = own.get(String(ci + 1));
    const prestaties = isNode(client['Prestaties']) ? client['Prestaties'] : {};
    const list = (Array.isArray(prestaties['Prestatie']) ? prestaties['Prestatie'] : [prestaties['Prestatie']]).filter(isNode);
    const returned = list.map((prestatie, pi) => {
      const out: Node = {};
      for (const def of prestatieType.children) {
        if (def.name === 'RetourCodes') continue;
        if (prestatie[def.name] !== undefined) out[def.name] = deepCopy(prestatie[def.name]);
      }
      const codes = clientCodes ? [RETOURCODE.nietBeoordeeld] : (own.get(`${ci + 1}/${pi + 1}`) ?? [RETOURCODE.nietBeoordeeld]);
      out['RetourCodes'] = { RetourCode: [...codes] };
      return out;
    });
    return {
      Bsn: client['Bsn'],
      Prestaties: { Prestatie: returned },
      RetourCodes: { RetourCode: [...(clientCodes ?? [RETOURCODE.geenOpmerking])] },
    };
  });
  return {
    DeclaratieNummer: declaratie['DeclaratieNummer'],
    TotaalIngediendBedrag: deepCopy(totaal),
    TotaalToegekendBedrag: nul,
    Clienten: { Client: copied },
    RetourCodes: { RetourCode: [RETOURCODE.geenOpmerking] },
  };
}

/**
 * Build the retourbericht for `heen` given the validation issues found (L2 from validateBericht, L3
 * from the stateful checks); for a rejected 323 the 325 that answers it. Throws RetourError when no
 * answer exists (325/retours, a 323 that passes, or an L1 failure) or the options are invalid.
 */
export function buildRetour(
  heen: { message: MessageDef; bericht: Record<string, unknown> },
  outcome: { issues: readonly ValidationIssue[] },
  opts: RetourOptions,
): RetourResult {
  if (heen.message.nummer === NUMMER.declaratie) return buildRejectedDeclaratieAntwoord(heen, outcome, opts);
  const retour = retourMessageFor(heen.message);
  if (!retour) {
    throw new RetourError(RetourErrorCode.NO_RETOUR, `${heen.message.id} is itself an answer and gets no retourbericht`);
  }
  const { identificatieRetour, heenHeader } = checkInputs(heen, outcome, opts);

  const rootType = complexType(retour.rootType);
  const headerDef = rootType.children.find((c) => c.name === 'Header');
  if (!headerDef) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${retour.id} has no Header`);
  const headerType = complexType(headerDef.type);
  const o = { identificatieRetour, today: opts.today };
  const headerOnly = (codes: readonly RetourCodeCode[], kind: RetourKind): RetourResult => {
    const bericht: Node = { Header: buildHeader(headerType, heenHeader, retour, o, codes) };
    return { message: retour, bericht, xml: buildBericht(retour, bericht), kind };
  };

  // L2: the in-message rules run before any stateful check; one failure rejects the whole bericht.
  if (outcome.issues.some((i) => i.level === 'L2')) return headerOnly([RETOURCODE.technischAfgekeurd], 'technisch-afgekeurd');

  const l3 = outcome.issues.filter((i) => i.level === 'L3');
  if (l3.length === 0) return headerOnly([], 'goedgekeurd');

  const classPaths: string[] = [];
  collectClassPaths(rootType, heen.bericht, '/Bericht', classPaths);
  const headerCodes: RetourCodeCode[] = [];
  const classCodes = new Map<string, RetourCodeCode[]>();
  for (const issue of l3) {
    const code = codeOf(issue);
    const p = canonicalPath(issue.path, retour.rootType);
    // Deepest class instance containing the issue; none (header, /Bericht, unknown path) = header.
    let owner: string | undefined;
    for (const cp of classPaths) if (isPrefix(cp, p) && (!owner || cp.length > owner.length)) owner = cp;
    if (!owner) pushUnique(headerCodes, code);
    else {
      const list = classCodes.get(owner) ?? [];
      pushUnique(list, code);
      classCodes.set(owner, list);
    }
  }
  if (headerCodes.length > 0) return headerOnly(headerCodes, 'header-afgekeurd');

  // A body error: the header says "no remark", and each top-level body element (the one Client, or
  // the Antwoord of a 319) that contains a rejected class is copied whole. Others are omitted (OP065).
  const bericht: Node = { Header: buildHeader(headerType, heenHeader, retour, o, [RETOURCODE.geenOpmerking]) };
  const ctx: CopyContext = { classCodes };
  for (const def of rootType.children) {
    if (def.name === 'Header') continue;
    const value = heen.bericht[def.name];
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    const type = complexType(def.type);
    const copied: Node[] = [];
    items.forEach((item, i) => {
      const p = def.max > 1 ? `/Bericht/${def.name}[${i + 1}]` : `/Bericht/${def.name}`;
      if (!isNode(item)) throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `${p} is not an object`);
      const hasError = [...classCodes.keys()].some((cp) => isPrefix(p, cp));
      if (hasError) copied.push(copyAlong(type, item, p, ctx, false));
    });
    if (copied.length > 0) bericht[def.name] = def.max > 1 ? copied : copied[0];
  }
  for (const key of Object.keys(heen.bericht)) {
    if (!rootType.children.some((c) => c.name === key)) {
      throw new RetourError(RetourErrorCode.MODEL_MISMATCH, `/Bericht/${key} has no place in ${retour.id}`);
    }
  }
  return { message: retour, bericht, xml: buildBericht(retour, bericht), kind: 'klassen-afgekeurd' };
}
