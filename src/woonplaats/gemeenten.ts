/**
 * The CBS gemeente list with herindelingen: which codes exist on a date (TR378 → S300) and which
 * gemeente an old code is today. Pure: the CSV text is read by `load.ts` and parsed here.
 */
import type { Herindeling } from './herindelingen.js';

export interface CbsGemeente {
  readonly code: string;
  readonly naam: string;
  readonly provincie: string;
  readonly jeugdzorgregio: string;
}

export class GemeenteListError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'GemeenteListError';
  }
}

/** Split one CSV line (RFC 4180 quoting: "Nuenen, Gerwen en Nederwetten"; "" is a quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parse `gemeentecode,gemeentenaam,provincie,jeugdzorgregio` (header line first). */
export function parseCbsCsv(text: string): CbsGemeente[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'gemeentecode,gemeentenaam,provincie,jeugdzorgregio') {
    throw new GemeenteListError(1, `unexpected header '${header ?? ''}'`);
  }
  const out: CbsGemeente[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const parts = splitCsvLine(line);
    if (parts.length !== 4 || !/^\d{4}$/.test(parts[0]!)) throw new GemeenteListError(i + 1, 'expected 4 fields and a 4-digit code');
    out.push({ code: parts[0]!, naam: parts[1]!, provincie: parts[2]!, jeugdzorgregio: parts[3]! });
  }
  return out;
}

export interface GemeenteRegister {
  /** Exists on `datum`: a current code (from its herindeling date, if it was created by one), or an old code before its herindeling. */
  geldigOp(code: string, datum: string): boolean;
  /** Today's code for a code (follows herindelingen; identity for current codes); undefined when unknown. */
  actueel(code: string): string | undefined;
  gemeente(code: string): CbsGemeente | undefined;
  /** The herindeling that ended `code`, if any. */
  opgeheven(code: string): Herindeling | undefined;
  readonly size: number;
}

export function createGemeenteRegister(gemeenten: readonly CbsGemeente[], herindelingen: readonly Herindeling[]): GemeenteRegister {
  const byCode = new Map(gemeenten.map((g) => [g.code, g]));
  const endedBy = new Map<string, Herindeling>();
  const createdOn = new Map<string, string>();
  for (const h of herindelingen) {
    for (const o of h.oud) endedBy.set(o.code, h);
    if (h.soort === 'nieuw') createdOn.set(h.nieuw, h.datum);
  }
  const actueel = (code: string): string | undefined => {
    let cur = code;
    for (let guard = 0; guard < 10; guard++) {
      if (byCode.has(cur) && !endedBy.has(cur)) return cur;
      const h = endedBy.get(cur);
      if (!h) return undefined;
      cur = h.nieuw;
    }
    return undefined;
  };
  return {
    size: byCode.size,
    geldigOp(code, datum) {
      const ended = endedBy.get(code);
      if (ended) return datum < ended.datum;
      if (!byCode.has(code)) return false;
      const from = createdOn.get(code);
      return from === undefined || datum >= from;
    },
    actueel,
    gemeente: (code) => byCode.get(code),
    opgeheven: (code) => endedBy.get(code),
  };
}
