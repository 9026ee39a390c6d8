/**
 * `sluis serve` as a process: without SLUIS_PARTIES its first log line says it runs the demo config;
 * the README's walk-through works on it; an invalid config stops it with exit code 2 and every
 * problem named; SIGTERM stops it cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sample } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sluis-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serve(env: Record<string, string>, untilListening: boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SLUIS_DATA_DIR: join(dir, 'data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (untilListening && !signalled && out.includes('"event":"listening"')) {
        signalled = true;
        proc.kill('SIGTERM');
      }
    });
    proc.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    proc.on('exit', (code, signal) => done({ code: code ?? (signal ? -1 : null), out }));
  });
}

/** A running `sluis serve` with its base URL, the stdout read so far, and its exit code once stopped. */
async function listening(env: Record<string, string>): Promise<{ url: string; out: () => string; stop: () => Promise<number | null> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  let out = '';
  const url = await new Promise<string>((r) =>
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"event":"listening"[^\n]*"port":(\d+)/.exec(out);
      if (m) r(`http://127.0.0.1:${m[1]}`);
    }),
  );
  return {
    url,
    out: () => out,
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

describe('sluis serve', () => {
  it('says in its first log line that it runs the demo config, and stops cleanly on SIGTERM', async () => {
    const { code, out } = await serve({ SLUIS_PARTIES: '' }, true);
    const first = JSON.parse(out.split('\n')[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ event: 'config', demo: true });
    expect(String(first.msg)).toMatch(/DEMO parties config .*demo\.parties\.json/);
    expect(code, out).toBe(0);
    expect(out).toContain('"event":"stopped"');
  }, 60_000);

  it('with KAFKA_BROKERS set but no broker: accepts berichten, Kafka gauges on /metrics, readiness red', async () => {
    const { url, stop } = await listening({
      SLUIS_DATA_DIR: join(dir, 'kafka-data'),
      SLUIS_PARTIES: '',
      KAFKA_BROKERS: '127.0.0.1:1',
      SLUIS_KAFKA_KEY_SECRET: 'serve-test-kafka-secret-0123',
    });
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    const posted = await fetch(`${url}/api/v1/berichten`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-gemeente-0384', 'content-type': 'application/xml' },
      body: sample('JW301'),
    });
    expect(posted.status).toBe(202);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/sluis_kafka_up 0/);
    expect(metrics).toMatch(/sluis_outbox_backlog\{channel="kafka",state="pending"\} [1-9]/);
    expect(await stop()).toBe(0);
  }, 90_000);

  it("walks through the README: a sample posted by its gemeente is read and confirmed in the aanbieder's postbus", async () => {
    // The same requests as README.md's curl lines, on the demo config and a sample from samples/.
    const { url, stop } = await listening({ SLUIS_DATA_DIR: join(dir, 'readme-data'), SLUIS_PARTIES: '' });
    try {
      const xml = readFileSync(join(ROOT, 'samples/ijw/JW301.xml'));
      const as = (who: string): Record<string, string> => ({ authorization: `Bearer demo-${who}` });
      const posted = await fetch(`${url}/api/v1/berichten`, {
        method: 'POST',
        headers: { ...as('gemeente-0363'), 'content-type': 'application/xml' },
        body: xml,
      });
      expect(posted.status).toBe(202);
      const receipt = (await posted.json()) as { id: string; status: string; decision: { action: string; addressee: string } };
      expect(receipt).toMatchObject({ status: 'klaargezet', decision: { action: 'route', addressee: '41410017' } });

      const box = (await (await fetch(`${url}/api/v1/postbus?limit=10`, { headers: as('aanbieder-41410017') })).json()) as {
        items: { id: string; links: { xml: string; ontvangst: string } }[];
      };
      expect(box.items.map((i) => i.id)).toEqual([receipt.id]);
      const delivered = await fetch(`${url}${box.items[0]!.links.xml}`, { headers: as('aanbieder-41410017') });
      expect(Buffer.from(await delivered.arrayBuffer()).equals(xml)).toBe(true);

      const confirmed = await fetch(`${url}${box.items[0]!.links.ontvangst}`, { method: 'POST', headers: as('aanbieder-41410017') });
      expect(await confirmed.json()).toEqual({ id: receipt.id, confirmed: true, alreadyConfirmed: false });
      expect(
        ((await (await fetch(`${url}/api/v1/postbus`, { headers: as('aanbieder-41410017') })).json()) as { items: unknown[] }).items,
      ).toEqual([]);
      const history = (await (await fetch(`${url}/api/v1/berichten/${receipt.id}`, { headers: as('gemeente-0363') })).json()) as {
        status: string;
      };
      expect(history.status).toBe('afgeleverd');
    } finally {
      expect(await stop()).toBe(0);
    }
  }, 90_000);

  it('refuses an invalid parties config with exit code 2, naming every problem', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ parties: [{ role: 'gemeente', code: '12', name: 'x', apiKeys: [{ id: 'k', sha256: 'abc' }] }] }));
    const { code, out } = await serve({ SLUIS_PARTIES: file }, false);
    expect(code).toBe(2);
    expect(out).toContain('parties[0].code');
    expect(out).toContain('parties[0].apiKeys[0].sha256');
    expect(out).not.toContain('"event":"listening"');
  }, 60_000);

  it.each([
    ['SLUIS_VALIDATE_THREADS', 'many', 'not an integer 0–64'],
    ['SLUIS_VALIDATE_INLINE_BYTES', '64k', 'not a whole number of bytes'],
  ])(
    'refuses a %s of %j (%s) with exit code 2',
    async (name, value) => {
      const { code, out } = await serve({ SLUIS_PARTIES: '', [name]: value }, false);
      expect(code).toBe(2);
      expect(out).toMatch(new RegExp(`"event":"config-invalid"[^\\n]*${name}`));
      expect(out).not.toContain('"event":"listening"');
    },
    60_000,
  );

  it('answers the same with validation on the main thread (0), on 1 thread for large bodies only, on 1 thread for all, and on 2 threads', async () => {
    const bad = sample('JW301').replace(/<jw301:Geslacht>1</, '<jw301:Geslacht>7<');
    const answers: unknown[] = [];
    const setups = [
      { threads: '0', inline: undefined, logged: '"threads":0,"inlineMaxBytes":null' },
      { threads: '1', inline: undefined, logged: '"threads":1,"inlineMaxBytes":65536' },
      { threads: '1', inline: '0', logged: '"threads":1,"inlineMaxBytes":0' },
      { threads: '2', inline: undefined, logged: '"threads":2,"inlineMaxBytes":0' },
    ];
    for (const [i, { threads, inline, logged }] of setups.entries()) {
      const { url, out, stop } = await listening({
        SLUIS_DATA_DIR: join(dir, `threads-${i}`),
        SLUIS_PARTIES: '',
        SLUIS_VALIDATE_THREADS: threads,
        ...(inline !== undefined ? { SLUIS_VALIDATE_INLINE_BYTES: inline } : {}),
      });
      expect(out()).toContain(`"event":"validation",${logged}`);
      const post = async (body: string): Promise<{ status: number; body: Record<string, unknown> }> => {
        const res = await fetch(`${url}/api/v1/berichten`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-gemeente-0384', 'content-type': 'application/xml' },
          body,
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const ok = await post(sample('JW301'));
      const refused = await post(bad);
      expect(ok.status).toBe(202);
      expect(refused.status).toBe(400);
      // Ids differ per run; everything else must not depend on where validation ran.
      const { id: _id, links: _links, ...okRest } = ok.body;
      answers.push({ ok: okRest, refused: refused.body });
      expect(await stop()).toBe(0);
    }
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  }, 180_000);
});
