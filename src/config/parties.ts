/**
 * Parties config: who may call the API. Gemeenten by 4-digit CBS code, aanbieders by 8-digit AGB
 * code, operators by name; each with one or more API keys stored as SHA-256 hex. A plain hash
 * suffices here (no bcrypt/scrypt) because keys are random tokens of ≥ 128 bits, not passwords:
 * there is nothing to guess, and a fast hash keeps authentication off the hot path (~2 µs).
 * Format documented in docs/operations.md; validated on load, every problem reported with its path.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Party roles. */
export const PartyRole = {
  /** A municipality, identified by its 4-digit CBS gemeentecode. */
  GEMEENTE: 'gemeente',
  /** A care provider, identified by its 8-digit AGB code. */
  AANBIEDER: 'aanbieder',
} as const;
export type PartyRole = (typeof PartyRole)[keyof typeof PartyRole];

export interface Webhook {
  readonly url: string;
  readonly secret: string;
}

/**
 * How the conversation rules (src/conversation) act on berichten between a gemeente and its
 * aanbieders (docs/validation.md; decision 0023).
 */
export const ConversatieMode = {
  /** Route as decided and attach the findings as advice (the default). */
  advise: 'advise',
  /** A finding whose history Sluis saw rejects the bericht: Sluis answers with the retour, nothing is routed. */
  enforce: 'enforce',
} as const;
export type ConversatieModeCode = (typeof ConversatieMode)[keyof typeof ConversatieMode];

/** How a party's berichten and retourberichten reach it besides its postbus (docs/operations.md). */
export const PartyChannel = {
  /** The REST API (postbus, and the webhook when one is configured): the default. */
  rest: 'rest',
  /** Gemeenten only: pushed as StUF-GGk Di01/Du01 envelopes to the party's `endpoint` (docs/stuf-ggk.md). */
  stufGgk: 'stuf-ggk',
} as const;
export type PartyChannelCode = (typeof PartyChannel)[keyof typeof PartyChannel];

export interface Party {
  readonly role: PartyRole;
  readonly code: string;
  readonly name: string;
  readonly webhook?: Webhook;
  /** Gemeenten only: advise (absent) or enforce. */
  readonly conversatie?: ConversatieModeCode;
  /** rest (absent) or stuf-ggk. */
  readonly channel?: PartyChannelCode;
  /** With channel stuf-ggk: the URL of the back office's OntvangAsynchroon service. */
  readonly endpoint?: string;
}

export type Principal =
  | { readonly kind: 'party'; readonly party: Party; readonly keyId: string }
  | { readonly kind: 'operator'; readonly name: string; readonly keyId: string };

/**
 * A client certificate the TLS layer verified against the CA bundle (SLUIS_TLS_CLIENT_CA), as the
 * parties config can name it (decision 0028).
 */
export interface ClientCertificate {
  /** SHA-256 of the certificate's DER bytes, lower-case hex without colons. */
  readonly sha256: string;
  /** The subject's serialNumber attribute (2.5.4.5): the OIN in a PKIoverheid certificate. */
  readonly serialNumber?: string;
}

