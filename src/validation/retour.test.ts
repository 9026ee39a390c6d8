import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heenBerichten } from '../../scripts/gen-samples.js';
import { validInstance } from '../../test/support/arbitraries.js';
import { createRng } from '../../test/support/rng.js';
import { xmllintValidate } from '../../test/support/xmllint.js';
import { xsdPath } from '../../test/support/paths.js';
import { MESSAGES } from '../standard/generated/model.js';
import { STANDARDS, type MessageDef, type Standard } from '../standard/model.js';
import { parseBericht } from './parse.js';
import { validateBericht } from './validate.js';
import type { ValidationIssue } from './issues.js';
import { RetourError, RetourErrorCode, buildRetour, deriveIdentificatieRetour, retourMessageFor } from './retour.js';

const TODAY = '2026-11-23';
const HEEN_NUMMERS = ['301', '305', '307', '315', '317', '319'] as const;
type HeenNummer = (typeof HEEN_NUMMERS)[number];

function msg(std: Standard, nummer: string): MessageDef {
  return MESSAGES[std === 'ijw' ? (`JW${nummer}` as 'JW301') : (`WMO${nummer}` as 'WMO301')];
}

function heen(std: Standard, nummer: HeenNummer): { message: MessageDef; bericht: Record<string, unknown> } {
  const bericht = heenBerichten(std)[nummer];
  if (!bericht) throw new Error(`no sample heenbericht ${std} ${nummer}`);
  return { message: msg(std, nummer), bericht };
}

const l2 = (path: string, rule: string): ValidationIssue => ({ level: 'L2', path, code: rule, rule, retourCode: '0001', message: 'test' });
const l3 = (path: string, rule: string, retourCode?: string): ValidationIssue => ({
  level: 'L3',
  path,
  code: rule,
  rule,
  ...(retourCode ? { retourCode } : {}),
  message: 'test',
});

/** The deepest class of each heenbericht in our samples: a class failure there. */
const CLASS_ISSUE: Record<HeenNummer, ValidationIssue> = {
  '301': l3('/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer', 'TR332', '9332'),
  '305': l3('/Bericht/Client/StartProducten/StartProduct[2]', 'TR326', '9326'),
  '307': l3('/Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging', 'TR382', '9069'),
  '315': l3('/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ReferentieAanbieder', 'TR347', '9347'),
  '317': l3('/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]/ToewijzingNummer', 'TR351', '9351'),
  '319': l3('/Bericht/Antwoord/ReferentieAanbieder', 'TR355', '9355'),
};

const CASES = {
  approved: (): ValidationIssue[] => [],
  l2: (): ValidationIssue[] => [l2('/Bericht/Client/Bsn', 'CS002')],
  l3Header: (): ValidationIssue[] => [l3('/Bericht/Header/BerichtIdentificatie/Identificatie', 'TR056', '9056')],
  l3Class: (n: HeenNummer): ValidationIssue[] => [CLASS_ISSUE[n]],
} as const;
type CaseName = keyof typeof CASES;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Obj;
};
const codes = (node: unknown): unknown => obj(obj(node)['RetourCodes'])['RetourCode'];

describe('buildRetour: every retour validates against the published XSD (xmllint)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-retour-'));
  const files = new Map<string, { file: string; label: string }[]>();

  for (const std of STANDARDS) {
    for (const nummer of HEEN_NUMMERS) {
      for (const c of Object.keys(CASES) as CaseName[]) {
        const h = heen(std, nummer);
        const r = buildRetour(h, { issues: CASES[c](nummer) }, { identificatieRetour: 'R-TEST-01', today: TODAY });
        const file = join(dir, `${r.message.id}-${c}.xml`);
        writeFileSync(file, r.xml);
        const list = files.get(r.message.id) ?? [];
        list.push({ file, label: `${h.message.id} ${c}` });
        files.set(r.message.id, list);
      }
    }
  }

  it('builds 4 cases × 6 heenberichten × 2 standards = 48 retours', () => {
    expect([...files.values()].flat()).toHaveLength(48);
    expect(files.size).toBe(12);
  });

  for (const std of STANDARDS) {
    it(`${std}: all retours pass xmllint --schema`, async () => {
      for (const [id, list] of files) {
        if (MESSAGES[id as 'JW302'].standard !== std) continue;
        const verdicts = await xmllintValidate(
          xsdPath(MESSAGES[id as 'JW302']),
          list.map((f) => f.file),
        );
        const failures = verdicts.filter((v) => !v.valid).map((v) => v.errors.join('\n'));
        expect(failures, `${id}`).toEqual([]);
      }
    });
  }
});

