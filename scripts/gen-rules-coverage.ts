/**
 * Writes docs/rules-coverage.md: one row per (rule, bericht) of the iJw and iWmo 3.2
 * condities/constraints/restricties tables and per in-message TR ("bericht inhoud (xslt)"), with
 * its status: encoded in the L2 rule table, enforced by the XSD (L1), or not applicable — and why.
 * For RS rows it also checks the claim against the generated model: the element the table names
 * must exist and carry the facet the rule describes; every miss is listed as a disagreement.
 *
 *   npm run gen:rules-coverage          (write)
 *   the coverage test regenerates and diffs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RETOURBERICHTEN } from '../src/standard/catalog.js';
import { COMPLEX_TYPES, MESSAGES, SIMPLE_TYPES } from '../src/standard/generated/model.js';
import {
  berichtId,
  type BerichtNummer,
  type ComplexTypeDef,
  type ElementDef,
  type SimpleTypeDef,
  type Standard,
} from '../src/standard/model.js';
import { L2_RULES } from '../src/validation/l2/rules.js';
import { CONVERSATION_RULES } from '../src/conversation/rules.js';
import { NOT_APPLICABLE } from '../src/conversation/not-applicable.js';
import { DECLARED_STATUS, type TableBericht } from '../src/validation/l2/status.js';
import type { CoverageStatus } from '../src/validation/l2/types.js';

// ---------------------------------------------------------------------------------------------
// Locations

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

export function sharedDir(): string {
  const env = process.env['SLUIS_SHARED'];
  return env !== undefined && env !== '' ? resolve(env) : resolve(repoRoot(), '..', 'shared');
}

export const COVERAGE_DOC = 'docs/rules-coverage.md';

// ---------------------------------------------------------------------------------------------
// Reading the rule tables

export interface TableRow {
  readonly standard: Standard;
  readonly code: string;
  readonly type: string;
  readonly bericht: TableBericht;
  readonly klasse: string;
  readonly element: string;
  /** iWmo table only: the CDT sub-elements (Adres_Adres → Postcode). */
  readonly cdt: readonly string[];
  readonly regel: string;
  /** `Sleutelelement: ja`: part of the class's logical key. */
  readonly sleutel: boolean;
}

export interface TrRow {
  readonly code: string;
  readonly berichten: readonly BerichtNummer[];
  readonly definitie: string;
}

export interface RuleTables {
  readonly rows: readonly TableRow[];
  readonly trs: readonly TrRow[];
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) out.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

function tableBericht(s: string): TableBericht {
  if (/Retour$/.test(s)) return 'retour';
  const m = /^(?:JW|WMO)(\d{3})$/.exec(s);
  if (!m) throw new Error(`unknown Bericht '${s}' in rule table`);
  return m[1] as BerichtNummer;
}

