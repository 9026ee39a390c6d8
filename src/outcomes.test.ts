import { describe, expect, it } from 'vitest';
import { ProblemType, l1ProblemKind } from './outcomes.js';
import type { ValidationIssue } from './validation/issues.js';

const issue = (code: string, path = '/'): ValidationIssue => ({ level: 'L1', code, path, message: 'x' });

describe('problem types', () => {
  it('are unique URNs with a 4xx/5xx status', () => {
    const types = Object.values(ProblemType).map((p) => p.type);
    expect(new Set(types).size).toBe(types.length);
    for (const p of Object.values(ProblemType)) {
      expect(p.type).toMatch(/^urn:sluis:problem:[a-z-]+$/);
      expect(p.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('map L1 issues to the most fundamental problem', () => {
    expect(l1ProblemKind([issue('doctype-forbidden')])).toBe(ProblemType.DOCTYPE_FORBIDDEN);
    expect(l1ProblemKind([issue('encoding')])).toBe(ProblemType.ENCODING);
    expect(l1ProblemKind([issue('malformed-xml')])).toBe(ProblemType.MALFORMED_XML);
    expect(l1ProblemKind([issue('unknown-namespace')])).toBe(ProblemType.UNKNOWN_NAMESPACE);
    expect(l1ProblemKind([issue('wrong-root')])).toBe(ProblemType.UNKNOWN_NAMESPACE);
    expect(l1ProblemKind([issue('pattern', '/Bericht/Header/BerichtCode')])).toBe(ProblemType.UNKNOWN_BERICHT_CODE);
    expect(l1ProblemKind([issue('pattern', '/Bericht/Header/BerichtSubversie')])).toBe(ProblemType.WRONG_VERSION);
    expect(l1ProblemKind([issue('pattern', '/Bericht/Client/Bsn')])).toBe(ProblemType.SCHEMA_INVALID);
  });
});