describe('buildRetour: header', () => {
  for (const std of STANDARDS) {
    for (const nummer of HEEN_NUMMERS) {
      it(`${std} ${nummer}: copies the heen header and adds the retour fields`, () => {
        const h = heen(std, nummer);
        const r = buildRetour(h, { issues: [] }, { identificatieRetour: 'RET000000001', today: TODAY });
        const retour = retourMessageFor(h.message)!;
        expect(r.message).toBe(retour);
        const hh = obj(h.bericht['Header']);
        const rh = obj(r.bericht['Header']);
        expect(rh['BerichtCode']).toBe(retour.berichtCode);
        expect(rh['BerichtCode']).not.toBe(hh['BerichtCode']);
        for (const k of ['BerichtVersie', 'BerichtSubversie', 'Afzender', 'Ontvanger', 'BerichtIdentificatie', 'XsdVersie']) {
          expect(rh[k], k).toEqual(hh[k]);
        }
        expect(rh['IdentificatieRetour']).toBe('RET000000001');
        expect(rh['DagtekeningRetour']).toBe(TODAY);
        expect(rh['XsdVersieRetour']).toEqual({
          BasisschemaXsdVersie: retour.xsdVersie.basisschema,
          BerichtXsdVersie: retour.xsdVersie.bericht,
        });
        expect(rh['XsltVersie']).toBeUndefined();
        // Fully approved: header only, no RetourCodes (FACTS §8.3).
        expect(rh['RetourCodes']).toBeUndefined();
        expect(Object.keys(r.bericht)).toEqual(['Header']);
        expect(r.kind).toBe('goedgekeurd');
      });
    }
  }

  it('the Afzender of a 302 is still the gemeente that sent the 301', () => {
    const r = buildRetour(heen('ijw', '301'), { issues: [] }, { today: TODAY });
    expect(obj(r.bericht['Header'])['Afzender']).toBe('0363');
    expect(r.xml).toContain('<jw302:Afzender>0363</jw302:Afzender>');
  });
});

