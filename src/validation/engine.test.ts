import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEngine, runEngineOnChunks } from './engine.js';
import { L1Code } from './issues.js';

const SAMPLES = new URL('../../../shared/istandaarden/samples/ijw/', import.meta.url);
const sample = (f: string) => readFileSync(new URL(f, SAMPLES), 'utf8');
const codes = (xml: string | Uint8Array) => runEngine(xml).issues.map((i) => i.code);

describe('L1 engine', () => {
  it('accepts the published valid samples and identifies them', () => {
    for (const f of ['JW301.xml', 'JW305.xml', 'JW323.xml', 'JW325.xml', 'JW320.xml']) {
      const r = runEngine(sample(f));
      expect(r.issues, f).toEqual([]);
      expect(r.message?.id).toBe(f.replace('.xml', ''));
    }
  });

  it('rejects the two samples libxml2 rejects, with paths', () => {
    const r315 = runEngine(sample('JW315.xml'));
    expect(r315.issues[0]).toMatchObject({
      code: L1Code.INVALID_DATE,
      path: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum',
    });
    expect(codes(sample('JW318.xml'))).toContain(L1Code.UNEXPECTED_ELEMENT);
  });

  it('builds typed objects: arrays where maxOccurs > 1, amounts as integer eurocent', () => {
    const r = runEngine(sample('JW323.xml'));
    const decl = r.root!.Declaratie as { TotaalIngediendBedrag: { TotaalBedrag: unknown }; Clienten: { Client: unknown[] } };
    expect(typeof decl.TotaalIngediendBedrag.TotaalBedrag).toBe('number');
    expect(Array.isArray(decl.Clienten.Client)).toBe(true);
  });

  it('reports order, cardinality and missing elements', () => {
    const x = sample('JW305.xml');
    expect(codes(x.replace(/<jw305:BerichtVersie>3<\/jw305:BerichtVersie>/, ''))).toContain(L1Code.MISSING_ELEMENT);
    expect(
      codes(x.replace('<jw305:Geslacht>1</jw305:Geslacht>', '<jw305:Geslacht>1</jw305:Geslacht><jw305:Geslacht>1</jw305:Geslacht>')),
    ).toContain(L1Code.UNEXPECTED_ELEMENT);
  });

  it('checks facets: pattern, enumeration, empty, dates without timezone', () => {
    const x = sample('JW305.xml');
    expect(codes(x.replace('<jw305:Bsn>999900006', '<jw305:Bsn>99990000'))).toContain(L1Code.PATTERN);
    expect(codes(x.replace('<jw305:Geslacht>1<', '<jw305:Geslacht>7<'))).toContain(L1Code.ENUMERATION);
    expect(codes(x.replace('<ijw:Achternaam>Wit<', '<ijw:Achternaam><'))).toContain(L1Code.MIN_LENGTH);
    expect(codes(x.replace('<ijw:Dagtekening>2026-04-15<', '<ijw:Dagtekening>2026-04-15Z<'))).toContain(L1Code.PATTERN);
    expect(codes(x.replace('<ijw:Dagtekening>2026-04-15<', '<ijw:Dagtekening>2026-02-29<'))).toContain(L1Code.INVALID_DATE);
    // libxml2 collapses whitespace for restricted non-string types: this is valid there too.
    expect(codes(x.replace('<ijw:Dagtekening>2026-04-15<', '<ijw:Dagtekening> 2026-04-15 <'))).toEqual([]);
  });

  it('identifies wrong namespaces and roots as their own errors', () => {
    const x = sample('JW305.xml');
    expect(codes(x.replaceAll('ijw/3_2/jw305/schema', 'ijw/3_2/jw399/schema'))).toEqual([L1Code.UNKNOWN_NAMESPACE]);
    expect(
      codes(x.replace('<ijw:Identificatie>', '<jw305:Identificatie>').replace('</ijw:Identificatie>', '</jw305:Identificatie>')),
    ).toContain(L1Code.WRONG_NAMESPACE);
  });

  it('reports a BerichtCode or version of another message/release as its own error', () => {
    const x = sample('JW305.xml');
    expect(codes(x.replace('<jw305:BerichtCode>438<', '<jw305:BerichtCode>436<'))).toEqual([L1Code.WRONG_BERICHTCODE]);
    expect(codes(x.replace('<jw305:BerichtVersie>3<', '<jw305:BerichtVersie>2<'))).toEqual([L1Code.WRONG_VERSION]);
    expect(codes(x.replace('<jw305:BerichtSubversie>2<', '<jw305:BerichtSubversie>1<'))).toEqual([L1Code.WRONG_VERSION]);
  });

  it('refuses DOCTYPE and entities before parsing, and bad encodings', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Bericht>&lol2;</Bericht>';
    expect(codes(bomb)).toEqual([L1Code.DOCTYPE_FORBIDDEN]);
    const bytes = Buffer.from(sample('JW305.xml'));
    expect(codes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toEqual([L1Code.ENCODING]);
    expect(codes(Buffer.concat([bytes.subarray(0, 50), Buffer.from([0xc3, 0x28]), bytes.subarray(50)]))).toEqual([L1Code.ENCODING]);
    expect(codes('<a><b></a>')).toEqual([L1Code.UNKNOWN_NAMESPACE]);
    expect(codes(sample('JW305.xml').replace('</jw305:Geslacht>', '</jw305:Geslachtt>'))).toEqual([L1Code.MALFORMED_XML]);
  });

  it('gives the same result fed in tiny chunks as in one piece', async () => {
    const bytes = Buffer.from(sample('JW301.xml'));
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const a = await runEngineOnChunks(chunks());
    const b = runEngine(bytes);
    expect(a.issues).toEqual(b.issues);
    expect(a.root).toEqual(b.root);
  });

  it('keeps a value that is only whitespace as the value, in one piece and in chunks', async () => {
    // Indentation between elements takes a fast path without strings; inside a value the same
    // characters are the value (string types keep whitespace) and must reach the facet checks.
    const xml = sample('JW305.xml').replace('<ijw:Voornamen>Tom<', '<ijw:Voornamen> \t\n <');
    const whole = runEngine(xml);
    expect(whole.issues).toMatchObject([{ code: L1Code.PATTERN, path: '/Bericht/Client/Naam/Voornamen' }]);
    expect((whole.root!.Client as { Naam: { Voornamen: string } }).Naam.Voornamen).toBe(' \t\n ');
    const bytes = Buffer.from(xml);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const chunked = await runEngineOnChunks(chunks());
    expect(chunked.issues).toEqual(whole.issues);
    expect(chunked.root).toEqual(whole.root);
  });

  it('names the open element when an end tag does not match, also when its start tag was in an earlier chunk', async () => {
    const bytes = Buffer.from(sample('JW305.xml').replace('</jw305:Geslacht>', '</jw305:Geslachtt>'));
    const expected = 'not well-formed XML: end tag </jw305:Geslachtt> does not match <jw305:Geslacht>';
    expect(runEngine(bytes).issues.map((i) => i.message)).toEqual([expected]);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
    }
    expect((await runEngineOnChunks(chunks())).issues.map((i) => i.message)).toEqual([expected]);
  });

  it('never echoes a value (a BSN) in an issue message', () => {
    const r = runEngine(sample('JW305.xml').replace('<jw305:Bsn>999900006', '<jw305:Bsn>99990000X'));
    expect(JSON.stringify(r.issues)).not.toContain('99990000X');
  });
});