export interface PartiesConfig {
  readonly parties: ReadonlyMap<string, Party>;
  /** sha256(key) hex → who holds it. */
  readonly keys: ReadonlyMap<string, Principal>;
  /** Client certificates by `sha256:<fingerprint>` and `serialNumber:<value>` → who holds them (the keyId is the entry's id). */
  readonly certificates?: ReadonlyMap<string, Principal>;
  /** Secret for keyed client hashes in journal summaries (HMAC-SHA256 of the BSN); absent → no client key. */
  readonly clientKeySecret?: string;
  /** Where it came from, for the first log line. */
  readonly source: string;
}

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid parties config ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const CODE_PATTERN: Record<PartyRole, RegExp> = { gemeente: /^[0-9]{4}$/, aanbieder: /^[0-9]{8}$/ };
const SHA256_HEX = /^[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(v: unknown, path: string, problems: string[]): { id: string; sha256: string }[] {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push(`${path}: must be a non-empty array of {id, sha256}`);
    return [];
  }
  const out: { id: string; sha256: string }[] = [];
  v.forEach((k, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(k)) {
      problems.push(`${p}: must be an object {id, sha256}`);
      return;
    }
    if (typeof k.id !== 'string' || k.id.length === 0) problems.push(`${p}.id: must be a non-empty string`);
    if (typeof k.sha256 !== 'string' || !SHA256_HEX.test(k.sha256)) {
      problems.push(
        `${p}.sha256: must be the lower-case hex SHA-256 of the key (64 chars); print it with: node -e "console.log(require('crypto').createHash('sha256').update(process.argv[1]).digest('hex'))" <key>`,
      );
      return;
    }
    if (typeof k.id === 'string') out.push({ id: k.id, sha256: k.sha256 });
  });
  return out;
}

/** A certificate's SHA-256 fingerprint as configured: hex, with or without colons (as `openssl x509 -fingerprint -sha256` prints it). */
const FINGERPRINT = /^(?:[0-9a-fA-F]{2}:){31}[0-9a-fA-F]{2}$|^[0-9a-fA-F]{64}$/;

/** The lookup key of a certificate entry or a presented certificate. */
export function certificateKey(by: 'sha256' | 'serialNumber', value: string): string {
  return by === 'sha256' ? `sha256:${value.replace(/:/g, '').toLowerCase()}` : `serialNumber:${value}`;
}

function checkCertificates(v: unknown, path: string, problems: string[]): { id: string; key: string }[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length === 0) {
    problems.push(`${path}: must be a non-empty array of {id, sha256} or {id, serialNumber}`);
    return [];
  }
  const out: { id: string; key: string }[] = [];
  v.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(c)) {
      problems.push(`${p}: must be an object {id, sha256} or {id, serialNumber}`);
      return;
    }
    for (const k of Object.keys(c)) if (!['id', 'sha256', 'serialNumber'].includes(k)) problems.push(`${p}.${k}: unknown field`);
    if (typeof c.id !== 'string' || c.id.length === 0) problems.push(`${p}.id: must be a non-empty string`);
    const has = (k: string): boolean => c[k] !== undefined;
    if (has('sha256') === has('serialNumber')) {
      problems.push(`${p}: give exactly one of sha256 (the certificate's fingerprint) or serialNumber (the subject's, e.g. an OIN)`);
      return;
    }
    if (has('sha256') && (typeof c.sha256 !== 'string' || !FINGERPRINT.test(c.sha256))) {
      problems.push(
        `${p}.sha256: must be the certificate's SHA-256 fingerprint (64 hex digits, colons allowed); print it with: openssl x509 -in cert.pem -noout -fingerprint -sha256`,
      );
      return;
    }
    if (has('serialNumber') && (typeof c.serialNumber !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(c.serialNumber))) {
      problems.push(
        `${p}.serialNumber: must be the subject serialNumber as in the certificate (1–64 printable characters, e.g. a 20-digit OIN)`,
      );
      return;
    }
    if (typeof c.id === 'string')
      out.push({
        id: c.id,
        key: has('sha256') ? certificateKey('sha256', c.sha256 as string) : certificateKey('serialNumber', c.serialNumber as string),
      });
  });
  return out;
}