describe('buildRetour: the §8 cases', () => {
  it('L2 failure: header only with 0001', () => {
    const r = buildRetour(heen('iwmo', '301'), { issues: CASES.l2() }, { today: TODAY });
    expect(r.kind).toBe('technisch-afgekeurd');
    expect(Object.keys(r.bericht)).toEqual(['Header']);
    expect(codes(r.bericht['Header'])).toEqual(['0001']);
  });

  it('L2 wins over L3: the stateful checks are not reached when an in-message rule failed', () => {
    const r = buildRetour(heen('ijw', '301'), { issues: [...CASES.l3Class('301'), ...CASES.l2()] }, { today: TODAY });
    expect(codes(r.bericht['Header'])).toEqual(['0001']);
    expect(r.bericht['Client']).toBeUndefined();
  });

  it('L3 header failure: header only with the rule codes, also when the body has errors too', () => {
    const issues = [...CASES.l3Header(), l3('/Bericht/Header/BerichtIdentificatie/Dagtekening', 'TR135', '8848'), ...CASES.l3Class('305')];
    const r = buildRetour(heen('ijw', '305'), { issues }, { today: TODAY });
    expect(r.kind).toBe('header-afgekeurd');
    expect(Object.keys(r.bericht)).toEqual(['Header']);
    expect(codes(r.bericht['Header'])).toEqual(['9056', '8848']);
  });

  it('an issue on the message as a whole (/Bericht) counts as a header error', () => {
    const r = buildRetour(heen('ijw', '305'), { issues: [l3('/Bericht', 'TR056', '9056')] }, { today: TODAY });
    expect(codes(r.bericht['Header'])).toEqual(['9056']);
  });

  it('L3 class failure (301): the Client with ALL classes, 0200 where nothing is wrong', () => {
    const h = heen('ijw', '301');
    const r = buildRetour(h, { issues: CASES.l3Class('301') }, { today: TODAY });
    expect(r.kind).toBe('klassen-afgekeurd');
    expect(codes(r.bericht['Header'])).toEqual(['0200']);
    const client = obj(r.bericht['Client']);
    expect(codes(client)).toEqual(['0200']);
    const relatie = obj((obj(client['Relaties'])['Relatie'] as unknown[])[0]);
    expect(codes(relatie)).toEqual(['0200']);
    expect(codes(relatie['Contact'])).toEqual(['0200']);
    const contacts = obj(client['Contactgegevens'])['Contact'] as unknown[];
    expect(contacts.map(codes)).toEqual([['0200']]);
    const tps = obj(client['ToegewezenProducten'])['ToegewezenProduct'] as unknown[];
    expect(tps.map(codes)).toEqual([['0200'], ['9332'], ['0200']]);
    // Values are copied unchanged; only RetourCodes is added.
    const heenTp = obj((obj(obj(h.bericht['Client'])['ToegewezenProducten'])['ToegewezenProduct'] as unknown[])[2]);
    const { RetourCodes: _rc, ...rest } = obj(tps[2]);
    expect(rest).toEqual(heenTp);
    expect(rest['Budget']).toBe(1_250_000);
    // Wrappers (ToegewezenProducten) and CDT_ types (Naam, Omvang) carry no RetourCodes.
    expect(obj(client['ToegewezenProducten'])['RetourCodes']).toBeUndefined();
    expect(obj(client['Naam'])['RetourCodes']).toBeUndefined();
  });

  it('a rejected class makes its inner classes "not assessed" (0233)', () => {
    const r = buildRetour(heen('iwmo', '315'), { issues: [l3('/Bericht/Client', 'TR374', '9374')] }, { today: TODAY });
    const client = obj(r.bericht['Client']);
    expect(codes(client)).toEqual(['9374']);
    const aps = obj(client['AangevraagdeProducten'])['AangevraagdProduct'] as unknown[];
    expect(aps.map(codes)).toEqual([['0233']]);
  });

  it('an inner class with its own error keeps its code under a rejected parent (317)', () => {
    const issues = [
      l3('/Bericht/Client/Verzoek', 'TR349', '9349'),
      l3('/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]/ToewijzingNummer', 'TR350', '9350'),
    ];
    const r = buildRetour(heen('ijw', '317'), { issues }, { today: TODAY });
    const client = obj(r.bericht['Client']);
    const verzoek = obj(client['Verzoek']);
    expect(codes(client)).toEqual(['0200']);
    expect(codes(verzoek)).toEqual(['9349']);
    expect((obj(verzoek['OngewijzigdeProducten'])['OngewijzigdProduct'] as unknown[]).map(codes)).toEqual([['9350']]);
    expect((obj(verzoek['TeWijzigenProducten'])['TeWijzigenProduct'] as unknown[]).map(codes)).toEqual([['0233']]);
    expect((obj(verzoek['NieuweProducten'])['NieuwProduct'] as unknown[]).map(codes)).toEqual([['0233']]);
  });

  it('several rules on one class: all codes, each once, in issue order', () => {
    const p = '/Bericht/Client/StopProducten/StopProduct[1]';
    const issues = [l3(`${p}/Einddatum`, 'TR414', '9414'), l3(p, 'TR382', '9069'), l3(`${p}/Begindatum`, 'TR382', '9069')];
    const r = buildRetour(heen('iwmo', '307'), { issues }, { today: TODAY });
    const stop = (obj(obj(r.bericht['Client'])['StopProducten'])['StopProduct'] as unknown[])[0];
    expect(codes(stop)).toEqual(['9414', '9069']);
  });

  it('319: the Antwoord (and the iJw Woonplaatsbeginsel inside it) are the classes', () => {
    const r = buildRetour(
      heen('ijw', '319'),
      { issues: [l3('/Bericht/Antwoord/Woonplaatsbeginsel/Gemeente', 'TR378', 'S300')] },
      { today: TODAY },
    );
    const antwoord = obj(r.bericht['Antwoord']);
    expect(codes(antwoord)).toEqual(['0200']);
    expect(codes(antwoord['Woonplaatsbeginsel'])).toEqual(['S300']);
    expect(antwoord['VerzoekAntwoord']).toBe('1');
  });

  it('an index left out on a repeatable element means [1]; a path below the class still finds it', () => {
    const r = buildRetour(
      heen('ijw', '301'),
      { issues: [l3('/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang/Volume', 'TR332', '9332')] },
      { today: TODAY },
    );
    const tps = obj(obj(r.bericht['Client'])['ToegewezenProducten'])['ToegewezenProduct'] as unknown[];
    expect(tps.map(codes)).toEqual([['9332'], ['0200'], ['0200']]);
  });

  it('an index beyond the instances present falls back to the enclosing class', () => {
    const r = buildRetour(
      heen('ijw', '301'),
      { issues: [l3('/Bericht/Client/ToegewezenProducten/ToegewezenProduct[9]', 'TR332', '9332')] },
      { today: TODAY },
    );
    expect(codes(r.bericht['Client'])).toEqual(['9332']);
  });

  it('a missing retourCode is looked up from the rule in the WJ001 table', () => {
    const r = buildRetour(
      heen('ijw', '305'),
      { issues: [l3('/Bericht/Client/StartProducten/StartProduct[1]', 'TR326')] },
      { today: TODAY },
    );
    const sp = (obj(obj(r.bericht['Client'])['StartProducten'])['StartProduct'] as unknown[]).map(codes);
    expect(sp).toEqual([['9326'], ['0200']]);
  });

  it('does not share or change the heen object', () => {
    const h = heen('ijw', '301');
    const before = JSON.stringify(h.bericht);
    const r = buildRetour(h, { issues: CASES.l3Class('301') }, { today: TODAY });
    expect(JSON.stringify(h.bericht)).toBe(before);
    expect(obj(r.bericht['Client'])['Naam']).not.toBe(obj(h.bericht['Client'])['Naam']);
  });

  it('the XML parses back (L1-valid) to the same typed object', () => {
    for (const std of STANDARDS) {
      for (const nummer of HEEN_NUMMERS) {
        const r = buildRetour(heen(std, nummer), { issues: CASES.l3Class(nummer) }, { today: TODAY });
        const p = parseBericht(r.xml);
        expect(p.success, `${std} ${nummer}: ${p.success ? '' : JSON.stringify(p.issues)}`).toBe(true);
        if (p.success) {
          expect(p.message.id).toBe(r.message.id);
          expect(p.bericht).toEqual(r.bericht);
        }
      }
    }
  });
});

