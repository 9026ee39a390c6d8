/**
 * The rooms of src/ (architecture.rooms.js) hold: every import between rooms is one the table allows,
 * every folder is a declared room, and the rooms form no cycle. ESLint reports the same violations
 * in the editor; this test also sees dynamic `import()` and proves acyclicity, which a per-file lint
 * rule cannot.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOMS } from '../architecture.rooms.js';

const SRC = resolve(import.meta.dirname, '../src');
const SHARED = new Set(['paths', 'outcomes', 'status']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

function roomOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? `:${rel[0]}` : rel[0]!;
}

/** Every relative import specifier: static, re-export, type-only and dynamic. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)) out.push(m[1]!);
  return out;
}

const edges = new Map<string, Set<string>>();
const violations: string[] = [];
for (const file of sources(SRC)) {
  const from = roomOf(file);
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(SRC + sep)) continue; // JSON schemas beside src/, package files
    const to = roomOf(target);
    if (to === from || to.startsWith(':')) {
      if (to.startsWith(':') && !SHARED.has(to.slice(1).replace(/\.[jt]s$/, '')))
        violations.push(`${relative(SRC, file)} imports ${spec}: not a shared module`);
      continue;
    }
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
    const rule = ROOMS[from];
    if (rule && !rule.may.includes(to)) violations.push(`${relative(SRC, file)} (${from}) imports ${spec} (${to})`);
  }
}

describe('the rooms of src/', () => {
  it('every folder of src/ is a declared room', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    expect(folders.filter((f) => !(f in ROOMS))).toEqual([]);
  });

  it('every import between rooms is allowed by the table', () => {
    expect(violations).toEqual([]);
  });

  it('the rooms form no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (room: string, path: string[]): void => {
      if (state.get(room) === 'done') return;
      if (state.get(room) === 'open') {
        cycles.push([...path.slice(path.indexOf(room)), room].join(' → '));
        return;
      }
      state.set(room, 'open');
      for (const next of edges.get(room) ?? []) visit(next, [...path, room]);
      state.set(room, 'done');
    };
    for (const room of edges.keys()) visit(room, []);
    expect(cycles).toEqual([]);
  });

  it('the table itself is acyclic and names only declared rooms', () => {
    for (const [room, rule] of Object.entries(ROOMS)) {
      for (const other of rule.may) {
        expect(other in ROOMS, `${room} may import ${other}`).toBe(true);
        expect(ROOMS[other]!.may.includes(room), `${room} ↔ ${other}`).toBe(false);
      }
    }
  });
});
