/**
 * `sluis toegangslog [--bericht ID] [--actor NAAM|CODE] [--route api|console|cli] [--lezing L] [--from T] [--to T] [--limit N] [--json]`
 *
 * The access log of personal data (decision 0033), newest first, from the store the settings name
 * (DATABASE_URL, else PGlite in SLUIS_DATA_DIR: refused while a gateway has that folder open). Whoever
 * can run this on the server can read the store anyway; the access log records reads of berichten,
 * not reads of itself. A table, or with --json one JSON object per line (GET /api/v1/toegangslog's items).
 * Exit codes: 0 done, 2 usage or settings, 70 internal.
 */
import type { CliIO } from './main.js';
import { openStoreFor, printTable } from './store-command.js';

const USAGE = `usage: sluis toegangslog [--bericht ID] [--actor NAAM|CODE] [--route api|console|cli] [--lezing bericht|xml|retour|conversatie|lijst]
                        [--from T] [--to T] [--limit N] [--json]
  env: DATABASE_URL | SLUIS_DATA_DIR
`;

const VALUES = ['bericht', 'actor', 'route', 'lezing', 'from', 'to', 'limit'] as const;
const FLAGS = new Set(['--json', '--help', '-h']);

export async function run(args: string[], io: CliIO): Promise<number> {
  const usage = (why: string): number => {
    io.stderr(`sluis toegangslog: ${why}\n${USAGE}`);
    return 2;
  };
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.startsWith('--') && args[i]!.includes('=') ? args[i]!.split(/=(.*)/s, 2) : [args[i]!, undefined];
    if (FLAGS.has(name!)) flags.add(name!);
    else if ((VALUES as readonly string[]).includes(name!.slice(2)) && name!.startsWith('--')) {
      const v = inline ?? args[++i];
      if (v === undefined) return usage(`${name} needs a value`);
      values[name!.slice(2)] = v;
    } else return usage(`unknown option '${name}'`);
  }
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const { parseToegangslogQuery } = await import('../http/toegangslog.js');
  const filter = parseToegangslogQuery((name) => values[name], 10_000);
  if ('error' in filter) return usage(`--${filter.error}`);

  const wiring = await openStoreFor(io, 'toegangslog', usage, async (settings) =>
    (await import('../app/toegangslog.js')).openToegangslog(settings),
  );
  if (typeof wiring === 'number') return wiring;
  try {
    const items = await wiring.toegangslog.search(filter);
    if (flags.has('--json')) {
      for (const r of items) io.stdout(`${JSON.stringify(r)}\n`);
      return 0;
    }
    const table = [
      ['seq', 'gelezen op', 'soort', 'actor', 'sleutel', 'route', 'lezing', 'bericht'],
      ...items.map((r) => [r.seq, r.gelezenOp, r.actorSoort, r.actor, r.sleutel ?? '', r.route, r.lezing, r.berichtId]),
    ];
    printTable(io, table);
    return 0;
  } finally {
    await wiring.close();
  }
}