describe('buildRetour: refusals', () => {
  const expectError = (fn: () => unknown, code: string): void => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(RetourError);
      expect((e as RetourError).code).toBe(code);
      return;
    }
    throw new Error(`expected RetourError ${code}`);
  };

  it('323 has no retour (the 325 answers it), nor do 325 and the retours themselves', () => {
    const b = heenBerichten('ijw');
    expectError(
      () => buildRetour({ message: MESSAGES.JW323, bericht: b['323']! }, { issues: [] }, { today: TODAY }),
      RetourErrorCode.NO_RETOUR,
    );
    expectError(
      () => buildRetour({ message: MESSAGES.JW325, bericht: b['325']! }, { issues: [] }, { today: TODAY }),
      RetourErrorCode.NO_RETOUR,
    );
    const r = buildRetour(heen('ijw', '301'), { issues: [] }, { today: TODAY });
    expectError(() => buildRetour({ message: r.message, bericht: r.bericht }, { issues: [] }, { today: TODAY }), RetourErrorCode.NO_RETOUR);
  });

  it('L1 failure: no retour', () => {
    const issues: ValidationIssue[] = [{ level: 'L1', path: '/Bericht/Client/Bsn', code: 'pattern', message: 'x' }];
    expectError(() => buildRetour(heen('ijw', '305'), { issues }, { today: TODAY }), RetourErrorCode.L1_INVALID);
  });

  it('bad IdentificatieRetour and bad dates', () => {
    expectError(
      () => buildRetour(heen('ijw', '305'), { issues: [] }, { identificatieRetour: '1234567890123', today: TODAY }),
      RetourErrorCode.BAD_IDENTIFICATIE,
    );
    expectError(
      () => buildRetour(heen('ijw', '305'), { issues: [] }, { identificatieRetour: '   ', today: TODAY }),
      RetourErrorCode.BAD_IDENTIFICATIE,
    );
    expectError(
      () => buildRetour(heen('ijw', '305'), { issues: [] }, { identificatieRetour: '', today: TODAY }),
      RetourErrorCode.BAD_IDENTIFICATIE,
    );
    expectError(() => buildRetour(heen('ijw', '305'), { issues: [] }, { today: '2026-02-30' }), RetourErrorCode.BAD_DATE);
    expectError(() => buildRetour(heen('ijw', '305'), { issues: [] }, { today: '2026-11-23T10:00:00' }), RetourErrorCode.BAD_DATE);
  });

  it('an L3 issue whose RetourCode is not in WJ001, or without a code and an unknown rule', () => {
    expectError(
      () => buildRetour(heen('ijw', '305'), { issues: [l3('/Bericht/Client', 'TR999', '7777')] }, { today: TODAY }),
      RetourErrorCode.UNKNOWN_RETOURCODE,
    );
    expectError(
      () => buildRetour(heen('ijw', '305'), { issues: [l3('/Bericht/Client', 'TR999')] }, { today: TODAY }),
      RetourErrorCode.UNKNOWN_RETOURCODE,
    );
  });

  it('a heen object with an element the retour does not know', () => {
    const h = heen('ijw', '305');
    const client = { ...obj(h.bericht['Client']), Onbekend: 'x' };
    expectError(
      () =>
        buildRetour({ message: h.message, bericht: { ...h.bericht, Client: client } }, { issues: CASES.l3Class('305') }, { today: TODAY }),
      RetourErrorCode.MODEL_MISMATCH,
    );
  });
});