const isHttpUrl = (v: unknown): boolean => {
  try {
    const u = new URL(String(v));
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/** `channel` and `endpoint`: an endpoint exactly when the channel is stuf-ggk, and that only for a gemeente. */
function checkChannel(
  p: Record<string, unknown>,
  role: PartyRole,
  path: string,
  problems: string[],
): { channel?: PartyChannelCode; endpoint?: string } {
  if (p.channel === undefined || p.channel === PartyChannel.rest) {
    if (p.endpoint !== undefined) problems.push(`${path}.endpoint: only with "channel": "stuf-ggk"`);
    return p.channel === undefined ? {} : { channel: PartyChannel.rest };
  }
  if (p.channel !== PartyChannel.stufGgk) {
    problems.push(`${path}.channel: must be "rest" or "stuf-ggk", got ${JSON.stringify(p.channel)}`);
    return {};
  }
  if (role !== 'gemeente') problems.push(`${path}.channel: stuf-ggk is the gemeenten's envelope (StUF-GGk); an aanbieder uses rest`);
  if (!isHttpUrl(p.endpoint)) {
    problems.push(`${path}.endpoint: with "channel": "stuf-ggk", the http(s) URL of the back office's OntvangAsynchroon service`);
    return {};
  }
  return { channel: PartyChannel.stufGgk, endpoint: String(p.endpoint) };
}

/** Validates a parsed JSON document; throws ConfigError listing every problem. */
export function parsePartiesConfig(doc: unknown, source: string): PartiesConfig {
  const problems: string[] = [];
  const parties = new Map<string, Party>();
  const keys = new Map<string, Principal>();
  const certificates = new Map<string, Principal>();
  const addKey = (hash: string, principal: Principal, path: string): void => {
    if (keys.has(hash)) problems.push(`${path}: the same API key is configured twice`);
    else keys.set(hash, principal);
  };
  const addCertificates = (v: unknown, path: string, principal: (id: string) => Principal): void => {
    for (const c of checkCertificates(v, path, problems)) {
      if (certificates.has(c.key)) problems.push(`${path}: the same certificate is configured twice`);
      else certificates.set(c.key, principal(c.id));
    }
  };
  /** API keys, unless the entry authenticates by certificate only. */
  const apiKeysOf = (o: Record<string, unknown>, path: string): { id: string; sha256: string }[] =>
    o.apiKeys === undefined && o.certificates !== undefined ? [] : checkKeys(o.apiKeys, `${path}.apiKeys`, problems);
  if (!isObject(doc))
    throw new ConfigError(source, ['top level: must be an object with "parties" (and optionally "operators", "clientKeySecret")']);
  for (const k of Object.keys(doc)) {
    if (!['parties', 'operators', 'clientKeySecret', '$comment'].includes(k)) problems.push(`${k}: unknown field`);
  }
  if (!Array.isArray(doc.parties)) problems.push('parties: must be an array');
  else
    doc.parties.forEach((p, i) => {
      const path = `parties[${i}]`;
      if (!isObject(p)) {
        problems.push(`${path}: must be an object`);
        return;
      }
      for (const k of Object.keys(p))
        if (!['role', 'code', 'name', 'apiKeys', 'certificates', 'webhook', 'conversatie', 'channel', 'endpoint'].includes(k))
          problems.push(`${path}.${k}: unknown field`);
      const role = p.role;
      if (role !== 'gemeente' && role !== 'aanbieder') {
        problems.push(`${path}.role: must be "gemeente" or "aanbieder"`);
        return;
      }
      const code = typeof p.code === 'string' ? p.code : '';
      // Keep checking the rest of this entry after a bad code, so one run reports every problem.
      if (!CODE_PATTERN[role].test(code)) {
        problems.push(
          `${path}.code: a ${role} is identified by ${role === 'gemeente' ? 'its 4-digit CBS gemeentecode' : 'its 8-digit AGB code'} (a string), got ${JSON.stringify(p.code)}`,
        );
      } else if (parties.has(code)) problems.push(`${path}.code: ${code} is configured twice`);
      if (typeof p.name !== 'string' || p.name.trim() === '') problems.push(`${path}.name: must be a non-empty string`);
      let webhook: Webhook | undefined;
      if (p.webhook !== undefined) {
        const w = p.webhook;
        if (!isObject(w)) problems.push(`${path}.webhook: must be an object {url, secret}`);
        else {
          let okUrl = false;
          try {
            const u = new URL(String(w.url));
            okUrl = u.protocol === 'https:' || u.protocol === 'http:';
          } catch {
            okUrl = false;
          }
          if (!okUrl) problems.push(`${path}.webhook.url: must be an http(s) URL`);
          if (typeof w.secret !== 'string' || w.secret.length < 16)
            problems.push(`${path}.webhook.secret: must be a string of at least 16 characters (HMAC key)`);
          if (okUrl && typeof w.secret === 'string') webhook = { url: String(w.url), secret: w.secret };
        }
      }
      let conversatie: ConversatieModeCode | undefined;
      if (p.conversatie !== undefined) {
        if (role !== 'gemeente')
          problems.push(`${path}.conversatie: only a gemeente chooses how the conversation rules act on its berichten`);
        else if (p.conversatie !== ConversatieMode.advise && p.conversatie !== ConversatieMode.enforce)
          problems.push(`${path}.conversatie: must be "advise" or "enforce", got ${JSON.stringify(p.conversatie)}`);
        else conversatie = p.conversatie;
      }
      const delivery = checkChannel(p, role, path, problems);
      const party: Party = {
        role,
        code,
        name: typeof p.name === 'string' ? p.name : code,
        ...(webhook ? { webhook } : {}),
        ...(conversatie ? { conversatie } : {}),
        ...delivery,
      };
      parties.set(code, party);
      for (const k of apiKeysOf(p, path)) addKey(k.sha256, { kind: 'party', party, keyId: k.id }, `${path}.apiKeys`);
      addCertificates(p.certificates, `${path}.certificates`, (id) => ({ kind: 'party', party, keyId: id }));
    });
  if (doc.operators !== undefined) {
    if (!Array.isArray(doc.operators)) problems.push('operators: must be an array');
    else
      doc.operators.forEach((o, i) => {
        const path = `operators[${i}]`;
        if (!isObject(o) || typeof o.name !== 'string' || o.name === '') {
          problems.push(`${path}: must be an object with a non-empty "name"`);
          return;
        }
        const name = o.name;
        for (const k of apiKeysOf(o, path)) addKey(k.sha256, { kind: 'operator', name, keyId: k.id }, `${path}.apiKeys`);
        addCertificates(o.certificates, `${path}.certificates`, (id) => ({ kind: 'operator', name, keyId: id }));
      });
  }
  if (doc.clientKeySecret !== undefined && (typeof doc.clientKeySecret !== 'string' || doc.clientKeySecret.length < 16)) {
    problems.push('clientKeySecret: must be a string of at least 16 characters');
  }
  if (problems.length) throw new ConfigError(source, problems);
  return {
    parties,
    keys,
    ...(certificates.size > 0 ? { certificates } : {}),
    source,
    ...(typeof doc.clientKeySecret === 'string' ? { clientKeySecret: doc.clientKeySecret } : {}),
  };
}

export function loadPartiesConfig(path: string): PartiesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read: ${(e as Error).message}`]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid JSON: ${(e as Error).message}`]);
  }
  return parsePartiesConfig(doc, path);
}

export function authenticate(config: PartiesConfig, authorization: string | undefined): Principal | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return undefined;
  return config.keys.get(hashApiKey(m[1]!));
}

/**
 * The principal of a request: its API key when it sends an Authorization header (which then decides,
 * right or wrong), else its verified client certificate, by fingerprint first, then by the subject's
 * serialNumber (decision 0028). src/http/auth.ts is the one caller for requests.
 */
export function authenticateRequest(
  config: PartiesConfig,
  credentials: { readonly authorization?: string | undefined; readonly certificate?: ClientCertificate },
): Principal | undefined {
  if (credentials.authorization !== undefined) return authenticate(config, credentials.authorization);
  const cert = credentials.certificate;
  if (!cert || !config.certificates) return undefined;
  return (
    config.certificates.get(certificateKey('sha256', cert.sha256)) ??
    (cert.serialNumber !== undefined ? config.certificates.get(certificateKey('serialNumber', cert.serialNumber)) : undefined)
  );
}