export function loadRuleTables(shared: string = sharedDir()): RuleTables {
  const dir = join(shared, 'istandaarden', 'rules');
  const rows: TableRow[] = [];
  const ijw = JSON.parse(readFileSync(join(dir, 'ijw-3.2-condities-constraints-restricties.json'), 'utf8')) as Record<string, string>[];
  for (const r of ijw) {
    rows.push({
      standard: 'ijw',
      code: r['Regelcode']!,
      type: r['Type']!,
      bericht: tableBericht(r['Bericht']!),
      klasse: r['Berichtklasse']!,
      element: r['Element']!,
      cdt: [],
      regel: r['regel']!,
      sleutel: r['Sleutelelement'] === 'ja',
    });
  }
  const [head, ...body] = parseCsv(readFileSync(join(dir, 'iwmo-3.2-condities-constraints-restricties.csv'), 'utf8'));
  const col = (name: string): number => {
    const i = head!.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing in iWmo rule table`);
    return i;
  };
  const [cB, cK, cE, c1, c2, cC, cR, cS, cSl] = [
    'Bericht',
    'Berichtklasse',
    'Berichtelement_Datatype',
    'CDT_element_1',
    'CDT_element_2',
    'Regelcode',
    'Regel',
    'Soortregel',
    'Sleutelelement',
  ].map(col);
  for (const r of body) {
    rows.push({
      standard: 'iwmo',
      code: r[cC!]!,
      type: r[cS!]!,
      bericht: tableBericht(r[cB!]!),
      klasse: r[cK!]!,
      element: r[cE!]!,
      cdt: [r[c1!]!, r[c2!]!].filter((x) => x !== undefined && x !== ''),
      regel: r[cR!]!,
      sleutel: r[cSl!] === 'ja',
    });
  }
  const trJson = JSON.parse(readFileSync(join(dir, 'ijw-3.2-technische-regels.json'), 'utf8')) as {
    code: string;
    niveau: string;
    berichten: string[];
    definitie: string;
  }[];
  const trs: TrRow[] = trJson
    .filter((t) => t.niveau === 'bericht inhoud (xslt)')
    .map((t) => ({
      code: t.code,
      berichten: t.berichten.map((b) => tableBericht(b) as BerichtNummer),
      definitie: t.definitie,
    }));
  return { rows, trs };
}

/** A technische regel of niveau "berichtoverstijgend" or "externe bron": checked across berichten. */
export interface StatefulTr {
  readonly code: string;
  readonly niveau: string;
  readonly retourcode: string;
  readonly berichten: readonly BerichtNummer[];
  readonly definitie: string;
}

/** The 54 berichtoverstijgende and 4 externe-bron TRs of the iJw table (iWmo's messages carry the same classes). */
export function loadStatefulTrs(shared: string = sharedDir()): StatefulTr[] {
  const trJson = JSON.parse(readFileSync(join(shared, 'istandaarden', 'rules', 'ijw-3.2-technische-regels.json'), 'utf8')) as {
    code: string;
    niveau: string;
    retourcode: string;
    berichten: string[];
    definitie: string;
  }[];
  return trJson
    .filter((t) => t.niveau === 'berichtoverstijgend' || t.niveau === 'externe bron')
    .map((t) => ({
      code: t.code,
      niveau: t.niveau,
      retourcode: t.retourcode,
      berichten: t.berichten.map((b) => tableBericht(b) as BerichtNummer),
      definitie: t.definitie,
    }));
}

/** TR056 is enforced at ingest (the journal's idempotency key), before any conversation rule. */
const ENFORCED_AT_INGEST: Readonly<Record<string, string>> = {
  TR056: "enforced at ingest: the journal's unique idempotency key rejects a reused Identificatie with other content (9056)",
};

export interface StatefulCoverageRow {
  readonly tr: StatefulTr;
  readonly status: 'encoded (advise)' | 'enforced (ingest)' | 'n/a (gateway)' | 'not yet encoded';
  readonly how: string;
}

export function statefulCoverage(trs: readonly StatefulTr[] = loadStatefulTrs()): StatefulCoverageRow[] {
  return trs.map((tr) => {
    const rule = CONVERSATION_RULES.find((r) => r.id === tr.code);
    if (rule) return { tr, status: 'encoded (advise)', how: `${rule.lezing}. Sluis cannot know: ${rule.grenzen}` };
    const ingest = ENFORCED_AT_INGEST[tr.code];
    if (ingest) return { tr, status: 'enforced (ingest)', how: ingest };
    const na = NOT_APPLICABLE.find((n) => n.id === tr.code);
    if (na) return { tr, status: 'n/a (gateway)', how: na.reden };
    return { tr, status: 'not yet encoded', how: '' };
  });
}

// ---------------------------------------------------------------------------------------------
// Status per (code, bericht, standard)

export interface Verdict {
  readonly status: CoverageStatus | 'MISSING';
  readonly how: string;
}

export function statusOf(code: string, bericht: TableBericht, standard: Standard): Verdict {
  if (bericht !== 'retour') {
    const enc = L2_RULES.filter((r) => r.id === code && r.messages.includes(bericht) && (!r.standards || r.standards.includes(standard)));
    if (enc.length > 0) {
      const where = [...new Set(enc.map((r) => `${r.klasse}${r.element ? ' → ' + r.element : ''}`))].join('; ');
      const what = [...new Set(enc.map((r) => r.summary))].join(' ');
      return { status: 'encoded', how: `${where}: ${what}` };
    }
  }
  const d = DECLARED_STATUS.find(
    (s) => s.id === code && (!s.messages || s.messages.includes(bericht)) && (!s.standards || s.standards.includes(standard)),
  );
  if (d) return { status: d.status, how: d.why };
  return { status: 'MISSING', how: 'neither encoded nor declared' };
}

// ---------------------------------------------------------------------------------------------
// XSD check of the RS rows: does the element exist, and does its type carry the facet?

function prefixOf(standard: Standard, nummer: BerichtNummer): string {
  return MESSAGES[berichtId(standard, nummer)].rootType.split(':')[0]!;
}

const RETOUR_NUMMERS: readonly BerichtNummer[] = RETOURBERICHTEN;

function findChild(ct: ComplexTypeDef, token: string): ElementDef | undefined {
  const t = token.replace(/^LDT_/, '').toLowerCase();
  return (
    ct.children.find((c) => c.name === token) ??
    ct.children.find((c) => c.type.endsWith(':' + token)) ??
    ct.children.find((c) => c.name.toLowerCase() === t) ??
    ct.children.find((c) => c.name.toLowerCase().endsWith(t))
  );
}

/** Element column `Bsn.LDT_BurgerServicenummer`, `Adres_Adres`, `LDT_StatusAanlevering` → a lookup token. */
function token(col: string): string {
  if (col.startsWith('LDT_')) return col;
  return col.split(/[._]/)[0]!;
}

function simpleTypesUnder(type: string, depth = 0): SimpleTypeDef[] {
  const ct = COMPLEX_TYPES[type];
  if (!ct || depth > 6) return [];
  return ct.children.flatMap((c) =>
    c.kind === 'simple' ? (SIMPLE_TYPES[c.type] ? [SIMPLE_TYPES[c.type]!] : []) : simpleTypesUnder(c.type, depth + 1),
  );
}

/** The simple types a table row points at, or a reason why it points at nothing. */
export function resolveRow(row: TableRow, nummer: BerichtNummer): SimpleTypeDef[] | string {
  const ct = COMPLEX_TYPES[`${prefixOf(row.standard, nummer)}:${row.klasse}`];
  if (!ct) return `class ${row.klasse} does not exist in ${berichtId(row.standard, nummer)}`;
  let el: ElementDef | undefined = findChild(ct, token(row.element));
  if (!el) {
    // Some rows name a CDT part directly (JW307 Client Datumgebruik): look one level down.
    for (const c of ct.children) {
      const sub = c.kind === 'complex' ? COMPLEX_TYPES[c.type] : undefined;
      const hit = sub ? findChild(sub, token(row.element)) : undefined;
      if (hit) {
        el = hit;
        break;
      }
    }
  }
  if (!el) return `element ${row.element} not found in ${row.klasse} of ${berichtId(row.standard, nummer)}`;
  for (const part of row.cdt) {
    const sub: ComplexTypeDef | undefined = el.kind === 'complex' ? COMPLEX_TYPES[el.type] : undefined;
    const next: ElementDef | undefined = sub ? findChild(sub, token(part)) : undefined;
    if (!next) return `CDT element ${part} not found under ${el.name} in ${berichtId(row.standard, nummer)}`;
    el = next;
  }
  if (el.kind === 'simple') {
    const t = SIMPLE_TYPES[el.type];
    return t ? [t] : `type ${el.type} unknown`;
  }
  return simpleTypesUnder(el.type);
}

function patternLen(t: SimpleTypeDef): number | undefined {
  const p = t.patterns.flat();
  const m = p.map((x) => /^\[0-9\]\{(\d+)\}$/.exec(x)).find((x) => x);
  if (m) return Number(m[1]);
  if (p.length === 1 && /^\d+$/.test(p[0]!)) return p[0]!.length;
  return undefined;
}

function maxLenOf(t: SimpleTypeDef): number | undefined {
  if (t.enumeration) return Math.max(...t.enumeration.map((e) => e.length));
  return patternLen(t) ?? t.maxLength;
}

/** Does one of the types carry the facet the RS rule text describes? */
export function facetHolds(code: string, regel: string, types: readonly SimpleTypeDef[]): boolean {
  const len = /Maximale lengte (\d+)/.exec(regel);
  if (len) return types.some((t) => (maxLenOf(t) ?? Infinity) <= Number(len[1]));
  const max = /Maximale waarde (\d+)/.exec(regel);
  if (max) return types.some((t) => t.maxInclusive === Number(max[1]));
  if (/Minimale waarde 0/.test(regel)) return types.some((t) => t.minInclusive === 0);
  switch (code) {
    case 'RS031':
    case 'RS033':
      return types.some((t) => (t.minLength ?? 0) >= 1 || t.patterns.length > 0 || t.enumeration !== undefined || t.base !== 'string');
    case 'RS032':
      return types.some((t) => t.base === 'date' && t.patterns.flat().includes('[^:Z]*'));
    case 'RS034':
      return types.some((t) => t.base === 'time' && t.patterns.flat().includes('[^Z+-]+'));
    case 'RS035':
      return types.some((t) => patternLen(t) === 4);
    case 'RS036':
      return types.some((t) => patternLen(t) === 8);
    case 'RS037':
      return types.some((t) => patternLen(t) === 9);
    case 'RS046':
      return types.some((t) => t.patterns.flat().includes('[0-9]*'));
    case 'RS048':
      return types.some((t) => t.patterns.flat().some((p) => p.includes('\\.')));
    default:
      return types.some((t) => t.patterns.length > 0);
  }
}

export interface Disagreement {
  readonly code: string;
  readonly standard: Standard;
  readonly bericht: TableBericht;
  readonly where: string;
  readonly problem: string;
}

/** Rows whose element is missing from the XSD, and RS rows whose type lacks the facet. */
export function xsdDisagreements(tables: RuleTables): Disagreement[] {
  const out: Disagreement[] = [];
  const seen = new Set<string>();
  for (const row of tables.rows) {
    const nummers = row.bericht === 'retour' ? RETOUR_NUMMERS : [row.bericht];
    for (const n of nummers) {
      const r = resolveRow(row, n);
      // Every row must name an element the XSD has; RS rows must also find their facet there.
      const problem =
        typeof r === 'string'
          ? r
          : !row.code.startsWith('RS') || facetHolds(row.code, row.regel, r)
            ? undefined
            : `no type under it carries "${row.regel}"`;
      if (!problem) continue;
      const where = `${row.klasse} / ${[row.element, ...row.cdt].join(' / ')}`;
      const k = `${row.code}|${row.standard}|${row.bericht}|${where}|${problem}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ code: row.code, standard: row.standard, bericht: row.bericht, where, problem });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export interface CoverageRow {
  readonly code: string;
  readonly kind: string;
  readonly bericht: TableBericht;
  readonly elements: string;
  readonly ijw?: Verdict;
  readonly iwmo?: Verdict;
}