describe('deriveIdentificatieRetour', () => {
  it('is deterministic, at most 12 characters, and differs per heenbericht', () => {
    const ids = STANDARDS.flatMap((std) => HEEN_NUMMERS.map((n) => deriveIdentificatieRetour(heen(std, n))));
    for (const id of ids) expect(id).toMatch(/^R[0-9a-f]{11}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(deriveIdentificatieRetour(heen('ijw', '301'))).toBe(ids[0]);
    const r = buildRetour(heen('ijw', '301'), { issues: [] }, { today: TODAY });
    expect(obj(r.bericht['Header'])['IdentificatieRetour']).toBe(ids[0]);
  });
});

describe('buildRetour on generated heenberichten (fast-check instances of every heen message)', () => {
  const SEEDS = 20;
  /** Every node carrying RetourCodes in a retour typed object, with its path. */
  function classNodes(node: Obj, path: string, out: { path: string; node: Obj }[]): { path: string; node: Obj }[] {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'RetourCodes') continue;
      const items = Array.isArray(v) ? v : [v];
      items.forEach((item, i) => {
        if (typeof item !== 'object' || item === null) return;
        const p = Array.isArray(v) ? `${path}/${k}[${i + 1}]` : `${path}/${k}`;
        if ('RetourCodes' in item) out.push({ path: p, node: item as Obj });
        classNodes(item as Obj, p, out);
      });
    }
    return out;
  }
  const isUnder = (prefix: string, p: string): boolean => p.startsWith(`${prefix}/`);

  const dir = mkdtempSync(join(tmpdir(), 'sluis-retour-gen-'));
  const written = new Map<string, string[]>();

  for (const std of STANDARDS) {
    for (const nummer of HEEN_NUMMERS) {
      const id = msg(std, nummer).id;
      it(`${id}: ${SEEDS} instances, a rule failure on a random class → codes where expected`, () => {
        const rng = createRng(nummer.charCodeAt(2) * 1000 + (std === 'ijw' ? 1 : 2));
        for (let seed = 1; seed <= SEEDS; seed++) {
          const bericht = validInstance(id, seed, { maxRepeat: 3 }) as unknown as Obj;
          const h = { message: msg(std, nummer), bericht };
          const body = Object.keys(bericht).find((k) => k !== 'Header')!;
          // First pass: reject the body element itself to learn every class instance.
          const all = classNodes(
            obj(buildRetour(h, { issues: [l3(`/Bericht/${body}`, 'TR374', '9374')] }, { today: TODAY }).bericht),
            '/Bericht',
            [],
          ).filter((c) => c.path !== '/Bericht/Header');
          expect(all[0]?.path).toBe(`/Bericht/${body}`);
          for (const c of all.slice(1)) expect(codes(c.node), c.path).toEqual(['0233']);
          const target = rng.pick(all).path;
          const r = buildRetour(h, { issues: [l3(target, 'TR332', '9332')] }, { today: TODAY });
          expect(codes(r.bericht['Header'])).toEqual(['0200']);
          const classes = classNodes(obj(r.bericht), '/Bericht', []).filter((c) => c.path !== '/Bericht/Header');
          expect(classes.map((c) => c.path)).toEqual(all.map((c) => c.path));
          for (const c of classes) {
            const want = c.path === target ? ['9332'] : isUnder(target, c.path) ? ['0233'] : ['0200'];
            expect(codes(c.node), `${id} seed ${seed} ${c.path} (target ${target})`).toEqual(want);
          }
          const file = join(dir, `${r.message.id}-${seed}.xml`);
          writeFileSync(file, r.xml);
          written.set(r.message.id, [...(written.get(r.message.id) ?? []), file]);
        }
      });
    }
  }

  it('all generated retours pass xmllint --schema', async () => {
    expect([...written.values()].flat()).toHaveLength(STANDARDS.length * HEEN_NUMMERS.length * SEEDS);
    for (const [id, files] of written) {
      const verdicts = await xmllintValidate(xsdPath(id as 'JW302'), files);
      expect(
        verdicts.filter((v) => !v.valid).map((v) => `${v.file}\n${v.errors.slice(0, 3).join('\n')}`),
        id,
      ).toEqual([]);
    }
  });
});

