/**
 * Postcode → gemeente. Not part of iJw/iWmo (FACTS §12.2): the standard assumes the gemeente knows the
 * BRP. Sluis uses it as one weak source among others. The interface lets a deployment plug in a full
 * table (e.g. a CBS "postcode-huisnummer-gemeente" extract); the implementation here is a small
 * range table on the 4-digit part of the postcode (PC4).
 *
 * A PC4 area can straddle a gemeente border, so a hit is never more than `midden` certain.
 */

export interface PostcodeGemeente {
  readonly gemeente: string;
  readonly zekerheid: 'midden' | 'laag';
}

export interface PostcodeTabel {
  /** The gemeente for a Dutch postcode (`1234 AB`, `1234AB`, `1234`), or undefined. */
  gemeenteVoor(postcode: string): PostcodeGemeente | undefined;
}

export interface PostcodeRange {
  /** First PC4, inclusive. */
  readonly van: number;
  /** Last PC4, inclusive. */
  readonly tot: number;
  readonly gemeente: string;
  /** PC4 ranges known to cross a gemeente border. */
  readonly grensoverschrijdend?: boolean;
}

export class PostcodeTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostcodeTableError';
  }
}

const PC = /^([1-9]\d{3})\s?([A-Za-z]{2})?$/;

export function pc4(postcode: string): number | undefined {
  const m = PC.exec(postcode.trim());
  return m?.[1] ? Number(m[1]) : undefined;
}

/** A range table. Overlapping ranges are an error: they would make the answer depend on order. */
export function createPostcodeTabel(ranges: readonly PostcodeRange[]): PostcodeTabel {
  const sorted = [...ranges].sort((a, b) => a.van - b.van);
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    if (!(Number.isInteger(r.van) && Number.isInteger(r.tot) && r.van >= 1000 && r.tot <= 9999 && r.van <= r.tot)) {
      throw new PostcodeTableError(`invalid range ${r.van}-${r.tot}`);
    }
    if (!/^\d{4}$/.test(r.gemeente)) throw new PostcodeTableError(`invalid gemeentecode '${r.gemeente}' for ${r.van}-${r.tot}`);
    const prev = sorted[i - 1];
    if (prev && prev.tot >= r.van) throw new PostcodeTableError(`ranges ${prev.van}-${prev.tot} and ${r.van}-${r.tot} overlap`);
  }
  return {
    gemeenteVoor(postcode) {
      const n = pc4(postcode);
      if (n === undefined) return undefined;
      // Binary search: a full PC4 table has ~4,000 rows.
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const r = sorted[mid]!;
        if (n < r.van) hi = mid - 1;
        else if (n > r.tot) lo = mid + 1;
        else return { gemeente: r.gemeente, zekerheid: r.grensoverschrijdend ? 'laag' : 'midden' };
      }
      return undefined;
    },
  };
}

/** Parse `van,tot,gemeente[,grens]` lines (header `van,tot,gemeente` optional). */
export function parsePostcodeCsv(text: string): PostcodeRange[] {
  const out: PostcodeRange[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || (i === 0 && line.startsWith('van,'))) return;
    const [van, tot, gemeente, grens] = line.split(',');
    const r = { van: Number(van), tot: Number(tot), gemeente: gemeente ?? '', ...(grens === 'grens' ? { grensoverschrijdend: true } : {}) };
    if (!Number.isInteger(r.van) || !Number.isInteger(r.tot)) throw new PostcodeTableError(`line ${i + 1}: expected van,tot,gemeente`);
    out.push(r);
  });
  return out;
}
