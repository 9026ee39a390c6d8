/**
 * Test support for the L2 rule tests: L2-valid base berichten as typed objects, one per heenbericht
 * and 325, for both standards. iJw bases are the published samples in
 * `../shared/istandaarden/samples/ijw`, parsed by the real engine, with the sample defects fixed
 * (each named below); iWmo bases are mapped from them (same structure apart from the two iJw-only
 * elements and the product categories, FACTS §13).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../src/standard/generated/model.js';
import { berichtId, type BerichtNummer, type MessageDef, type Standard } from '../../src/standard/model.js';
import { parseBericht } from '../../src/validation/parse.js';
import { sharedDir } from './paths.js';

export { sharedDir };

export type Obj = Record<string, unknown>;

export const BASE_NUMMERS = ['301', '305', '307', '315', '317', '319', '323', '325'] as const satisfies readonly BerichtNummer[];
export type BaseNummer = (typeof BASE_NUMMERS)[number];

/**
 * Defects in the published samples, fixed before use. Found by L1 (JW315: an impossible date) and by
 * this very rule table (JW317: CS003; JW323: TR101) — see the report of issue 3.
 */
const SAMPLE_FIXES: Partial<Record<BaseNummer, readonly [string, string][]>> = {
  '315': [['2027-06-31', '2027-06-30']],
  '317': [['<jw317:Einddatum>2024-02-28<', '<jw317:Einddatum>2027-02-28<']],
};

export function sampleXml(nummer: BaseNummer, fixed = true): string {
  let xml = readFileSync(join(sharedDir(), 'istandaarden', 'samples', 'ijw', `JW${nummer}.xml`), 'utf8');
  if (fixed) {
    for (const [from, to] of SAMPLE_FIXES[nummer] ?? []) {
      if (!xml.includes(from)) throw new Error(`sample fix for JW${nummer} no longer applies: ${from.slice(0, 40)}…`);
      xml = xml.split(from).join(to);
    }
  }
  return xml;
}

/** JW323: the second client's third prestatie repeats ReferentieNummer RN004 (TR101); renumbered. */
const OBJECT_FIXES: Partial<Record<BaseNummer, (b: Obj) => void>> = {
  '323': (b) => {
    const path = 'Declaratie/Clienten/Client/1/Prestaties/Prestatie/2/ProductReferentie/ReferentieNummer';
    if (get(b, path) !== 'RN004') throw new Error('sample fix for JW323 no longer applies');
    set(b, path, 'RN005');
  },
};

const cache = new Map<string, Obj>();

function ijwBase(nummer: BaseNummer): Obj {
  const r = parseBericht(sampleXml(nummer));
  if (!r.success) throw new Error(`JW${nummer} sample is not L1-valid: ${JSON.stringify(r.issues.slice(0, 3))}`);
  OBJECT_FIXES[nummer]?.(r.bericht);
  return r.bericht;
}

/** iJw category → an iWmo one (the rules only compare categories, they never interpret them). */
const CATEGORIE_IWMO: Readonly<Record<string, string>> = { '45': '03', '55': '02' };

function toIwmo(nummer: BaseNummer, ijw: Obj): Obj {
  const b = structuredClone(ijw);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Obj;
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'Categorie' || k === 'ProductCategorie') && typeof x === 'string') o[k] = CATEGORIE_IWMO[x] ?? '01';
      else if ((k === 'Code' || k === 'ProductCode') && typeof x === 'string' && /^\d\d/.test(x))
        o[k] = (CATEGORIE_IWMO[x.slice(0, 2)] ?? '01') + x.slice(2);
      else visit(x);
    }
  };
  visit(b);
  const header = b['Header'] as Obj;
  header['BerichtCode'] = MESSAGES[berichtId('iwmo', nummer)].berichtCode;
  if (nummer === '315') delete (b['Client'] as Obj)['GezagsdragerBekend'];
  if (nummer === '319') {
    const a = b['Antwoord'] as Obj;
    delete a['Woonplaatsbeginsel'];
    if (a['RedenAfwijzingVerzoek'] === '8') a['RedenAfwijzingVerzoek'] = '5';
  }
  return b;
}

/** A fresh deep copy of the base bericht (mutate freely). */
export function base(standard: Standard, nummer: BaseNummer): { message: MessageDef; bericht: Obj } {
  const key = `${standard}${nummer}`;
  let b = cache.get(key);
  if (!b) {
    b = standard === 'ijw' ? ijwBase(nummer) : toIwmo(nummer, base('ijw', nummer).bericht);
    cache.set(key, b);
  }
  return { message: MESSAGES[berichtId(standard, nummer)], bericht: structuredClone(b) };
}

// ---------------------------------------------------------------------------------------------
// Small path helpers for mutations: 'Client/ToegewezenProducten/ToegewezenProduct/0/Omvang'.

function walk(root: Obj, path: string): { parent: Obj | unknown[]; key: string } {
  const steps = path.split('/');
  let cur: unknown = root;
  for (const s of steps.slice(0, -1)) {
    const next: unknown = Array.isArray(cur) ? cur[Number(s)] : (cur as Obj)[s];
    if (typeof next !== 'object' || next === null) throw new Error(`no ${s} on the way to ${path}`);
    cur = next;
  }
  return { parent: cur as Obj | unknown[], key: steps[steps.length - 1]! };
}

export function get(root: Obj, path: string): unknown {
  const { parent, key } = walk(root, path);
  return Array.isArray(parent) ? parent[Number(key)] : parent[key];
}

export function set(root: Obj, path: string, value: unknown): void {
  const { parent, key } = walk(root, path);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else parent[key] = value;
}

export function del(root: Obj, path: string): void {
  const { parent, key } = walk(root, path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/** Appends a deep copy of item `index` of the list at `listPath` and returns the copy. */
export function dup(root: Obj, listPath: string, index = 0): Obj {
  const list = get(root, listPath);
  if (!Array.isArray(list)) throw new Error(`${listPath} is not a list`);
  const copy = structuredClone(list[index]) as Obj;
  list.push(copy);
  return copy;
}

/** Typed-object path → issue path: 'Client/X/Y/1/Z' → '/Bericht/Client/X/Y[2]/Z'. */
export function abs(path: string): string {
  let out = '/Bericht';
  for (const s of path.split('/')) {
    if (/^\d+$/.test(s)) out += `[${Number(s) + 1}]`;
    else out += `/${s}`;
  }
  return out;
}