describe('buildRetour: a rejected 323 gets its 325 (IV087)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-325-'));

  for (const std of STANDARDS) {
    const decl = (): { message: MessageDef; bericht: Record<string, unknown> } => ({
      message: msg(std, '323'),
      bericht: heenBerichten(std)['323']!,
    });

    it(`${std}: an L2-invalid 323 gets a header-only 325 with RetourCode 0001, valid for our validator and xmllint`, async () => {
      const h = decl();
      const heenHeader = obj(h.bericht['Header']);
      const r = buildRetour(
        h,
        { issues: [l2('/Bericht/Declaratie/TotaalIngediendBedrag', 'TR358')] },
        { identificatieRetour: 'R325-01', today: TODAY },
      );
      expect(r.message.id).toBe(std === 'ijw' ? 'JW325' : 'WMO325');
      expect(r.kind).toBe('technisch-afgekeurd');
      const header = obj(r.bericht['Header']);
      expect(header['BerichtCode']).toBe(r.message.berichtCode);
      expect(header['Afzender']).toBe(heenHeader['Ontvanger']);
      expect(header['Ontvanger']).toBe(heenHeader['Afzender']);
      expect(header['BerichtIdentificatie']).toEqual({ Identificatie: 'R325-01', Dagtekening: TODAY });
      expect(header['DeclaratieIdentificatie']).toEqual(heenHeader['BerichtIdentificatie']);
      expect(header['XsdVersieDeclaratie']).toEqual(heenHeader['XsdVersie']);
      expect(header['XsdVersie']).toEqual({
        BasisschemaXsdVersie: r.message.xsdVersie.basisschema,
        BerichtXsdVersie: r.message.xsdVersie.bericht,
      });
      expect(codes(header)).toEqual(['0001']);
      expect(Object.keys(r.bericht)).toEqual(['Header']); // no DeclaratieAntwoord: the declaratie counts as not sent

      const ours = validateBericht(r.xml, { today: TODAY });
      expect(ours.issues).toEqual([]);
      expect(ours.valid).toBe(true);
      expect(ours.message?.id).toBe(r.message.id);
      const file = join(dir, `${r.message.id}-l2.xml`);
      writeFileSync(file, r.xml);
      const [v] = await xmllintValidate(xsdPath(r.message), [file]);
      expect(v?.valid, v?.errors.join('\n')).toBe(true);
    });

    it(`${std}: a 323 rejected on its header (TR056) gets a 325 with that code; xmllint agrees`, async () => {
      const r = buildRetour(decl(), { issues: CASES.l3Header() }, { identificatieRetour: 'R325-02', today: TODAY });
      expect(r.kind).toBe('header-afgekeurd');
      expect(codes(r.bericht['Header'])).toEqual(['9056']);
      const file = join(dir, `${r.message.id}-tr056.xml`);
      writeFileSync(file, r.xml);
      const [v] = await xmllintValidate(xsdPath(r.message), [file]);
      expect(v?.valid, v?.errors.join('\n')).toBe(true);
    });

    it(`${std}: a 323 that passed gets no 325 from Sluis (the gemeente answers)`, () => {
      try {
        buildRetour(decl(), { issues: [] }, { today: TODAY });
        throw new Error('expected no-retour');
      } catch (e) {
        expect((e as RetourError).code).toBe(RetourErrorCode.NO_RETOUR);
      }
    });

    it(`${std}: a 323 rejected on a prestatie (enforce, TR338) gets a 325 rejecting the whole declaratie; our validator and xmllint agree`, async () => {
      const h = decl();
      const path = '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]';
      const r = buildRetour(h, { issues: [l3(path, 'TR338', '9338')] }, { identificatieRetour: 'R325-03', today: TODAY });
      expect(r.kind).toBe('klassen-afgekeurd');
      expect(codes(r.bericht['Header'])).toEqual(['0200']);
      const da = obj(r.bericht['DeclaratieAntwoord']);
      expect(codes(da)).toEqual(['0200']);
      expect(obj(da['TotaalToegekendBedrag'])['TotaalBedrag']).toBe(0);
      const clients = obj(da['Clienten'])['Client'] as Obj[];
      const heenClients = obj(obj(h.bericht['Declaratie'])['Clienten'])['Client'] as Obj[];
      expect(clients.length).toBe(heenClients.length);
      const perClient = clients.map((c) => ({
        client: codes(c),
        prestaties: (obj(c['Prestaties'])['Prestatie'] as Obj[]).map((p) => codes(p)),
      }));
      expect(perClient[1]!.prestaties[0]).toEqual(['9338']);
      for (const [ci, c] of perClient.entries()) {
        expect(c.client).toEqual(['0200']);
        c.prestaties.forEach((p, pi) => {
          if (ci !== 1 || pi !== 0) expect(p).toEqual(['0233']);
        });
      }
      const ours = validateBericht(r.xml, { today: TODAY });
      expect(ours.issues).toEqual([]);
      const file = join(dir, `${r.message.id}-tr338.xml`);
      writeFileSync(file, r.xml);
      const [v] = await xmllintValidate(xsdPath(r.message), [file]);
      expect(v?.valid, v?.errors.join('\n')).toBe(true);
    });

    it(`${std}: a 323 rejected on a Client (TR304) gets the code on that Client and 0233 on all its prestaties; XSD-valid`, async () => {
      const r = buildRetour(decl(), { issues: [l3('/Bericht/Declaratie/Clienten/Client[1]/Bsn', 'TR304', '8187')] }, { today: TODAY });
      const clients = obj(obj(r.bericht['DeclaratieAntwoord'])['Clienten'])['Client'] as Obj[];
      expect(codes(clients[0])).toEqual(['8187']);
      for (const p of obj(clients[0]!['Prestaties'])['Prestatie'] as Obj[]) expect(codes(p)).toEqual(['0233']);
      expect(codes(clients[1])).toEqual(['0200']);
      expect(validateBericht(r.xml, { today: TODAY }).issues).toEqual([]);
      const file = join(dir, `${r.message.id}-tr304.xml`);
      writeFileSync(file, r.xml);
      const [v] = await xmllintValidate(xsdPath(r.message), [file]);
      expect(v?.valid, v?.errors.join('\n')).toBe(true);
    });

    it(`${std}: a 323 rejected on its Declaratie class (TR333) gets a 325 whose DeclaratieAntwoord carries the code and lists no prestaties`, async () => {
      const r = buildRetour(decl(), { issues: [l3('/Bericht/Declaratie/DeclaratieNummer', 'TR333', '9333')] }, { today: TODAY });
      const da = obj(r.bericht['DeclaratieAntwoord']);
      expect(codes(da)).toEqual(['9333']);
      expect(da['Clienten']).toBeUndefined();
      expect(validateBericht(r.xml, { today: TODAY }).issues).toEqual([]);
      const file = join(dir, `${r.message.id}-tr333.xml`);
      writeFileSync(file, r.xml);
      const [v] = await xmllintValidate(xsdPath(r.message), [file]);
      expect(v?.valid, v?.errors.join('\n')).toBe(true);
    });
  }
});
