import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, authenticate, authenticateRequest, hashApiKey, loadPartiesConfig, parsePartiesConfig } from './parties.js';

const key = (k: string) => [{ id: 'k', sha256: hashApiKey(k) }];

describe('parties config', () => {
  it('loads the demo config and authenticates its published keys', () => {
    const c = loadPartiesConfig(resolve(import.meta.dirname, '../../config/demo.parties.json'));
    expect(authenticate(c, 'Bearer demo-gemeente-0384')).toMatchObject({ kind: 'party', party: { role: 'gemeente', code: '0384' } });
    expect(authenticate(c, 'Bearer demo-aanbieder-42420001')).toMatchObject({ kind: 'party', party: { code: '42420001' } });
    expect(authenticate(c, 'Bearer demo-aanbieder-41410017')).toMatchObject({
      kind: 'party',
      party: { role: 'aanbieder', code: '41410017' },
    });
    expect(authenticate(c, 'Bearer demo-operator')).toMatchObject({ kind: 'operator' });
    expect(authenticate(c, 'Bearer nope')).toBeUndefined();
    expect(authenticate(c, 'Basic ZGVtbw==')).toBeUndefined();
    expect(authenticate(c, undefined)).toBeUndefined();
    // keys are stored hashed: the clear key is not in the file
    expect(readFileSync(resolve(import.meta.dirname, '../../config/demo.parties.json'), 'utf8')).not.toMatch(/"demo-gemeente-0384"/);
  });

  it('reports every problem with its path', () => {
    let err: ConfigError | undefined;
    try {
      parsePartiesConfig(
        {
          parties: [
            { role: 'gemeente', code: '384', name: 'x', apiKeys: key('a') },
            { role: 'aanbieder', code: '1234', name: 'y', apiKeys: key('b') },
            { role: 'zorgkantoor', code: '1', name: 'z', apiKeys: key('c') },
            {
              role: 'gemeente',
              code: '0363',
              name: '',
              apiKeys: [{ id: 'k', sha256: 'plain-key' }],
              webhook: { url: 'ftp://x', secret: 'short' },
            },
            { role: 'gemeente', code: '0518', name: 'ok', apiKeys: key('dup') },
            { role: 'aanbieder', code: '12345678', name: 'ok', apiKeys: key('dup'), extra: 1 },
          ],
          bogus: true,
        },
        'test.json',
      );
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err!.problems.join('\n');
    expect(text).toContain('parties[0].code: a gemeente is identified by its 4-digit CBS gemeentecode');
    expect(text).toContain('parties[1].code: a aanbieder is identified by its 8-digit AGB code');
    expect(text).toContain('parties[2].role');
    expect(text).toContain('parties[3].name');
    expect(text).toContain('parties[3].apiKeys[0].sha256');
    expect(text).toContain('parties[3].webhook.url');
    expect(text).toContain('parties[3].webhook.secret');
    expect(text).toContain('parties[5].apiKeys: the same API key is configured twice');
    expect(text).toContain('parties[5].extra: unknown field');
    expect(text).toContain('bogus: unknown field');
    expect(err!.message).toContain('invalid parties config test.json');
  });

  it('a gemeente chooses advise or enforce for the conversation rules; nothing else may', () => {
    const c = parsePartiesConfig(
      {
        parties: [
          { role: 'gemeente', code: '0518', name: 'a', apiKeys: key('a'), conversatie: 'enforce' },
          { role: 'gemeente', code: '0363', name: 'b', apiKeys: key('b') },
        ],
      },
      't',
    );
    expect(c.parties.get('0518')?.conversatie).toBe('enforce');
    expect(c.parties.get('0363')?.conversatie).toBeUndefined();
    expect(() =>
      parsePartiesConfig(
        {
          parties: [
            { role: 'gemeente', code: '0518', name: 'a', apiKeys: key('a'), conversatie: 'strict' },
            { role: 'aanbieder', code: '12345678', name: 'b', apiKeys: key('b'), conversatie: 'enforce' },
          ],
        },
        't',
      ),
    ).toThrow(/parties\[0\]\.conversatie: must be "advise" or "enforce"[\s\S]*parties\[1\]\.conversatie: only a gemeente/);
  });

  it('client certificates: by fingerprint (colons or not) or subject serialNumber; an Authorization header decides when sent', () => {
    const fp = 'AB:'.repeat(31) + 'CD';
    const c = parsePartiesConfig(
      {
        parties: [
          {
            role: 'gemeente',
            code: '0518',
            name: 'a',
            apiKeys: key('a'),
            certificates: [{ id: 'oin', serialNumber: '00000001001234567000' }],
          },
          { role: 'aanbieder', code: '12345678', name: 'b', certificates: [{ id: 'fp', sha256: fp }] },
        ],
        operators: [{ name: 'ops', certificates: [{ id: 'ops', sha256: 'ef'.repeat(32) }] }],
      },
      't',
    );
    const sha = (hex: string): string => hex.replace(/:/g, '').toLowerCase();
    expect(authenticateRequest(c, { certificate: { sha256: sha(fp) } })).toMatchObject({
      kind: 'party',
      party: { code: '12345678' },
      keyId: 'fp',
    });
    expect(authenticateRequest(c, { certificate: { sha256: '00'.repeat(32), serialNumber: '00000001001234567000' } })).toMatchObject({
      party: { code: '0518' },
      keyId: 'oin',
    });
    expect(authenticateRequest(c, { certificate: { sha256: 'ef'.repeat(32) } })).toMatchObject({ kind: 'operator', name: 'ops' });
    expect(authenticateRequest(c, { certificate: { sha256: '00'.repeat(32), serialNumber: 'other' } })).toBeUndefined();
    expect(authenticateRequest(c, { certificate: { sha256: sha(fp) }, authorization: 'Bearer nope' })).toBeUndefined();
    expect(authenticateRequest(c, { certificate: { sha256: sha(fp) }, authorization: 'Bearer a' })).toMatchObject({
      party: { code: '0518' },
    });
    expect(authenticateRequest(c, {})).toBeUndefined();
  });

  it('refuses certificate entries that are not exactly one of fingerprint or serialNumber, and duplicates', () => {
    let text = '';
    try {
      parsePartiesConfig(
        {
          parties: [
            { role: 'gemeente', code: '0518', name: 'a', certificates: [{ id: 'x', sha256: 'ab'.repeat(32), serialNumber: '1' }] },
            { role: 'gemeente', code: '0363', name: 'b', certificates: [{ id: 'x', sha256: 'not-hex' }, { id: 'y' }] },
            { role: 'gemeente', code: '0344', name: 'c', certificates: [] },
            { role: 'aanbieder', code: '12345678', name: 'd', certificates: [{ id: 'x', serialNumber: 'OIN1' }] },
            { role: 'aanbieder', code: '12345679', name: 'e', certificates: [{ id: 'x', serialNumber: 'OIN1', extra: 1 }] },
            { role: 'aanbieder', code: '12345670', name: 'f' },
          ],
        },
        't',
      );
    } catch (e) {
      text = (e as ConfigError).message;
    }
    expect(text).toContain('parties[0].certificates[0]: give exactly one of sha256');
    expect(text).toContain("parties[1].certificates[0].sha256: must be the certificate's SHA-256 fingerprint");
    expect(text).toContain('parties[1].certificates[1]: give exactly one of sha256');
    expect(text).toContain('parties[2].certificates: must be a non-empty array');
    expect(text).toContain('parties[4].certificates[0].extra: unknown field');
    expect(text).toContain('parties[4].certificates: the same certificate is configured twice');
    expect(text).toContain('parties[5].apiKeys: must be a non-empty array');
  });

  it('refuses a file that is not JSON, naming it', () => {
    expect(() => loadPartiesConfig('/nonexistent/parties.json')).toThrow(/cannot read/);
  });

  it('a gemeente may take its berichten as StUF-GGk envelopes at an endpoint; every mistake is named', () => {
    const c = parsePartiesConfig(
      {
        parties: [
          { role: 'gemeente', code: '0518', name: 'a', apiKeys: key('a'), channel: 'stuf-ggk', endpoint: 'https://bo.example/ggk' },
          { role: 'gemeente', code: '0363', name: 'b', apiKeys: key('b'), channel: 'rest' },
        ],
      },
      't',
    );
    expect(c.parties.get('0518')).toMatchObject({ channel: 'stuf-ggk', endpoint: 'https://bo.example/ggk' });
    expect(c.parties.get('0363')).toMatchObject({ channel: 'rest' });
    expect(c.parties.get('0363')?.endpoint).toBeUndefined();
    let err: Error | undefined;
    try {
      parsePartiesConfig(
        {
          parties: [
            { role: 'gemeente', code: '0518', name: 'a', apiKeys: key('a'), channel: 'stuf-ggk' },
            { role: 'gemeente', code: '0363', name: 'b', apiKeys: key('b'), channel: 'soap', endpoint: 'https://x' },
            { role: 'aanbieder', code: '12345678', name: 'c', apiKeys: key('c'), channel: 'stuf-ggk', endpoint: 'https://x' },
            { role: 'gemeente', code: '0384', name: 'd', apiKeys: key('d'), endpoint: 'https://x' },
            { role: 'gemeente', code: '0599', name: 'e', apiKeys: key('e'), channel: 'stuf-ggk', endpoint: 'ftp://x' },
          ],
        },
        't',
      );
    } catch (e) {
      err = e as Error;
    }
    const text = err?.message ?? '';
    expect(text).toContain('parties[0].endpoint: with "channel": "stuf-ggk"');
    expect(text).toContain('parties[1].channel: must be "rest" or "stuf-ggk"');
    expect(text).toContain("parties[2].channel: stuf-ggk is the gemeenten's envelope");
    expect(text).toContain('parties[3].endpoint: only with "channel": "stuf-ggk"');
    expect(text).toContain('parties[4].endpoint: with "channel": "stuf-ggk"');
  });
});
