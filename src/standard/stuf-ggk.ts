/**
 * The StUF-GGk envelope (VNG-Realisatie, ggk0310 version 2.1; StUF 03.01) as data: the envelope's
 * shape, the Fo01 codes Sluis answers with, and the builders of every envelope Sluis emits (Bv03 and
 * Fo01 to a sender, Di01 and Du01 to a gemeente's back office). Pure: no I/O, no clock (the caller
 * passes the instant), no randomness (the caller passes the referentienummer). The parser, which
 * checks a received envelope against the XSDs, is in src/validation/stuf-ggk.ts.
 */

export const STUF_NS = 'http://www.egem.nl/StUF/StUF0301';
export const GGK_NS = 'http://www.stufstandaarden.nl/sectormodel/ggk/0210';
export const XMIME_NS = 'http://www.w3.org/2005/05/xmlmime';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The SOAPAction of each operation of the ggk0310 WSDL's `OntvangAsynchroon` port type. */
export const GgkSoapAction = {
  /** A heenbericht (`envelopHeenbericht-ggk_Di01`). */
  ggk_Di01: `${GGK_NS}/ggk_Di01`,
  /** A retourbericht (`envelopRetourbericht-ggk_Du01`). */
  ggk_Du01: `${GGK_NS}/ggk_Du01`,
  /** A StUF Fo01 sent as a message of its own. */
  Fo01: `${STUF_NS}/Fo01`,
} as const;

/** A StUF `Systeem` (zender, ontvanger): organisatie is a CBS gemeentecode, an AGB code, or a chain name. */
export interface StufSysteem {
  readonly organisatie?: string;
  readonly applicatie: string;
  readonly administratie?: string;
  readonly gebruiker?: string;
}

/** One received or emitted GGk envelope (`envelopHeenbericht-ggk_Di01` or `envelopRetourbericht-ggk_Du01`). */
export interface GgkEnvelope {
  readonly berichtcode: 'Di01' | 'Du01';
  readonly zender: StufSysteem;
  readonly ontvanger: StufSysteem;
  readonly referentienummer: string;
  /** yyyymmddhhmmss[mmm]. */
  readonly tijdstipBericht: string;
  /** Du01: the referentienummer of the heenbericht's envelope. */
  readonly crossRefnummer?: string;
  /** The iWmo/iJw message, e.g. `WMO301`, `JW302`. */
  readonly functie: string;
  readonly referentienummerBericht?: string;
  readonly crossRefnummerBericht?: string;
  readonly applicatieVersie: string;
  readonly applicatieSubversie: string;
  readonly functieVersie: string;
  readonly functieSubversie: string;
  /** `bericht`: the payload as its base64 text, the xmime:contentType and the optional StUF:bestandsnaam. */
  readonly bericht: { readonly base64: string; readonly contentType: string; readonly bestandsnaam?: string };
}

/** Where a Fo01 puts the fault (StUF `Foutplek`). */
export type Foutplek = 'client' | 'server';

/**
 * The Fo01 codes Sluis answers a StUF-GGk request with (StUF `Foutcode`, at most 7 characters). The
 * IB codes are the chain's (Inlichtingenbureau's Fo01 foutcodelijst for the GGk), used where their
 * meaning fits; the SLS codes are Sluis's own, for what the chain's list does not name. `status` is
 * the HTTP status of the answer.
 */
