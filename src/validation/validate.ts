/**
 * validateBericht: L1 (schema) and L2 (in-message rules) in one streaming pass. The L2 runner
 * listens to completed classes; its findings only count when L1 passed, as the standard orders the
 * levels (FACTS §8: an XSD failure gets no retourbericht, so L2 is never reported on top of it).
 */
import type { MessageDef } from '../standard/model.js';
import type { ValidationIssue } from './issues.js';
import { StreamingEngine, decodeUtf8, type EngineResult } from './engine.js';
import { createL2Runner, type L2Runner } from './l2/index.js';

export interface ValidationOutcome {
  readonly message?: MessageDef;
  /** L1 and L2 both passed. */
  readonly valid: boolean;
  readonly l1Valid: boolean;
  readonly issues: readonly ValidationIssue[];
  /** The typed object (absent when L1 failed, and for detached classes). */
  readonly bericht?: Record<string, unknown>;
}

export interface ValidateOptions {
  /** Today's date, YYYY-MM-DD: the clock is passed in so validation is deterministic. */
  readonly today: string;
  /** Element names not kept in the typed object (e.g. 'Client' for a 25 MB 323). */
  readonly detach?: ReadonlySet<string>;
}

/** A validator that accepts chunks; for streaming large files or bodies. */
export class BerichtValidator {
  private readonly engine: StreamingEngine;
  private l2: L2Runner | undefined;

  constructor(opts: ValidateOptions) {
    this.engine = new StreamingEngine({
      ...(opts.detach ? { detach: opts.detach } : {}),
      onIdentify: (m) => {
        this.l2 = createL2Runner(m, { today: opts.today });
      },
      onComplete: (ev) => this.l2?.onComplete(ev),
    });
  }

  write(chunk: string): this {
    this.engine.write(chunk);
    return this;
  }

  close(): ValidationOutcome {
    return finish(this.engine.close(), this.l2);
  }
}

function finish(r: EngineResult, l2: L2Runner | undefined): ValidationOutcome {
  const l1Valid = r.issues.length === 0 && r.wellFormed && r.message !== undefined;
  const l2Issues = l1Valid && l2 ? l2.finish() : [];
  // Every field always, in one order: one hidden class for every outcome (spreads made several).
  return {
    message: r.message,
    valid: l1Valid && l2Issues.length === 0,
    l1Valid,
    issues: l1Valid ? l2Issues : r.issues,
    bericht: l1Valid ? r.root : undefined,
  };
}

export function validateBericht(input: string | Uint8Array, opts: ValidateOptions): ValidationOutcome {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeUtf8(input);
    if ('issue' in d) return { valid: false, l1Valid: false, issues: [d.issue] };
    text = d.text;
  }
  return new BerichtValidator(opts).write(text).close();
}
