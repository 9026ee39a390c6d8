/**
 * A running gateway for the console's browser tests and screenshots: the demo contract registry
 * (config/demo.registry.json), parties like the demo's with a webhook for aanbieder 41410017 that
 * fails until told otherwise, an injected clock, and traffic from the repository's samples: a
 * toewijzing (JW301) whose webhook delivery fails, a 323 suppressed under the taakgericht contract,
 * and a verzoek (JW315).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { hashApiKey, parsePartiesConfig } from '../../src/config/parties.js';
import type { StoreKind } from '../../src/store/db.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export const CONSOLE_KEYS = {
  gemeente0363: 'console-test-gemeente-0363-0123456789',
  aanbieder41410017: 'console-test-aanbieder-41410017-0123',
  aanbieder42420001: 'console-test-aanbieder-42420001-0123',
  operator: 'console-test-operator-0123456789abcd',
} as const;

export interface Receiver {
  readonly url: string;
  /** 503 while true, then 204. */
  failing: boolean;
  readonly got: { berichtId: string; status: number }[];
  close(): Promise<void>;
}

export async function webhookReceiver(): Promise<Receiver> {
  const rx = { failing: true, got: [] as { berichtId: string; status: number }[] };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = rx.failing ? 503 : 204;
      rx.got.push({ berichtId: String(req.headers['sluis-bericht-id']), status: res.statusCode });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return Object.assign(rx, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

export function sampleXml(name: string): string {
  return readFileSync(resolve(ROOT, 'samples/ijw', `${name}.xml`), 'utf8');
}

/** The sample 323 with its prestaties in categories 41 and 46: under DEMO-0363-JW-INTEGRAAL-TG (taakgericht-minimaal). */
export function taakgericht323(): string {
  return sampleXml('JW323')
    .replace(/ProductCategorie>45</g, 'ProductCategorie>41<')
    .replace(/ProductCategorie>54</g, 'ProductCategorie>46<')
    .replace(/ProductCode>45A01</g, 'ProductCode>41A01<')
    .replace(/ProductCode>54002</g, 'ProductCode>46002<');
}

export interface ConsoleFixture {
  readonly gw: TestGateway;
  readonly rx: Receiver;
  /** Moves the injected clock. */
  setNow(d: Date): void;
  readonly ids: { readonly toewijzing: string; readonly declaratie: string; readonly verzoek: string };
  post(xml: string, key: string): Promise<{ id: string; status: string }>;
  close(): Promise<void>;
}

export async function startConsoleFixture(store: StoreKind, start: Date): Promise<ConsoleFixture> {
  const rx = await webhookReceiver();
  let now = start;
  const key = (k: string) => [{ id: 'console', sha256: hashApiKey(k) }];
  const parties = parsePartiesConfig(
    {
      clientKeySecret: 'console-test-client-key-secret-0123',
      parties: [
        { role: 'gemeente', code: '0363', name: 'Gemeente 0363 (test)', apiKeys: key(CONSOLE_KEYS.gemeente0363) },
        {
          role: 'aanbieder',
          code: '41410017',
          name: 'Aanbieder 41410017 (test)',
          apiKeys: key(CONSOLE_KEYS.aanbieder41410017),
          webhook: { url: rx.url, secret: 'console-test-webhook-secret-0123456' },
        },
        { role: 'aanbieder', code: '42420001', name: 'Aanbieder 42420001 (test)', apiKeys: key(CONSOLE_KEYS.aanbieder42420001) },
      ],
      operators: [{ name: 'functioneel-beheer', apiKeys: key(CONSOLE_KEYS.operator) }],
    },
    'console test',
  );
  const gw = await startTestGateway(store, {
    parties,
    clock: () => now,
    cwd: ROOT,
    env: { SLUIS_REGISTRY: 'config/demo.registry.json', SLUIS_TERMIJN_INTERVAL_MS: '3600000' },
    // One attempt: the first failure gives the delivery up, so the console has one to redeliver.
    webhook: { idleMs: 30, backoff: { baseSeconds: 0.1, capSeconds: 0.2, maxAttempts: 1 } },
  });
  const post = async (xml: string, k: string): Promise<{ id: string; status: string }> => {
    const r = await fetch(`${gw.url}/api/v1/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${k}`, 'content-type': 'application/xml' },
      body: xml,
    });
    const body = (await r.json()) as { id: string; status: string };
    if (r.status !== 202) throw new Error(`POST ${r.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const toewijzing = await post(sampleXml('JW301'), CONSOLE_KEYS.gemeente0363);
  const declaratie = await post(taakgericht323(), CONSOLE_KEYS.aanbieder41410017);
  const verzoek = await post(sampleXml('JW315'), CONSOLE_KEYS.aanbieder41410017);
  await gw.app.termijnen.tick();
  return {
    gw,
    rx,
    setNow: (d) => {
      now = d;
    },
    ids: { toewijzing: toewijzing.id, declaratie: declaratie.id, verzoek: verzoek.id },
    post,
    async close() {
      await gw.close();
      await rx.close();
    },
  };
}
