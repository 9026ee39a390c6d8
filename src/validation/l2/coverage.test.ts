/**
 * docs/rules-coverage.md is generated and up to date; every (rule, bericht) row of both rule tables
 * and every xslt TR has a status; the rule table only encodes rules the standard has, for the
 * berichten it names; the logical keys match the tables' Sleutelelement column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERAGE_DOC, coverageRows, loadRuleTables, renderCoverage } from '../../../scripts/gen-rules-coverage.js';
import { LOGICAL_KEYS } from './keys.js';
import { L2_RULES } from './rules.js';

const tables = loadRuleTables();
const repo = join(import.meta.dirname, '..', '..', '..');

describe('rules coverage document', () => {
  it('is up to date (npm run gen:rules-coverage)', () => {
    expect(readFileSync(join(repo, COVERAGE_DOC), 'utf8')).toBe(renderCoverage(tables));
  });

  it('reads the full tables: 77 codes per standard and the 22 xslt TRs', () => {
    expect(new Set(tables.rows.filter((r) => r.standard === 'ijw').map((r) => r.code)).size).toBe(77);
    expect(new Set(tables.rows.filter((r) => r.standard === 'iwmo').map((r) => r.code)).size).toBe(77);
    expect(tables.rows.filter((r) => r.standard === 'ijw')).toHaveLength(487);
    expect(tables.trs.map((t) => t.code)).toEqual([
      'TR002',
      'TR006',
      'TR018',
      'TR061',
      'TR101',
      'TR134',
      'TR137',
      'TR302',
      'TR315',
      'TR316',
      'TR335',
      'TR342',
      'TR352',
      'TR353',
      'TR358',
      'TR377',
      'TR380',
      'TR383',
      'TR386',
      'TR409',
      'TR410',
      'TR416',
    ]);
  });

  it('lists every (code, bericht) row of both tables and every TR with a status, none missing', () => {
    const doc = readFileSync(join(repo, COVERAGE_DOC), 'utf8');
    const docRows = new Map<string, string>();
    for (const line of doc.split('\n')) {
      const m = /^\| ((?:CD|CS|RS|TR)\d{3}) \| (\d{3}|Retour[^|]*) \|(.*)$/.exec(line);
      if (m) docRows.set(`${m[1]}|${m[2]!.startsWith('Retour') ? 'retour' : m[2]}`, m[3]!);
    }
    const want = new Set([
      ...tables.rows.map((r) => `${r.code}|${r.bericht}`),
      ...tables.trs.flatMap((t) => t.berichten.map((b) => `${t.code}|${b}`)),
    ]);
    const absent = [...want].filter((k) => !docRows.has(k));
    expect(absent).toEqual([]);
    for (const k of want) expect(docRows.get(k), k).toMatch(/\*\*(encoded|xsd|n\/a)\*\*/);
    expect(doc).not.toContain('**MISSING**');
    expect(doc).toContain('| MISSING | 0 | 0 |');
    for (const r of coverageRows(tables)) {
      expect(r.ijw?.status, `${r.code} ${r.bericht} ijw`).not.toBe('MISSING');
      expect(r.iwmo?.status, `${r.code} ${r.bericht} iwmo`).not.toBe('MISSING');
    }
  });

  it('encodes only rules the standard has, for berichten it names them for', () => {
    const named = new Set([
      ...tables.rows.map((r) => `${r.code}|${r.bericht}`),
      ...tables.trs.flatMap((t) => t.berichten.map((b) => `${t.code}|${b}`)),
    ]);
    const invented = L2_RULES.flatMap((r) => r.messages.map((m) => `${r.id}|${m}`)).filter((k) => !named.has(k));
    expect(invented).toEqual([]);
  });

  it('TR101 keys equal the Sleutelelement column of both tables', () => {
    for (const standard of ['ijw', 'iwmo'] as const) {
      const fromTable = new Map<string, Set<string>>();
      for (const r of tables.rows) {
        if (!r.sleutel || r.standard !== standard || r.bericht === 'retour') continue;
        const k = `${r.bericht}|${r.klasse}`;
        // 'Bsn.LDT_BurgerServicenummer' → Bsn; 'Product_Product' + 'Code_ProductCode' → Product/Code
        const path = [r.element, ...r.cdt].map((e) => e.split(/[._]/)[0]).join('/');
        (fromTable.get(k) ?? fromTable.set(k, new Set()).get(k)!).add(path);
      }
      for (const [k, paths] of fromTable) {
        const [nummer, klasse] = k.split('|') as [keyof typeof LOGICAL_KEYS, string];
        const ours = LOGICAL_KEYS[nummer]?.find((l) => l.klasse === klasse);
        expect(ours, `${standard} ${k}`).toBeDefined();
        // Every table key element is (a prefix of) one of ours, and each of ours is named by the table.
        for (const p of paths)
          expect(
            ours!.key.some((e) => e === p || e.startsWith(p + '/')),
            `${standard} ${k} ${p}`,
          ).toBe(true);
        for (const e of ours!.key)
          expect(
            [...paths].some((p) => e === p || e.startsWith(p + '/')),
            `${standard} ${k} ${e}`,
          ).toBe(true);
      }
    }
  });
});
