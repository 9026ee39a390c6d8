/**
 * The catalog is the one place that says what a message number means. This test keeps it that way:
 * no source file outside the catalog (and the two data tables keyed by message: the policy table and
 * the L2 rule table) spells a message number as a string literal ('301', 'JW301', 'WMO301').
 * Code asks the catalog instead: `CATALOG[n].groep`, `NUMMER.toewijzing`, `RETOUR_VAN`, …
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BERICHT_NUMMERS } from './catalog.js';

const SRC = join(import.meta.dirname, '..');

/** Relative to src/, with `/`. Directories end in `/`. */
const EXCLUDED = ['standard/generated/', 'standard/catalog.ts', 'decision/policy.ts', 'validation/l2/rules.ts'];

const FORBIDDEN = new Set<string>(BERICHT_NUMMERS.flatMap((n) => [n, `JW${n}`, `WMO${n}`]));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** `file:line: 'literal'` for every message-number literal in the file (comments are not literals). */
export function messageLiterals(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && FORBIDDEN.has(node.text)) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push(`${file}:${line + 1}: '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('message numbers live in the catalog', () => {
  it('finds a literal and ignores comments', () => {
    expect(messageLiterals('x.ts', `// '301'\nconst a = x === '323' || y === \`JW301\`;`)).toEqual(["x.ts:2: '323'", "x.ts:2: 'JW301'"]);
  });

  it('no source outside the catalog and the message-keyed data tables spells a message number', () => {
    const found = sources(SRC)
      .map((f) => relative(SRC, f).split('\\').join('/'))
      .filter((rel) => !EXCLUDED.some((e) => (e.endsWith('/') ? rel.startsWith(e) : rel === e)))
      .flatMap((rel) => messageLiterals(rel, readFileSync(join(SRC, rel), 'utf8')));
    expect(found).toEqual([]);
  });
});
