/**
 * Texts users read — reasons, problem details, errors, log messages: every string literal in src/ —
 * never cite the project's internal documents ("FACTS §…", "seed 002 …", "PRODUCT §…"), which users
 * cannot read. Public sources (a rule id such as TR056, a codelijst, the iStandaarden) or plain words
 * instead. Comments are not user texts and are not checked here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const INTERNAL = /FACTS §|\bseed \d|\bseed\b.*§|PRODUCT §/;

function* sources(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) yield p;
  }
}

/** Every string and template-literal text in a file, with its line. */
function literals(file: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    )
      out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.text });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('user-facing texts', () => {
  it('the check sees a citation in a string, not in a comment', () => {
    expect(INTERNAL.test('no toewijzing per client (FACTS §11.2)')).toBe(true);
    expect(INTERNAL.test('delivered (seed 002 §4.2)')).toBe(true);
    expect(INTERNAL.test('TR056: Identificatie already used')).toBe(false);
  });

  it('no string in src/ cites "FACTS §", "seed …" or "PRODUCT §"', () => {
    const found: string[] = [];
    for (const file of sources(join(ROOT, 'src')))
      for (const l of literals(file)) if (INTERNAL.test(l.text)) found.push(`${relative(ROOT, file)}:${l.line}: ${l.text}`);
    expect(found).toEqual([]);
  });
});