export const Fo01Code = {
  /** The envelope is not well-formed XML, not a SOAP 1.1 envelope, or not valid against the ggk0310 XSDs. */
  IB001: { code: 'IB001', plek: 'client', status: 400, omschrijving: 'Het envelopbericht is niet valide volgens de ggk0310 XSD' },
  /** The bericht in the envelope is not XSD-valid iWmo/iJw 3.2 (not well-formed, unknown namespace, any L1 issue): nothing was stored. */
  IB014: {
    code: 'IB014',
    plek: 'client',
    status: 400,
    omschrijving: 'Het bericht in de envelop is niet valide volgens de XSD van de iStandaard',
  },
  /** The request (envelope with base64 bericht) is larger than 25 MB. */
  IB003: { code: 'IB003', plek: 'client', status: 413, omschrijving: 'Het bericht is groter dan 25 MB' },
  /** The functie names no iWmo/iJw 3.2 message Sluis handles (e.g. WMO399), or the SOAPAction is not an operation Sluis takes. */
  IB004: { code: 'IB004', plek: 'client', status: 400, omschrijving: 'De functie wordt niet ondersteund' },
  /** The envelope's zender or ontvanger organisatie is a gemeentecode that is not configured in Sluis. */
  IB005: { code: 'IB005', plek: 'client', status: 400, omschrijving: 'De gemeentecode is onbekend' },
  /** The referentienummer (or the crossRefnummer of a Du01) is not a UUID. */
  IB009: { code: 'IB009', plek: 'client', status: 400, omschrijving: 'Het (cross)referentienummer is geen geldige UUID' },
  /** The referentienummer was used before for another bericht. */
  IB016: { code: 'IB016', plek: 'client', status: 400, omschrijving: 'Het referentienummer is niet uniek' },
  /** No `Authorization: Bearer` header, or an API key that is not configured. */
  SLS401: {
    code: 'SLS401',
    plek: 'client',
    status: 401,
    omschrijving: 'Niet geauthenticeerd: stuur Authorization: Bearer met een API-sleutel',
  },
  /** The zender organisatie is not the authenticated party (or the key is an operator's). */
  SLS403: { code: 'SLS403', plek: 'client', status: 403, omschrijving: 'De zender is niet de geauthenticeerde partij' },
  /** The authenticated party is not the sender of the bericht in the envelope (by message direction). */
  SLS404: { code: 'SLS404', plek: 'client', status: 403, omschrijving: 'De geauthenticeerde partij is niet de afzender van het bericht' },
  /** The functie does not name the message in the envelope (e.g. functie JW301 around a JW305). */
  SLS422: { code: 'SLS422', plek: 'client', status: 400, omschrijving: 'De functie past niet bij het bericht in de envelop' },
  /** The decoded bericht starts with a byte order mark (UTF-8 without BOM is required). */
  SLS423: { code: 'SLS423', plek: 'client', status: 400, omschrijving: 'Het bericht is niet UTF-8 zonder byte order mark' },
  /** Not a SOAP 1.1 request (`Content-Type: text/xml`). */
  SLS415: { code: 'SLS415', plek: 'client', status: 415, omschrijving: 'Stuur een SOAP 1.1-verzoek met Content-Type text/xml' },
  /** The request body arrived too slowly or was broken off; send it again. */
  SLS408: { code: 'SLS408', plek: 'client', status: 408, omschrijving: 'Het verzoek kwam te traag of onvolledig binnen' },
  /** Sluis is starting, stopping or has too many requests in flight; send it again later. */
  SLS503: {
    code: 'SLS503',
    plek: 'server',
    status: 503,
    omschrijving: 'Sluis kan het bericht nu niet aannemen; probeer het later opnieuw',
  },
} as const;
export type Fo01Code = (typeof Fo01Code)[keyof typeof Fo01Code];

/** The applicatie Sluis names itself with in every envelope it emits. */
export const SLUIS_APPLICATIE = 'Sluis';

const RE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * An RFC 4122 UUID (versions 1–5). The chain asks for version 4, but its own published example Di01
 * carries a version 1 UUID, so Sluis accepts every RFC 4122 version (docs/stuf-ggk.md).
 */
export function isStufUuid(s: string): boolean {
  return RE_UUID.test(s);
}

