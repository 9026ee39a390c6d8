/**
 * The conversation rules against a model of legal conversations (test/conversation/model.ts),
 * through the running gateway on PGlite with an injected clock:
 *
 * 1. every generated conversation — a fresh client per run, many runs on one gateway — is accepted
 *    bericht by bericht (L1/L2 valid, routed) and gets no conversation finding from whatever
 *    CONVERSATION_RULES holds;
 * 2. targeted mutations of a legal conversation get the finding of the rule they break. The table
 *    (mutations.ts) names rule and retourcode per row; rows for rules not (yet) in CONVERSATION_RULES
 *    only prove their berichten are L1/L2-valid and routed.
 *
 * A failure names the bericht and what Sluis answered; fast-check shrinks the model to a minimal
 * conversation (each re-run a fresh client). The run count and time are printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_RULES } from '../../src/conversation/rules.js';
import { KEYS, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';
import { compile, freshIdentificatie, modelArb, NOW, type Model, type Step } from './model.js';
import { MUTATIONS } from './mutations.js';

/** 1,000 by default; SLUIS_PROPERTY_RUNS overrides it for a quick local loop. */
const RUNS = Number(process.env.SLUIS_PROPERTY_RUNS ?? 1000);
/**
 * Conversations per gateway: every 100 runs the test starts a fresh embedded store. On PGlite a
 * bericht's cost grows with the journal (11 ms per bericht at ~850 journaled, 21 ms on average at
 * ~3,600: a state question without a usable index there), which made 1,000 runs on one store take
 * ~15 minutes; 100 conversations still share the two test pairs, numbers and clients' scopes.
 */
const RUNS_PER_GATEWAY = 100;

const KEY: Record<string, string> = {
  '0384': KEYS.gemeente0384,
  '0363': KEYS.gemeente0363,
  '42420001': KEYS.aanbieder42420001,
  '65656055': KEYS.aanbieder65656055,
};

interface Posted {
  readonly step: Step;
  readonly body: Json;
}

/** What went wrong with one bericht that should have been accepted and routed, or undefined. */
function notAccepted(status: number, text: string, body: Json): string | undefined {
  if (status !== 202) return `HTTP ${status}: ${text.slice(0, 600)}`;
  if (body.status !== 'klaargezet' || body.decision?.action !== 'route')
    return `status ${body.status}, action ${body.decision?.action}: ${JSON.stringify(body.issues ?? body.decision?.reasons).slice(0, 1500)}`;
  return undefined;
}

const findingsOf = (body: Json): { rule: string; retourCode: string; text: string }[] =>
  (body.decision?.reasons ?? []).filter((r: { advies?: boolean }) => r.advies === true);

/**
 * Rules whose state is the whole gemeente–aanbieder pair's timeline, not one client's. The model runs
 * 1,000 independent conversations, each with its own months, on the two test pairs, so a pair's
 * DeclaratiePerioden jump back and forth between runs — which no real aanbieder's stream does. These
 * rules are held to their scenarios (test/conversation/declaratie.int.test.ts) and mutation rows here.
 */
const PAIR_TIMELINE_RULES: ReadonlySet<string> = new Set(['TR318']);
const clientFindings = (body: Json): { rule: string; retourCode: string; text: string }[] =>
  findingsOf(body).filter((f) => !PAIR_TIMELINE_RULES.has(f.rule));

async function send(gw: Gateway, step: Step): Promise<Posted & { problem?: string }> {
  const r = await post(gw, step.render(freshIdentificatie()), KEY[step.afzender]!);
  const body = r.status === 202 ? r.json() : undefined;
  const problem = step.afgekeurd
    ? body?.status === 'afgekeurd' && body.issues.every((i: { level: string }) => i.level === 'L2')
      ? undefined
      : `meant to be afgekeurd (L2), got HTTP ${r.status} ${r.text.slice(0, 600)}`
    : notAccepted(r.status, r.text, body);
  return { step, body, ...(problem !== undefined ? { problem } : {}) };
}

