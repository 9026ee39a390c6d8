/**
 * `sluis termijnen [--status open|gesloten|verlopen] [--partij CODE] [--bericht 301] [--limit N] [--json]`
 *
 * The termijnen Sluis tracks (docs/api.md, decision 0025), newest first, from the store the settings
 * name (DATABASE_URL, else PGlite in SLUIS_DATA_DIR: refused while a gateway has that folder open).
 * A table, or with --json one JSON object per line (the shape of GET /api/v1/termijnen's items).
 * Exit codes: 0 done, 2 usage or settings, 70 internal.
 */
import type { CliIO } from './main.js';
import { openStoreFor, printTable } from './store-command.js';

const USAGE = `usage: sluis termijnen [--status open|gesloten|verlopen] [--partij CODE] [--bericht 301] [--limit N] [--json]
  env: DATABASE_URL | SLUIS_DATA_DIR
`;

const VALUES = new Set(['--status', '--partij', '--bericht', '--limit']);
const FLAGS = new Set(['--json', '--help', '-h']);

function parseArgs(args: readonly string[]): { values: Record<string, string>; flags: Set<string> } | { error: string } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.startsWith('--') && args[i]!.includes('=') ? args[i]!.split(/=(.*)/s, 2) : [args[i]!, undefined];
    if (FLAGS.has(name!)) flags.add(name!);
    else if (VALUES.has(name!)) {
      const v = inline ?? args[++i];
      if (v === undefined) return { error: `${name} needs a value` };
      values[name!] = v;
    } else return { error: `unknown option '${name}'` };
  }
  return { values, flags };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  const usage = (why: string): number => {
    io.stderr(`sluis termijnen: ${why}\n${USAGE}`);
    return 2;
  };
  if ('error' in parsed) return usage(parsed.error);
  if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const v = parsed.values;
  const { TermijnStatus } = await import('../pipeline/termijn-derive.js');
  const { BERICHT_NUMMERS } = await import('../standard/catalog.js');
  const status = v['--status'];
  if (status !== undefined && !(Object.values(TermijnStatus) as string[]).includes(status))
    return usage(`--status: one of ${Object.values(TermijnStatus).join(', ')}`);
  const partij = v['--partij'];
  if (partij !== undefined && !/^([0-9]{4}|[0-9]{8})$/.test(partij)) return usage('--partij: a CBS (4 digits) or AGB (8 digits) code');
  const bericht = v['--bericht']?.replace(/^(JW|WMO)/, '');
  if (bericht !== undefined && !(BERICHT_NUMMERS as readonly string[]).includes(bericht))
    return usage('--bericht: a message number such as 301');
  const limitText = v['--limit'];
  const limit = limitText === undefined ? 100 : /^[0-9]{1,5}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 10_000)) return usage('--limit: an integer 1–10000');

  const wiring = await openStoreFor(io, 'termijnen', usage, async (settings) =>
    (await import('../app/termijnen.js')).openTermijnen(settings),
  );
  if (typeof wiring === 'number') return wiring;
  try {
    const { termijnView } = await import('../pipeline/termijnen.js');
    const rows = await wiring.termijnen.list({
      limit,
      ...(status ? { status } : {}),
      ...(partij ? { partij } : {}),
      ...(bericht ? { bericht } : {}),
    });
    if (parsed.flags.has('--json')) {
      for (const r of rows) io.stdout(`${JSON.stringify(termijnView(r))}\n`);
      return 0;
    }
    const table = [
      ['id', 'bericht', 'regel', 'status', 'geopend', 'uiterlijk', 'schuldenaar', 'afzender', 'gesloten door'],
      ...rows.map((r) => [
        r.seq,
        r.bericht,
        r.voorwaarde ? `${r.regel} (${r.voorwaarde})` : r.regel,
        r.status,
        r.geopend_op,
        r.uiterlijk,
        r.schuldenaar,
        r.afzender,
        r.gesloten_door ? `${r.gesloten_bericht} ${r.gesloten_door} op ${r.gesloten_op}` : '',
      ]),
    ];
    printTable(io, table);
    return 0;
  } finally {
    await wiring.close();
  }
}
