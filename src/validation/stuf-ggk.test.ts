/**
 * The envelope reader against libxml2 over the real ggk0310 XSDs: the published examples and a set
 * of mutations of them get the same verdict from both; every envelope the builders make is valid
 * (Di01, Du01 against ggk0310_msg.xsd; Bv03, Fo01 against stuf0301); the examples round-trip.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, GGK_XSD, STUF_XSD, libxmlErrors, soapBodyChild, soapRequest } from '../../test/support/stuf-ggk.js';
import {
  Fo01Code,
  buildBv03,
  buildFo01,
  buildGgkEnvelope,
  isStufUuid,
  soapFault,
  stufTijdstip,
  uuidV4From,
  type StufAntwoord,
} from '../standard/stuf-ggk.js';
import { messageOfFunctie, messageOfPayload, parseGgkEnvelope, parseGgkSoapRequest } from './stuf-ggk.js';

const di = EXAMPLES.di01();
const du = EXAMPLES.du01();

/** Mutations of the examples: [name, base, from, to] — a plain string replacement. */
const MUTATIONS: readonly (readonly [string, string, string | RegExp, string])[] = [
  ['as published', di, '', ''],
  ['Du01 as published', du, '', ''],
  ['berichtcode Du01 in a Di01', di, '>Di01<', '>Du01<'],
  ['berichtcode with a space', di, '>Di01<', '> Di01<'],
  ['zender without organisatie', di, /<StUF:organisatie>0548<\/StUF:organisatie>/, ''],
  ['zender applicatie too short', di, '>Wmo Applicatie<', '>Wm<'],
  ['zender applicatie 51 characters', di, '>Wmo Applicatie<', `>${'a'.repeat(51)}<`],
  ['zender applicatie 50 characters', di, '>Wmo Applicatie<', `>${'é'.repeat(50)}<`],
  [
    'zender without administratie and gebruiker',
    di,
    /<StUF:administratie>test<\/StUF:administratie>\s*<StUF:gebruiker>gebruiker1<\/StUF:gebruiker>\s*<\/StUF:zender>/,
    '</StUF:zender>',
  ],
  [
    'gebruiker before administratie',
    di,
    /<StUF:administratie>test<\/StUF:administratie>(\s*)<StUF:gebruiker>gebruiker1<\/StUF:gebruiker>/,
    '<StUF:gebruiker>g</StUF:gebruiker>$1<StUF:administratie>t</StUF:administratie>',
  ],
  ['referentienummer 41 characters', di, '9c0f7b90-5c69-11e5-a837-0800200c9a66', `${'1'.repeat(41)}`],
  ['referentienummer 40 characters', di, '9c0f7b90-5c69-11e5-a837-0800200c9a66', `${'1'.repeat(40)}`],
  ['referentienummer empty', di, '9c0f7b90-5c69-11e5-a837-0800200c9a66', ''],
  ['tijdstip 7 digits', di, '20160421132514', '2016042'],
  ['tijdstip 17 digits', di, '20160421132514', '20160421132514123'],
  ['tijdstip 18 digits', di, '20160421132514', '201604211325141234'],
  ['tijdstip with a letter', di, '20160421132514', '2016042113251x'],
  ['functie 31 characters', di, '>WMO301<', `>${'W'.repeat(31)}<`],
  ['no functie', di, /<StUF:functie>WMO301<\/StUF:functie>/, ''],
  ['crossRefnummer in a Di01', di, '<StUF:functie>', '<StUF:crossRefnummer>x</StUF:crossRefnummer><StUF:functie>'],
  ['Du01 without crossRefnummer', du, /<StUF:crossRefnummer>[^<]*<\/StUF:crossRefnummer>/, ''],
  ['Du01 without crossRefnummerBericht', du, /<GGK:crossRefnummerBericht>[^<]*<\/GGK:crossRefnummerBericht>/, ''],
  ['no referentienummerBericht', di, /<GGK:referentienummerBericht>[^<]*<\/GGK:referentienummerBericht>/, ''],
  ['applicatieVersie 3 digits', di, '>0004<', '>004<'],
  ['applicatieVersie with a letter', di, '>0004<', '>000a<'],
  ['functieSubversie missing', di, /<GGK:functieSubversie>0001<\/GGK:functieSubversie>/, ''],
  ['bericht without contentType', di, ' xmime:contentType="application/xml"', ''],
  ['bericht contentType 2 characters', di, 'xmime:contentType="application/xml"', 'xmime:contentType="ab"'],
  ['bericht without bestandsnaam', di, ' StUF:bestandsnaam="WMO301.txt"', ''],
  ['bericht with an unknown attribute', di, ' StUF:bestandsnaam="WMO301.txt"', ' foo="bar"'],
  ['bericht not base64', di, 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ'],
  ['bericht base64 with line breaks', di, 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', 'SGllciBzdGFh\r\ndCBoZXQgaGVl\nbmJlcmljaHQ='],
  ['bericht base64 empty', di, 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', ''],
  ['bericht base64 with a bad character', di, 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', 'SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaH*='],
  ['text inside stuurgegevens', di, '<StUF:berichtcode>', 'tekst<StUF:berichtcode>'],
  ['an extra element at the end of parameters', di, '</GGK:parameters>', '<GGK:extra/></GGK:parameters>'],
  [
    'parameters before stuurgegevens',
    di,
    /(<GGK:stuurgegevens>[\s\S]*<\/GGK:stuurgegevens>)(\s*)(<GGK:parameters>[\s\S]*<\/GGK:parameters>)/,
    '$3$2$1',
  ],
  ['xsi:schemaLocation on the root', di, '<GGK:envelopHeenbericht-ggk_Di01 ', '<GGK:envelopHeenbericht-ggk_Di01 xsi:schemaLocation="a b" '],
  ['an attribute on stuurgegevens', di, '<GGK:stuurgegevens>', '<GGK:stuurgegevens id="1">'],
  ['wrong namespace for functie', di, /<StUF:functie>WMO301<\/StUF:functie>/, '<GGK:functie>WMO301</GGK:functie>'],
  ['a child element in referentienummer', di, '>9c0f7b90-5c69-11e5-a837-0800200c9a66<', '><StUF:x/><'],
  ['the published broken Du01', EXAMPLES.voorbeeldDu01Broken(), '', ''],
];

describe('the envelope reader agrees with libxml2 over ggk0310_msg.xsd', () => {
  it.each(MUTATIONS)('%s', (_name, base, from, to) => {
    const xml = from === '' ? base : base.replace(from, to);
    expect(xml === base || from === '').toBe(from === ''); // the mutation applied
    const oracle = libxmlErrors(GGK_XSD(), xml);
    const ours = parseGgkEnvelope(xml);
    expect({ valid: ours.ok, why: ours.ok ? undefined : ours.detail }).toMatchObject({ valid: oracle === undefined });
  });
});

describe('the SOAP request', () => {
  it('reads the envelope inside Body, with or without Header', () => {
    const r = parseGgkSoapRequest(soapRequest(di));
    expect(r.ok && r.envelope).toMatchObject({ berichtcode: 'Di01', functie: 'WMO301', zender: { organisatie: '0548' } });
    const noHeader = soapRequest(di).replace('<soapenv:Header/>', '');
    expect(parseGgkSoapRequest(noHeader).ok).toBe(true);
  });
  it('refuses what is not a SOAP 1.1 envelope, two body elements, and a DOCTYPE', () => {
    expect(parseGgkSoapRequest(di)).toMatchObject({ ok: false, kind: 'soap' });
    const two = soapRequest(di).replace('</soapenv:Body>', '<x/></soapenv:Body>');
    expect(parseGgkSoapRequest(two)).toMatchObject({ ok: false, kind: 'soap' });
    expect(parseGgkSoapRequest(`<!DOCTYPE x [<!ENTITY a "b">]>${soapRequest(di).replace(/^<\?xml[^>]*\?>/, '')}`)).toMatchObject({
      ok: false,
      kind: 'xml',
    });
  });
  it('keeps what it could read for the Fo01 when a later part is invalid', () => {
    const r = parseGgkSoapRequest(soapRequest(di.replace('>0004<', '>4<')));
    expect(r).toMatchObject({
      ok: false,
      kind: 'schema',
      partial: { zender: { organisatie: '0548' }, referentienummer: '9c0f7b90-5c69-11e5-a837-0800200c9a66' },
    });
    // the detail names the place, not the value
    expect(r.ok ? '' : r.detail).toContain('applicatieVersie');
    expect(r.ok ? '' : r.detail).not.toContain('>4<');
  });
});

describe('round trip of the published examples', () => {
  it.each([
    ['ggk_Di01.xml', di],
    ['ggk_Du01.xml', du],
    ['envelopHeenbericht-ggk_Di01_v21.xml', EXAMPLES.voorbeeldDi01()],
  ])('%s: read, built again, valid, and read back the same', (_n, xml) => {
    const a = parseGgkEnvelope(xml);
    if (!a.ok) throw new Error(a.detail);
    const built = buildGgkEnvelope(a.envelope);
    expect(libxmlErrors(GGK_XSD(), built)).toBeUndefined();
    const b = parseGgkEnvelope(built);
    expect(b.ok && b.envelope).toEqual(a.envelope);
  });
  it('the published envelopRetourbericht-ggk_Du01-v21.xml is not well-formed (a stray quote in the root tag)', () => {
    expect(parseGgkEnvelope(EXAMPLES.voorbeeldDu01Broken())).toMatchObject({ ok: false, kind: 'xml' });
  });
});

describe('what Sluis emits is valid', () => {
  const a: StufAntwoord = {
    zender: { organisatie: 'CAK', applicatie: 'GGk' },
    ontvanger: { organisatie: '0548', applicatie: 'Wmo Applicatie', administratie: 'test', gebruiker: 'g<&>"' },
    referentienummer: uuidV4From(new Uint8Array(16).fill(7)),
    tijdstipBericht: stufTijdstip(new Date('2026-03-29T01:30:00.123Z')),
    crossRefnummer: '9c0f7b90-5c69-11e5-a837-0800200c9a66',
  };
  it('Bv03 against stuf0301', () => {
    expect(libxmlErrors(STUF_XSD(), buildBv03(a))).toBeUndefined();
    expect(libxmlErrors(STUF_XSD(), buildBv03({ ...a, zender: { applicatie: 'Sluis' }, crossRefnummer: '' }))).toBeUndefined();
  });
  it.each(Object.values(Fo01Code))('Fo01 $code against stuf0301, inside a SOAP Fault', (code) => {
    const fo = buildFo01(a, code, 'x'.repeat(1200));
    expect(libxmlErrors(STUF_XSD(), fo)).toBeUndefined();
    const fault = soapFault(fo, code);
    expect(libxmlErrors(STUF_XSD(), soapBodyChild(fault, 'Fo01Bericht'))).toBeUndefined();
    expect(fault).toContain(`<faultcode>soap:${code.plek === 'client' ? 'Client' : 'Server'}</faultcode>`);
    expect(code.code.length).toBeLessThanOrEqual(7);
  });
  it('Di01 and Du01 as the channel builds them against ggk0310_msg', () => {
    const base = {
      zender: { organisatie: '42420001', applicatie: 'Sluis' },
      ontvanger: { organisatie: '0384', applicatie: 'GGk' },
      referentienummer: a.referentienummer,
      tijdstipBericht: a.tijdstipBericht,
      functie: 'JW302',
      referentienummerBericht: '123456789012',
      applicatieVersie: '0001',
      applicatieSubversie: '0000',
      functieVersie: '0003',
      functieSubversie: '0002',
      bericht: { base64: Buffer.from('<a/>').toString('base64'), contentType: 'application/xml' },
    };
    expect(libxmlErrors(GGK_XSD(), buildGgkEnvelope({ berichtcode: 'Di01', ...base }))).toBeUndefined();
    expect(
      libxmlErrors(
        GGK_XSD(),
        buildGgkEnvelope({ berichtcode: 'Du01', ...base, crossRefnummer: a.crossRefnummer, crossRefnummerBericht: 'X1' }),
      ),
    ).toBeUndefined();
    expect(() => buildGgkEnvelope({ berichtcode: 'Du01', ...base })).toThrow(/crossRefnummer/);
  });
});

describe('helpers', () => {
  it('uuids: RFC 4122 versions 1–5 accepted, others not; uuidV4From makes a v4', () => {
    expect(isStufUuid('9c0f7b90-5c69-11e5-a837-0800200c9a66')).toBe(true);
    expect(isStufUuid('b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0')).toBe(true);
    expect(isStufUuid('123456789012')).toBe(false);
    expect(isStufUuid('b6e9f182-bc44-4f27-c863-9a5ccc1e1cf0')).toBe(false); // variant
    expect(isStufUuid('b6e9f182-bc44-0f27-9863-9a5ccc1e1cf0')).toBe(false); // version 0
    const u = uuidV4From(new Uint8Array(16).fill(255));
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('tijdstip in Dutch time, 17 digits', () => {
    expect(stufTijdstip(new Date('2026-07-01T10:11:12.034Z'))).toBe('20260701121112034');
    expect(stufTijdstip(new Date('2026-01-01T23:00:00.000Z'))).toBe('20260102000000000');
  });
  it('functie and payload name a message', () => {
    expect(messageOfFunctie('WMO301')?.id).toBe('WMO301');
    expect(messageOfFunctie('JW302')?.nummer).toBe('302');
    expect(messageOfFunctie('WMO399')).toBeUndefined();
    expect(messageOfPayload('<?xml version="1.0"?><x:Bericht xmlns:x="http://www.istandaarden.nl/ijw/3_2/jw305/schema"/>')?.id).toBe(
      'JW305',
    );
    expect(messageOfPayload('Hier staat het heenbericht')).toBeUndefined();
  });
});