const where = (steps: readonly Step[], i: number): string =>
  `bericht ${i + 1}/${steps.length} (${steps[i]!.nummer} ${steps[i]!.label}, ${steps[i]!.dagtekening})`;

const ENCODED = new Set(CONVERSATION_RULES.map((r) => r.id));
/** The rows whose rule is encoded: a row for a rule still to come is data, not a skipped test. */
const ACTIVE = MUTATIONS.filter((m) => ENCODED.has(m.rule));
const WAITING = MUTATIONS.filter((m) => !ENCODED.has(m.rule));

// ---- the tests ------------------------------------------------------------------------------------------

describe('the conversation rules against generated legal conversations (PGlite, advise)', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite', { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it(`${RUNS} legal conversations: every bericht accepted and routed, no conversation finding`, async () => {
    let berichten = 0;
    let runs = 0;
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(modelArb, async (m: Model) => {
        if (++runs % RUNS_PER_GATEWAY === 0) {
          await gw.close();
          gw = await startGateway('pglite', { clock: () => NOW });
        }
        const steps = compile(m);
        for (let i = 0; i < steps.length; i++) {
          const r = await send(gw, steps[i]!);
          berichten++;
          if (r.problem) throw new Error(`${where(steps, i)} not accepted: ${r.problem}`);
          if (steps[i]!.afgekeurd) continue;
          const f = clientFindings(r.body);
          if (f.length > 0)
            throw new Error(
              `${where(steps, i)}: conversation findings ${JSON.stringify(f.map((x) => `${x.rule}/${x.retourCode}: ${x.text}`))}`,
            );
        }
      }),
      { numRuns: RUNS },
    );
    const ms = performance.now() - t0;
    console.info(
      `property: ${RUNS} conversations, ${berichten} berichten in ${(ms / 1000).toFixed(1)} s (${(ms / berichten).toFixed(1)} ms per bericht)`,
    );
    expect(berichten).toBeGreaterThanOrEqual(RUNS * 4);
    // ~70–150 s on a 2-core VM; generous, as the whole suite shares the cores.
  }, 900_000);

  it('the mutation table names encoded rules with their retourcodes; unencoded rows drop out by data', () => {
    for (const row of ACTIVE) expect(row.retourCode, row.rule).toBe(CONVERSATION_RULES.find((r) => r.id === row.rule)!.retourCode);
    expect(ACTIVE.length).toBeGreaterThan(0);
  });

  // A row waiting for its rule still proves its mutation is a conversation error only: every bericht
  // up to the target is L1/L2-valid and routed.
  it.each(WAITING)(
    '$rule ($retourCode, not encoded yet): $mutation is L1/L2-valid and routed',
    async (row) => {
      await fc.assert(
        fc.asyncProperty(modelArb, async (m) => {
          const mutated = row.apply(compile(m));
          fc.pre(mutated !== undefined);
          const { steps, target } = mutated!;
          for (let i = 0; i <= target; i++) {
            const r = await send(gw, steps[i]!);
            if (r.problem) throw new Error(`${where(steps, i)} not accepted: ${r.problem}`);
          }
        }),
        { numRuns: 5 },
      );
    },
    120_000,
  );

  it.each(ACTIVE)(
    '$rule ($retourCode): $mutation',
    async (row) => {
      await fc.assert(
        fc.asyncProperty(modelArb, async (m) => {
          const mutated = row.apply(compile(m));
          fc.pre(mutated !== undefined);
          const { steps, target } = mutated!;
          for (let i = 0; i <= target; i++) {
            const r = await send(gw, steps[i]!);
            if (r.problem) throw new Error(`${where(steps, i)} not accepted: ${r.problem}`);
            if (i < target) continue;
            const mine = findingsOf(r.body).filter((f) => f.rule === row.rule);
            if (mine.length === 0)
              throw new Error(`${where(steps, i)}: no ${row.rule} finding (got ${JSON.stringify(findingsOf(r.body))})`);
            for (const f of mine) expect(f.retourCode).toBe(row.retourCode);
            expect(r.body.decision.tags).toContain('conversatie');
          }
        }),
        { numRuns: 15 },
      );
    },
    120_000,
  );
});
