import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGemeenteRegister, GemeenteListError, parseCbsCsv } from './gemeenten.js';
import { HERINDELINGEN } from './herindelingen.js';
import { cbsListPath, sharedDir } from './load.js';

const csv = readFileSync(cbsListPath(sharedDir(process.env, `${import.meta.dirname}/../..`)), 'utf8');
const gemeenten = parseCbsCsv(csv);
const reg = createGemeenteRegister(gemeenten, HERINDELINGEN);

describe('CBS gemeente list with herindelingen', () => {
  it('reads the 2026 list', () => {
    expect(gemeenten).toHaveLength(342);
    expect(reg.gemeente('0344')).toMatchObject({ naam: 'Utrecht', jeugdzorgregio: 'Utrecht stad' });
    expect(reg.gemeente('0820')?.naam).toBe('Nuenen, Gerwen en Nederwetten');
  });

  it('agrees with the list: every new code is in it, no old code is', () => {
    for (const h of HERINDELINGEN) {
      expect(reg.gemeente(h.nieuw)?.naam, h.nieuw).toBe(h.nieuweNaam);
      for (const o of h.oud) expect(reg.gemeente(o.code), o.code).toBeUndefined();
    }
  });

  it('accepts an old code on a date before its herindeling only (TR378)', () => {
    expect(reg.geldigOp('0003', '2020-12-31')).toBe(true);
    expect(reg.geldigOp('0003', '2021-01-01')).toBe(false);
    expect(reg.geldigOp('1979', '2020-12-31')).toBe(false);
    expect(reg.geldigOp('1979', '2021-01-01')).toBe(true);
    expect(reg.geldigOp('0457', '2022-03-23')).toBe(true);
    expect(reg.geldigOp('0457', '2022-03-24')).toBe(false);
    // Amsterdam and Purmerend absorbed others and kept their codes.
    expect(reg.geldigOp('0363', '2020-01-01')).toBe(true);
    expect(reg.geldigOp('0439', '2021-06-01')).toBe(true);
    expect(reg.geldigOp('9999', '2026-01-01')).toBe(false);
  });

  it("maps an old code to today's gemeente", () => {
    expect(reg.actueel('0003')).toBe('1979');
    expect(reg.actueel('0457')).toBe('0363');
    expect(reg.actueel('0344')).toBe('0344');
    expect(reg.actueel('9999')).toBeUndefined();
    expect(reg.opgeheven('0416')?.nieuweNaam).toBe('Dijk en Waard');
  });

  it('rejects a malformed list with the line number', () => {
    expect(() => parseCbsCsv('code,naam\n')).toThrow(GemeenteListError);
    expect(() => parseCbsCsv('gemeentecode,gemeentenaam,provincie,jeugdzorgregio\n0014,Groningen,Groningen,Groningen\n14,X,Y,Z\n')).toThrow(
      /line 3/,
    );
  });
});
