/**
 * `npm test` runs this first (`pretest`): it names each missing thing on a line of its own, with how
 * to get it, instead of letting a test fail minutes later with a connection error. Checks:
 * - the shared reference data (`SLUIS_SHARED`, else `../shared` beside the repository);
 * - PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) for the
 *   *.int.test.ts files;
 * - gcc and librdkafka's headers, which build the Kafka mock broker (../shared/kafka). The
 *   broker-down test starts a mock of its own even when KAFKA_BROKERS names a cluster, so these are
 *   needed either way.
 * - Chromium (Debian's `chromium` package, or SLUIS_CHROMIUM naming one), which the console's
 *   real-browser tests (test/console) drive with playwright-core.
 * - openssl, with which the mTLS tests make their test CA and certificates at test time.
 * libxml2 comes from npm (libxml2-wasm): no xmllint binary is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const RDKAFKA_MOCK_HEADER = '/usr/include/librdkafka/rdkafka_mock.h';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the browser tests launch: SLUIS_CHROMIUM, else Debian's. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>>): string {
  return env['SLUIS_CHROMIUM'] || DEFAULT_CHROMIUM;
}

/** The line naming a missing Chromium, or undefined when it is there (the browser tests fail with this line too). */
export function missingChromium(p: Pick<Probe, 'env' | 'exists'>): string | undefined {
  const path = chromiumPath(p.env);
  return p.exists(path)
    ? undefined
    : `chromium not found at ${path}: the console's browser tests drive it; install it with apt-get install -y chromium, or set SLUIS_CHROMIUM to a Chromium binary`;
}

/** What the environment offers; a function of its own so the messages can be tested. */
export interface Probe {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly repoRoot: string;
  exists(path: string): boolean;
  onPath(command: string): boolean;
  /** undefined when a connection succeeded, else the error's message. */
  connect(url: string): Promise<string | undefined>;
}

/** One line per missing prerequisite, each saying how to get it; empty when all are there. */
export async function missingPrerequisites(p: Probe): Promise<string[]> {
  const missing: string[] = [];
  const shared = p.env['SLUIS_SHARED'] ?? resolve(p.repoRoot, '../shared');
  if (!p.exists(join(shared, 'istandaarden', 'xsd')))
    missing.push(
      `shared reference data not found at ${shared} (no istandaarden/xsd): put the project's shared/ folder beside the repository, or set SLUIS_SHARED to it`,
    );
  const url = p.env['TEST_DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const err = await p.connect(url);
  if (err !== undefined)
    missing.push(
      `PostgreSQL not reachable at ${redact(url)} (${err}): start it (Debian: apt-get install -y postgresql, then pg_ctlcluster <version> main start) with a database "test", or set TEST_DATABASE_URL`,
    );
  if (!p.onPath('gcc')) missing.push('gcc not found: it builds the Kafka mock broker; install it with apt-get install -y gcc');
  if (!p.exists(RDKAFKA_MOCK_HEADER))
    missing.push(
      `librdkafka headers not found (${RDKAFKA_MOCK_HEADER}): the Kafka mock broker needs them; install with apt-get install -y librdkafka-dev`,
    );
  const chromium = missingChromium(p);
  if (chromium) missing.push(chromium);
  if (!p.onPath('openssl'))
    missing.push('openssl not found: the mTLS tests make their test CA with it; install it with apt-get install -y openssl');
  return missing;
}

/** A password in a URL is not printed. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export const systemProbe = (repoRoot: string): Probe => ({
  env: process.env,
  repoRoot,
  exists: existsSync,
  onPath: (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0,
  connect: async (url) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (e) {
      return (e as Error).message || (e as { code?: string }).code || 'connection failed';
    } finally {
      await client.end().catch(() => undefined);
    }
  },
});

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = await missingPrerequisites(systemProbe(resolve(dirname(fileURLToPath(import.meta.url)), '..')));
  if (missing.length > 0) {
    console.error(`npm test: ${missing.length} prerequisite(s) missing:`);
    for (const m of missing) console.error(`- ${m}`);
    process.exitCode = 1;
  }
}
