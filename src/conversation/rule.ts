/**
 * A conversation rule as data: a small inspectable object per technische regel of niveau
 * "berichtoverstijgend" or "externe bron" — its id and retourcode, the berichten and class it marks,
 * the state questions it asks, and a pure predicate over (summary, state, today) → findings.
 * docs/rules-coverage.md is generated from these objects (scripts/gen-rules-coverage.ts).
 */
import type { ConversationFinding } from '../decision/decision.js';
import type { BerichtNummer } from '../standard/model.js';
import type { BronNodigCode, ExterneBronnen } from './bronnen.js';
import type { ConversationState, ConversationSummary, Question } from './types.js';

/** Where a rule's state comes from (the rule table's niveau). */
export const Bron = {
  /** Earlier berichten between the same parties: Sluis derives it from its journal. */
  berichtoverstijgend: 'berichtoverstijgend',
  /** A source outside the berichten (the clock, the CBS list, the contract). */
  externeBron: 'externe bron',
} as const;
export type BronCode = (typeof Bron)[keyof typeof Bron];

export interface RuleContext {
  /** YYYY-MM-DD in Europe/Amsterdam (src/app/clock.ts). */
  readonly today: string;
  /** The external sources at hand (absent ones make the rules that need them not assessed). */
  readonly bronnen?: ExterneBronnen;
}

/** One failure of one rule on one class instance. */
export type { ConversationFinding };

export interface ConversationRule {
  /** The technische regel, e.g. `TR019`. */
  readonly id: string;
  /** The retourcode the standard prescribes when it fails, e.g. `9019`. */
  readonly retourCode: string;
  readonly bron: BronCode;
  /** The berichten it applies to (both standards: iJw and iWmo carry the same classes). */
  readonly berichten: readonly BerichtNummer[];
  /** The class it marks, from the Bericht root (e.g. `Client/StartProducten/StartProduct`). */
  readonly klasse: string;
  /** The rule's definitie, as our reading encodes it. */
  readonly lezing: string;
  /** What Sluis cannot know for this rule (OP095): why a finding is advice, not proof. */
  readonly grenzen: string;
  /** The external source without which the rule cannot be assessed at all (it is then listed as not assessed). */
  readonly nodig?: BronNodigCode;
  /** The state questions the predicate will ask for this summary (the pipeline prefetches them). */
  readonly vragen: (s: ConversationSummary) => readonly Question[];
  readonly check: (s: ConversationSummary, state: ConversationState, ctx: RuleContext) => readonly ConversationFinding[];
}

/** A rule object, typed (the identity: the table reads as data). */
export function conversationRule(r: ConversationRule): ConversationRule {
  return r;
}

/** The path of the Client element an item belongs to (`/Bericht/Client`, `…/Clienten/Client[2]`). */
export function clientPath(itemPath: string): string | undefined {
  const m = /^(.*\/Client(?:\[\d+\])?)\//.exec(itemPath);
  return m?.[1];
}
