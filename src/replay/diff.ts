/**
 * Compares a journaled decision with today's and says what changed in one operator-readable line:
 * "was suppressed by contract K1, now routed to 0363 because <the deciding reason>".
 */
import type { Decision, DecisionReason } from '../pipeline/types.js';

export interface DecisionChange {
  /** Action or addressee differ (reasons alone do not count: nothing would be delivered differently). */
  readonly changed: boolean;
  /** e.g. 'suppress→route', 'route→route' (other addressee), 'none→route'. */
  readonly transition: string;
  readonly text: string;
}

/** The reason that carries the decision: the first naming a contract, else the first. */
export function mainReason(d: Decision): DecisionReason | undefined {
  return d.reasons.find((r) => r.contractId !== undefined) ?? d.reasons[0];
}

export function describeDecision(d: Decision | null): string {
  if (!d) return 'not decided (rejected at validation)';
  const r = mainReason(d);
  const by = r?.contractId ? ` by contract ${r.contractId}` : r?.rule ? ` by rule ${r.rule}` : '';
  switch (d.action) {
    case 'route':
      return `routed to ${d.addressee ?? '(nobody)'}${r?.contractId ? ` under contract ${r.contractId}` : ''}`;
    case 'suppress':
      return `suppressed${by}`;
    case 'refuse':
      return `refused${by}`;
    default:
      return String(d.action);
  }
}

/**
 * Whether today's decision delivers differently from the journaled one: another action, or routed
 * to another addressee. Needs only the action and addressee of the journaled decision.
 */
export function decisionChanged(was: { readonly action: string; readonly addressee?: string | null } | null, now: Decision): boolean {
  return !was || was.action !== now.action || (now.action === 'route' && (was.addressee ?? undefined) !== now.addressee);
}

/** The report's transition key, e.g. 'suppress→route' ('none→…' when nothing was decided before). */
export function transitionOf(was: { readonly action: string } | null, now: Decision): string {
  return `${was?.action ?? 'none'}→${now.action}`;
}

export function compareDecisions(was: Decision | null, now: Decision): DecisionChange {
  const changed = decisionChanged(was, now);
  const transition = transitionOf(was, now);
  if (!changed)
    return {
      changed,
      transition,
      get text() {
        return `unchanged: ${describeDecision(now)}`;
      },
    };
  const because = mainReason(now)?.text;
  return { changed, transition, text: `was ${describeDecision(was)}, now ${describeDecision(now)}${because ? ` because ${because}` : ''}` };
}
