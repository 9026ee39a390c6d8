import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { xsdPath } from '../../test/support/paths.js';
import { xmllintValidate } from '../../test/support/xmllint.js';
import { parseBericht } from '../validation/parse.js';
import { parseRetourArgs } from './retour.js';
import { todayInNl } from './validate.js';

/** `sluis …` in process, from the repository root. */
const sluis = (...args: string[]): ReturnType<typeof runCli> => runCli(args);

type Obj = Record<string, unknown>;

async function expectXsdValid(xml: string, id: 'JW302' | 'WMO302' | 'JW316' | 'WMO306' | 'JW325' | 'WMO325'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-retour-cli-'));
  const f = join(dir, `${id}.xml`);
  writeFileSync(f, xml);
  const [v] = await xmllintValidate(xsdPath(id), [f]);
  expect(v?.valid, v?.errors.join('\n')).toBe(true);
}

describe('sluis retour', () => {
  it('a valid 301 gets a header-only 302 with no RetourCodes, dated today', async () => {
    const r = await sluis('retour', 'samples/ijw/JW301.xml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = parseBericht(r.stdout);
    expect(p.success).toBe(true);
    if (!p.success) return;
    expect(p.message.id).toBe('JW302');
    const h = p.bericht['Header'] as Obj;
    expect(h['BerichtCode']).toBe('437');
    expect(h['Afzender']).toBe('0363');
    expect(h['BerichtIdentificatie']).toEqual({ Identificatie: 'AMS301000017', Dagtekening: '2026-11-02' });
    expect(h['DagtekeningRetour']).toBe(todayInNl());
    expect(h['IdentificatieRetour']).toMatch(/^R[0-9a-f]{11}$/);
    expect(h['RetourCodes']).toBeUndefined();
    expect(Object.keys(p.bericht)).toEqual(['Header']);
    await expectXsdValid(r.stdout, 'JW302');
  });

  it('an L2 failure gets a header with 0001; --identificatie-retour is used', async () => {
    const r = await sluis('retour', '--identificatie-retour', 'RET-0001', 'samples/invalid/L2-CS002-bsn-elfproef.xml');
    expect(r.code).toBe(0);
    const p = parseBericht(r.stdout);
    if (!p.success) throw new Error(JSON.stringify(p.issues));
    expect(p.message.id).toBe('JW306');
    const h = p.bericht['Header'] as Obj;
    expect(h['IdentificatieRetour']).toBe('RET-0001');
    expect(h['RetourCodes']).toEqual({ RetourCode: ['0001'] });
    expect(p.bericht['Client']).toBeUndefined();
  });

  it('an L1 failure gets no retour: errors on stderr, exit 1', async () => {
    const r = await sluis('retour', 'samples/invalid/L1-element-order.xml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no retourbericht');
    expect(r.stderr).toMatch(/L1 (unexpected-element|missing-element) \/Bericht\/Client\/Geboortedatum/);
  });

  it('a 323 is answered by a 325, not by a retour: exit 2', async () => {
    const r = await sluis('retour', 'samples/iwmo/WMO323.xml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('WMO325');
  });

  it('an L2-invalid 323 gets its 325 with RetourCode 0001 (IV087), valid against the 325 XSD', async () => {
    const r = await sluis('retour', '--identificatie-retour', 'R325-CLI', 'samples/invalid/L2-TR358-totaalbedrag.xml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = parseBericht(r.stdout);
    if (!p.success) throw new Error(JSON.stringify(p.issues));
    expect(p.message.nummer).toBe('325');
    const h = p.bericht['Header'] as Obj;
    expect(h['BerichtIdentificatie']).toEqual({ Identificatie: 'R325-CLI', Dagtekening: todayInNl() });
    expect(h['RetourCodes']).toEqual({ RetourCode: ['0001'] });
    expect(p.bericht['DeclaratieAntwoord']).toBeUndefined();
    await expectXsdValid(r.stdout, p.message.id as 'JW325');
  });

  it('a retour itself gets no retour; usage errors exit 2', async () => {
    expect((await sluis('retour', 'samples/ijw/JW302.xml')).code).toBe(2);
    const none = await sluis('retour');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no file given');
    expect((await sluis('retour', 'samples/ijw/nope.xml')).code).toBe(2);
    const badId = await sluis('retour', '--identificatie-retour', '1234567890123', 'samples/ijw/JW301.xml');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('bad-identificatie');
  });
});

describe('retour argument handling', () => {
  it('parses', () => {
    expect(parseRetourArgs(['a.xml'])).toEqual({ help: false, file: 'a.xml' });
    expect(parseRetourArgs(['--identificatie-retour=X1', 'a.xml'])).toEqual({ help: false, file: 'a.xml', identificatieRetour: 'X1' });
    expect(parseRetourArgs(['a.xml', 'b.xml']).error).toBe('give exactly one file');
    expect(parseRetourArgs(['--identificatie-retour']).error).toBe('--identificatie-retour needs a value');
    expect(parseRetourArgs(['--x', 'a.xml']).error).toBe("unknown option '--x'");
  });
});
