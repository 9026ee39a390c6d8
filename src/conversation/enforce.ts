/**
 * Advise or enforce, and the state horizon (OP095), as pure functions: the pipeline hands in the
 * gemeente's mode and the pair's horizon as data; nothing here reads a store or a clock.
 *
 * The horizon of a gemeente–aanbieder pair in a domain is the date since which Sluis saw all their
 * traffic (by default the date of the first bericht Sluis journaled between them; an import of
 * historical berichten moves it back). Our reading of "a finding is proof only where Sluis saw the
 * history it depends on": a finding of a berichtoverstijgende rule enforces only when the horizon is
 * set and strictly earlier than the earliest date the marked class refers to (`neededSince`) — a start's
 * Begindatum, a prestatie's ProductPeriode, … — so that what it looked for (the toewijzing behind the
 * start, the earlier declaratie) would have passed through Sluis. Otherwise it only advises, even in
 * enforce mode. A rule with an external source (TR135: the system date) does not depend on the
 * horizon. An unreadable date advises (never reject on doubt).
 */
import type { ConversationFinding } from '../decision/decision.js';
import { Bron, type ConversationRule } from './rule.js';
import type { ConversationSummary } from './types.js';

/** How a gemeente wants conversation findings to act (parties config, per gemeente). */
export const ConversationMode = {
  /** Route as decided; attach the findings as advice (the default). */
  advise: 'advise',
  /** A finding whose history Sluis saw rejects the bericht: Sluis answers with the retour and routes nothing. */
  enforce: 'enforce',
} as const;
export type ConversationModeCode = keyof typeof ConversationMode;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isPrefixPath(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * The earliest date the class a finding marks refers to: the selecting dates (summary `datum`) of
 * the items at, inside or around the finding's path; with none (a header finding, an item without a
 * date), the bericht's Dagtekening.
 */
export function neededSince(finding: Pick<ConversationFinding, 'path'>, summary: ConversationSummary): string {
  let earliest: string | undefined;
  for (const it of summary.items) {
    if (it.datum === undefined) continue;
    if (!isPrefixPath(it.path, finding.path) && !isPrefixPath(finding.path, it.path)) continue;
    if (earliest === undefined || it.datum < earliest) earliest = it.datum;
  }
  return earliest ?? summary.dagtekening;
}

/** Whether a finding may reject: the rule's source, the horizon and the date it needs (see the module comment). */
export function enforceable(
  finding: Pick<ConversationFinding, 'rule' | 'path'>,
  summary: ConversationSummary,
  rules: readonly Pick<ConversationRule, 'id' | 'bron'>[],
  horizon: string | undefined,
): boolean {
  const rule = rules.find((r) => r.id === finding.rule);
  if (rule?.bron === Bron.externeBron) return true;
  if (horizon === undefined || !DATE.test(horizon)) return false;
  const since = neededSince(finding, summary);
  return DATE.test(since.slice(0, 10)) && horizon < since.slice(0, 10);
}

/** The findings as the decision carries them: in enforce mode each marked `enforced` or not; in advise mode unchanged. */
export function weigh(
  findings: readonly ConversationFinding[],
  summary: ConversationSummary,
  rules: readonly Pick<ConversationRule, 'id' | 'bron'>[],
  mode: ConversationModeCode,
  horizon: string | undefined,
): ConversationFinding[] {
  if (mode === ConversationMode.advise) return [...findings];
  return findings.map((f) => ({ ...f, enforced: enforceable(f, summary, rules, horizon) }));
}