/** A version 4 UUID made from 16 bytes (random, or a hash, so a retried delivery keeps its number). */
export function uuidV4From(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('need 16 bytes');
  const b = Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const TIJDSTIP = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** StUF `Tijdstip` (yyyymmddhhmmssmmm) in Dutch local time, as the chain writes it. */
export function stufTijdstip(d: Date): string {
  const p = Object.fromEntries(TIJDSTIP.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** XML text and attribute escaping. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const el = (name: string, value: string | undefined): string => (value === undefined ? '' : `<${name}>${xmlEscape(value)}</${name}>`);

function systeem(name: string, s: StufSysteem): string {
  return `<StUF:${name}>${el('StUF:organisatie', s.organisatie)}${el('StUF:applicatie', s.applicatie)}${el('StUF:administratie', s.administratie)}${el('StUF:gebruiker', s.gebruiker)}</StUF:${name}>`;
}

const ROOT = { Di01: 'envelopHeenbericht-ggk_Di01', Du01: 'envelopRetourbericht-ggk_Du01' } as const;

/**
 * The envelope element with its own namespace declarations, so it is valid standing alone (the
 * ggk0310 XSDs validate it) and inside a SOAP Body. Di01 carries no crossRefnummer, Du01 must.
 */
export function buildGgkEnvelope(e: GgkEnvelope): string {
  if (e.berichtcode === 'Du01' && e.crossRefnummer === undefined) throw new Error('a Du01 needs a crossRefnummer');
  const root = `GGK:${ROOT[e.berichtcode]}`;
  const du = e.berichtcode === 'Du01';
  return (
    `<${root} xmlns:StUF="${STUF_NS}" xmlns:GGK="${GGK_NS}" xmlns:xmime="${XMIME_NS}">` +
    `<GGK:stuurgegevens>${el('StUF:berichtcode', e.berichtcode)}${systeem('zender', e.zender)}${systeem('ontvanger', e.ontvanger)}` +
    `${el('StUF:referentienummer', e.referentienummer)}${el('StUF:tijdstipBericht', e.tijdstipBericht)}` +
    `${du ? el('StUF:crossRefnummer', e.crossRefnummer) : ''}${el('StUF:functie', e.functie)}</GGK:stuurgegevens>` +
    `<GGK:parameters>${el('GGK:referentienummerBericht', e.referentienummerBericht)}` +
    `${du ? el('GGK:crossRefnummerBericht', e.crossRefnummerBericht) : ''}` +
    `${el('GGK:applicatieVersie', e.applicatieVersie)}${el('GGK:applicatieSubversie', e.applicatieSubversie)}` +
    `${el('GGK:functieVersie', e.functieVersie)}${el('GGK:functieSubversie', e.functieSubversie)}` +
    `<GGK:bericht${e.bericht.bestandsnaam !== undefined ? ` StUF:bestandsnaam="${xmlEscape(e.bericht.bestandsnaam)}"` : ''} xmime:contentType="${xmlEscape(e.bericht.contentType)}">${e.bericht.base64}</GGK:bericht>` +
    `</GGK:parameters></${root}>`
  );
}

/** A SOAP 1.1 envelope around one body element. */
export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** The stuurgegevens of an answer (Bv03, Fo01): who answers whom, and which envelope it answers. */
export interface StufAntwoord {
  readonly zender: StufSysteem;
  readonly ontvanger: StufSysteem;
  readonly referentienummer: string;
  readonly tijdstipBericht: string;
  /** The referentienummer of the envelope answered ('' when it could not be read). */
  readonly crossRefnummer: string;
}

function antwoordStuurgegevens(code: 'Bv03' | 'Fo01', a: StufAntwoord): string {
  return (
    `<StUF:stuurgegevens>${el('StUF:berichtcode', code)}${systeem('zender', a.zender)}${systeem('ontvanger', a.ontvanger)}` +
    `${el('StUF:referentienummer', a.referentienummer)}${el('StUF:tijdstipBericht', a.tijdstipBericht)}${el('StUF:crossRefnummer', a.crossRefnummer)}</StUF:stuurgegevens>`
  );
}

/** `StUF:Bv03Bericht`: the envelope was taken in. */
export function buildBv03(a: StufAntwoord): string {
  return `<StUF:Bv03Bericht xmlns:StUF="${STUF_NS}">${antwoordStuurgegevens('Bv03', a)}</StUF:Bv03Bericht>`;
}

/** `StUF:Fo01Bericht`: the envelope was refused; `details` (≤ 1000 characters) never carries a value from the bericht. */
export function buildFo01(a: StufAntwoord, fout: Fo01Code, details?: string): string {
  return (
    `<StUF:Fo01Bericht xmlns:StUF="${STUF_NS}">${antwoordStuurgegevens('Fo01', a)}` +
    `<StUF:body>${el('StUF:code', fout.code)}${el('StUF:plek', fout.plek)}${el('StUF:omschrijving', fout.omschrijving)}` +
    `${details !== undefined ? el('StUF:details', details.slice(0, 1000)) : ''}</StUF:body></StUF:Fo01Bericht>`
  );
}

/** A SOAP 1.1 Fault carrying the Fo01 in its detail (faultcode Client or Server by the Fo01's plek). */
export function soapFault(fo01: string, fout: Fo01Code): string {
  return soapEnvelope(
    `<soap:Fault><faultcode>soap:${fout.plek === 'client' ? 'Client' : 'Server'}</faultcode><faultstring>${xmlEscape(`${fout.code}: ${fout.omschrijving}`)}</faultstring><detail>${fo01}</detail></soap:Fault>`,
  );
}
