/**
 * parse: bytes → identified, typed bericht (safeParse-style result). Parsing is the L1 engine's
 * walk: a bericht that is not L1-valid has no typed object, and the issues say why.
 */
import type { MessageDef } from '../standard/model.js';
import type { ValidationIssue } from './issues.js';
import { runEngine } from './engine.js';

export type ParseResult =
  | { readonly success: true; readonly message: MessageDef; readonly bericht: Record<string, unknown> }
  | { readonly success: false; readonly message?: MessageDef; readonly issues: readonly ValidationIssue[] };

export function parseBericht(input: string | Uint8Array): ParseResult {
  const r = runEngine(input);
  if (r.issues.length === 0 && r.message && r.root) return { success: true, message: r.message, bericht: r.root };
  return { success: false, ...(r.message ? { message: r.message } : {}), issues: r.issues };
}
