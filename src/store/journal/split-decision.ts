/**
 * A decision of the core carries the summary it was taken on (`decision.summary`); the journal keeps
 * that in `decision_summary` and the rest in `decision`. Other decisions (no summary) go in whole.
 */
export function splitDecision(decision: unknown): { decision: unknown; summary: unknown } {
  if (decision === null || typeof decision !== 'object' || !('summary' in decision)) return { decision, summary: undefined };
  const { summary, ...rest } = decision as { summary: unknown };
  return { decision: rest, summary };
}
