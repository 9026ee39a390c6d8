/**
 * The store owns all SQL: no statement text in src/ outside src/store/ (tests aside). A query lives in
 * src/store/<table>/<verb>.ts, so a schema change is found by table and verb, not by grep. This scans
 * every string and template literal of every other source file with the TypeScript parser (comments
 * are not literals, so prose naming SELECT or UPDATE does not count).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/** Statement openings and SQL-only constructs, as the store spells them (upper-case keywords). */
const SQL_PATTERNS: readonly RegExp[] = [
  /\bSELECT\s+(?:[\w*$(]|DISTINCT\b)/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+\w+(?:\s+(?:AS\s+)?\w+)?\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /\bWITH\s+\w+\s+AS\s+(?:MATERIALIZED\s+)?\(/,
  /\bON\s+CONFLICT\b/,
  /\bSET\s+LOCAL\b/,
  /\bFOR\s+UPDATE\b/,
  /^\s*(?:BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/,
  /\$\d+::\w+/,
  /\bORDER\s+BY\b[^]*\bLIMIT\b/,
  /\bFROM\s+\w+(?:\s+\w+)?\s+(?:WHERE|JOIN|GROUP\s+BY)\b/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The text of every string and template literal in `code` (a template's parts, without the `${…}`). */
function literals(code: string, file = 'x.ts'): { text: string; line: number }[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const add = (n: ts.Node, text: string): void => {
    out.push({ text, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) add(n, n.text);
    else if (ts.isTemplateExpression(n)) add(n, [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ? '));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function sqlIn(code: string, file?: string): { text: string; line: number }[] {
  return literals(code, file).filter((l) => SQL_PATTERNS.some((re) => re.test(l.text)));
}

describe('SQL boundary', () => {
  it('finds the statements it is meant to find', () => {
    const found = sqlIn(
      [
        "db.query('SELECT raw FROM journal WHERE id = $1', [id]);",
        'db.query(`UPDATE outbox o SET locked_at = now()`);',
        'const x = `INSERT INTO postbus (party) VALUES (${p})`;',
        "tx.query('SET LOCAL enable_sort = off');",
        'const w = `WITH c AS (SELECT id FROM outbox)`;',
        "const d = 'DELETE FROM kafka_publisher_lease WHERE name = $1';",
      ].join('\n'),
    );
    expect(found.map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6]);
    // Prose, comments and ordinary messages are not SQL.
    expect(sqlIn("// SELECT, COMMIT\nconst m = 'select a bericht to update';\nconst n = 'UPDATE';")).toEqual([]);
  });

  it('no SQL text in src/ outside src/store/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = relative(SRC, file).split(sep).join('/');
      if (rel.startsWith('store/')) continue;
      for (const l of sqlIn(readFileSync(file, 'utf8'), file)) offenders.push(`src/${rel}:${l.line}: ${l.text.slice(0, 80)}`);
    }
    expect(offenders, 'move the statement into src/store/<table>/<verb>.ts').toEqual([]);
  });
});
