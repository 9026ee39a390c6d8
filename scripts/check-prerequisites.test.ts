import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, RDKAFKA_MOCK_HEADER, chromiumPath, missingPrerequisites, type Probe } from './check-prerequisites.js';

const all = (over: Partial<Probe> = {}): Probe => ({
  env: {},
  repoRoot: '/w/repo',
  exists: () => true,
  onPath: () => true,
  connect: () => Promise.resolve(undefined),
  ...over,
});

describe('check-prerequisites', () => {
  it('says nothing when everything is there', async () => {
    expect(await missingPrerequisites(all())).toEqual([]);
  });

  it('names each missing thing on one line with how to get it', async () => {
    const urls: string[] = [];
    const lines = await missingPrerequisites(
      all({
        exists: () => false,
        onPath: () => false,
        connect: (url) => {
          urls.push(url);
          return Promise.resolve('connect ECONNREFUSED 127.0.0.1:5432');
        },
      }),
    );
    expect(urls).toEqual([DEFAULT_DATABASE_URL]);
    expect(lines).toEqual([
      "shared reference data not found at /w/shared (no istandaarden/xsd): put the project's shared/ folder beside the repository, or set SLUIS_SHARED to it",
      'PostgreSQL not reachable at postgres://postgres@127.0.0.1:5432/test (connect ECONNREFUSED 127.0.0.1:5432): start it (Debian: apt-get install -y postgresql, then pg_ctlcluster <version> main start) with a database "test", or set TEST_DATABASE_URL',
      'gcc not found: it builds the Kafka mock broker; install it with apt-get install -y gcc',
      `librdkafka headers not found (${RDKAFKA_MOCK_HEADER}): the Kafka mock broker needs them; install with apt-get install -y librdkafka-dev`,
      "chromium not found at /usr/bin/chromium: the console's browser tests drive it; install it with apt-get install -y chromium, or set SLUIS_CHROMIUM to a Chromium binary",
      'openssl not found: the mTLS tests make their test CA with it; install it with apt-get install -y openssl',
    ]);
  });

  it('uses SLUIS_SHARED and TEST_DATABASE_URL, and prints no password', async () => {
    const seen: string[] = [];
    const lines = await missingPrerequisites(
      all({
        env: { SLUIS_SHARED: '/data/shared', TEST_DATABASE_URL: 'postgres://u:secret@db:5432/x' },
        exists: (p) => {
          seen.push(p);
          return !p.startsWith('/data/shared');
        },
        connect: () => Promise.resolve('password authentication failed'),
      }),
    );
    expect(seen).toContain('/data/shared/istandaarden/xsd');
    expect(lines[0]).toMatch(/^shared reference data not found at \/data\/shared /);
    expect(lines[1]).toMatch(/^PostgreSQL not reachable at postgres:\/\/u:\*\*\*@db:5432\/x \(password authentication failed\)/);
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('looks for Chromium where SLUIS_CHROMIUM says, else /usr/bin/chromium', async () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ SLUIS_CHROMIUM: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    const lines = await missingPrerequisites(all({ env: { SLUIS_CHROMIUM: '/opt/x' }, exists: (p) => p !== '/opt/x' }));
    expect(lines).toEqual([
      "chromium not found at /opt/x: the console's browser tests drive it; install it with apt-get install -y chromium, or set SLUIS_CHROMIUM to a Chromium binary",
    ]);
  });

  it('names only what is missing', async () => {
    const lines = await missingPrerequisites(all({ onPath: (c) => c !== 'gcc' }));
    expect(lines).toEqual(['gcc not found: it builds the Kafka mock broker; install it with apt-get install -y gcc']);
  });
});