function berichtOrder(b: TableBericht): number {
  return b === 'retour' ? 999 : Number(b);
}

export function coverageRows(tables: RuleTables): CoverageRow[] {
  const groups = new Map<string, TableRow[]>();
  for (const r of tables.rows) {
    const k = `${r.code}|${r.bericht}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out: CoverageRow[] = [];
  for (const [k, rs] of groups) {
    const [code, bericht] = k.split('|') as [string, TableBericht];
    const elements = [
      ...new Set(rs.map((r) => `${r.klasse}.${[r.element.split(/[._]/)[0], ...r.cdt.map((c) => c.split(/[._]/)[0])].join('/')}`)),
    ].join(', ');
    const has = (s: Standard): boolean => rs.some((r) => r.standard === s);
    out.push({
      code,
      kind: code.slice(0, 2),
      bericht,
      elements,
      ...(has('ijw') ? { ijw: statusOf(code, bericht, 'ijw') } : {}),
      ...(has('iwmo') ? { iwmo: statusOf(code, bericht, 'iwmo') } : {}),
    });
  }
  for (const t of tables.trs) {
    for (const b of t.berichten) {
      out.push({ code: t.code, kind: 'TR', bericht: b, elements: '', ijw: statusOf(t.code, b, 'ijw'), iwmo: statusOf(t.code, b, 'iwmo') });
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code) || berichtOrder(a.bericht) - berichtOrder(b.bericht));
}

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function cell(v: Verdict | undefined): string {
  return v ? `**${v.status}**` : '—';
}

function how(row: CoverageRow): string {
  const a = row.ijw?.how;
  const b = row.iwmo?.how;
  if (a !== undefined && b !== undefined && a !== b) return `iJw: ${a} — iWmo: ${b}`;
  return a ?? b ?? '';
}

export function renderCoverage(tables: RuleTables = loadRuleTables(), stateful: readonly StatefulTr[] = loadStatefulTrs()): string {
  const rows = coverageRows(tables);
  const count = (s: Standard, st: string): number => rows.filter((r) => r[s]?.status === st).length;
  const lines: string[] = [];
  const bname = (b: TableBericht): string => (b === 'retour' ? 'Retour (302/306/308/316/318/320 header)' : b);
  lines.push(
    '# L2 rule coverage (iWmo / iJw 3.2)',
    '',
    '<!-- GENERATED by scripts/gen-rules-coverage.ts (`npm run gen:rules-coverage`). DO NOT EDIT: a test regenerates and diffs. -->',
    '',
    'One row per (rule, bericht) of the condities/constraints/restricties tables (iJw JSON and iWmo CSV in',
    '`../shared/istandaarden/rules/`) and per technische regel of controleniveau "bericht inhoud (xslt)".',
    'Status: **encoded** = an entry in the L2 rule table (`src/validation/l2/rules.ts`), tested with a passing and a',
    'failing bericht per standard in `src/validation/l2/rules.test.ts`; **xsd** = the XSD already enforces it, so',
    'the L1 engine rejects a violating value (proof per code in `src/validation/l2/xsd-enforced.test.ts`);',
    '**n/a** = cannot apply, with the reason. All L2 failures carry RetourCode 0001.',
    '',
    '## Summary',
    '',
    '| status | iJw (rule, bericht) pairs | iWmo (rule, bericht) pairs |',
    '|---|---|---|',
    ...(['encoded', 'xsd', 'n/a', 'MISSING'] as const).map((s) => `| ${s} | ${count('ijw', s)} | ${count('iwmo', s)} |`),
    '',
    `Distinct codes: ${new Set(tables.rows.map((r) => r.code)).size} in the condities/constraints/restricties tables, ${tables.trs.length} xslt TRs.`,
    '',
    '## Condities, constraints, restricties',
    '',
    '| rule | bericht | class.element (rule table) | iJw | iWmo | how / why |',
    '|---|---|---|---|---|---|',
  );
  for (const r of rows.filter((x) => x.kind !== 'TR')) {
    lines.push(`| ${r.code} | ${bname(r.bericht)} | ${esc(r.elements)} | ${cell(r.ijw)} | ${cell(r.iwmo)} | ${esc(how(r))} |`);
  }
  lines.push(
    '',
    '## Technische regels, controleniveau "bericht inhoud (xslt)"',
    '',
    '| rule | bericht | iJw | iWmo | how / why |',
    '|---|---|---|---|---|',
  );
  for (const r of rows.filter((x) => x.kind === 'TR')) {
    lines.push(`| ${r.code} | ${bname(r.bericht)} | ${cell(r.ijw)} | ${cell(r.iwmo)} | ${esc(how(r))} |`);
  }
  const conv = statefulCoverage(stateful);
  const nConv = (st: StatefulCoverageRow['status']): number => conv.filter((r) => r.status === st).length;
  lines.push(
    '',
    '## Technische regels, controleniveau "berichtoverstijgend" and "externe bron" (the conversation)',
    '',
    'Checked against earlier berichten (derived from the journal) or an external source (the clock). Status:',
    '**encoded (advise)** = an entry in `src/conversation/rules.ts`, with unit tests beside it and a passing and a',
    'failing scenario per standard through the gateway (`test/conversation/conversation.int.test.ts`); a finding is',
    'attached to the decision as a warning, or — for a gemeente that enforces, where the state horizon covers it —',
    'rejects the bericht with its retourbericht (see docs/validation.md);',
    '**enforced (ingest)** = the pipeline rejects it itself; **n/a (gateway)** = no gateway can check it, with the',
    'reason (`src/conversation/not-applicable.ts`); **not yet encoded** = no check yet.',
    '',
    `| status | TRs (of ${conv.length}: ${stateful.filter((t) => t.niveau === 'berichtoverstijgend').length} berichtoverstijgend, ${stateful.filter((t) => t.niveau === 'externe bron').length} externe bron) |`,
    '|---|---|',
    ...(['encoded (advise)', 'enforced (ingest)', 'n/a (gateway)', 'not yet encoded'] as const).map((st) => `| ${st} | ${nConv(st)} |`),
    '',
    '| rule | status | berichten | retourcode | niveau | definitie (rule table) / our reading |',
    '|---|---|---|---|---|---|',
  );
  for (const r of conv) {
    const text = r.how === '' ? r.tr.definitie : `${r.tr.definitie} — **reading:** ${r.how}`;
    lines.push(`| ${r.tr.code} | **${r.status}** | ${r.tr.berichten.join(', ')} | ${r.tr.retourcode} | ${r.tr.niveau} | ${esc(text)} |`);
  }
  const dis = xsdDisagreements(tables);
  lines.push(
    '',
    '## Where the rule tables and the XSDs disagree',
    '',
    'Rows whose element the XSD does not have, and RS rows whose type does not carry the restriction the row states',
    '(checked against the generated model, `src/standard/generated/model.ts`):',
    '',
  );
  if (dis.length === 0) lines.push('None found.');
  else {
    lines.push('| rule | standard | bericht | class / element (table) | finding |', '|---|---|---|---|---|');
    for (const d of dis) lines.push(`| ${d.code} | ${d.standard} | ${bname(d.bericht)} | ${esc(d.where)} | ${esc(d.problem)} |`);
  }
  lines.push(
    '',
    'Further notes (by reading, not generated):',
    '',
    '- TR377/TR409: the TR source lists them for "WMO319", but only the iJw 319 has the Woonplaatsbeginsel class.',
    '- CS015, CS025 and CS319 have no RetourCode in the tables: they are XSD-level (fixed patterns).',
    '- CS050 allows NaamGebruik 6 without Partnernaam, CS318 forbids 6 for a Client: for a Client only 1 remains.',
    '- TR134, TR137 and TR380 do not name their elements in the TR source; the elements we check are in the rows above.',
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = join(repoRoot(), COVERAGE_DOC);
  writeFileSync(out, renderCoverage());
  console.log(`wrote ${COVERAGE_DOC}`);
}
