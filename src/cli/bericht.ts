/**
 * `sluis bericht <id> [--xml | --retour] [--json] [--operator NAME]`
 *
 * One bericht from the store the settings name (DATABASE_URL, else PGlite in SLUIS_DATA_DIR: refused
 * while a gateway has that folder open): its journal facts (a summary without client data), or with
 * --xml the bytes as received, or with --retour the retourbericht Sluis made, to stdout. The read goes
 * through the berichten service, so the access log records it (decision 0033): actor soort `cli`,
 * actor the person running it (--operator, else SLUIS_OPERATOR, else the OS user), route `cli`.
 * Exit codes: 0 done, 1 no such bericht (or no retour for it), 2 usage or settings, 70 internal.
 */
import { userInfo } from 'node:os';
import type { CliIO } from './main.js';
import { openStoreFor } from './store-command.js';

const USAGE = `usage: sluis bericht <id> [--xml | --retour] [--json] [--operator NAME]
  --xml            print the bericht as received (it holds the client's BSN: the read is logged)
  --retour         print the retourbericht Sluis made for it
  --json           the journal entry as one JSON object (GET /api/v1/berichten/{id}'s facts)
  --operator NAME  who reads, in the access log (default: SLUIS_OPERATOR or the OS user)
  env: DATABASE_URL | SLUIS_DATA_DIR
`;

const FLAGS = new Set(['--xml', '--retour', '--json', '--help', '-h']);

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'onbekend';
  }
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const usage = (why: string): number => {
    io.stderr(`sluis bericht: ${why}\n${USAGE}`);
    return 2;
  };
  const flags = new Set<string>();
  const positional: string[] = [];
  let operator: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (FLAGS.has(a)) flags.add(a);
    else if (a === '--operator' || a.startsWith('--operator=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) return usage('--operator needs a value');
      operator = v;
    } else if (a.startsWith('-')) return usage(`unknown option '${a}'`);
    else positional.push(a);
  }
  if (flags.has('--help') || flags.has('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (positional.length !== 1) return usage('give exactly one bericht id');
  if (flags.has('--xml') && flags.has('--retour')) return usage('--xml or --retour, not both');
  if (flags.has('--json') && (flags.has('--xml') || flags.has('--retour'))) return usage('--json prints the journal entry, not XML');
  const id = positional[0]!;
  const name = (operator ?? io.env['SLUIS_OPERATOR'] ?? osUser()).trim();
  if (!name || name.length > 200) return usage('--operator: a name of 1 to 200 characters');

  const wiring = await openStoreFor(io, 'bericht', usage, async (settings) => (await import('../app/bericht.js')).openBerichten(settings));
  if (typeof wiring === 'number') return wiring;
  try {
    const { berichten } = wiring;
    if (!berichten.isId(id)) {
      io.stderr(`sluis bericht: no bericht '${id}'\n`);
      return 1;
    }
    const lezing = flags.has('--xml') ? 'xml' : flags.has('--retour') ? 'retour' : 'bericht';
    const read = await berichten.get(id, { actor: { kind: 'cli', name }, route: 'cli' }, lezing);
    if (!read || read.kind === 'geweigerd') {
      io.stderr(`sluis bericht: no bericht '${id}'\n`);
      return 1;
    }
    if (read.kind === 'geen-retour') {
      io.stderr(`sluis bericht: Sluis made no retourbericht for ${id}\n`);
      return 1;
    }
    const row = read.row;
    if (lezing === 'retour') {
      const retour = row.retour_xml ?? '';
      io.stdout(retour.endsWith('\n') ? retour : `${retour}\n`);
      return 0;
    }
    if (lezing === 'xml') {
      const raw = await berichten.raw(row);
      if (!raw) {
        io.stderr(`sluis bericht: the XML of ${id} is not in the store\n`);
        return 1;
      }
      io.stdout(new TextDecoder().decode(raw));
      return 0;
    }
    const facts = {
      id: row.id,
      ontvangen: new Date(row.received_at).toISOString(),
      standaard: row.standard,
      bericht: row.bericht,
      identificatie: row.identificatie,
      afzender: row.afzender,
      ontvanger: row.ontvanger,
      verzender: row.sender,
      geadresseerde: row.addressee,
      status: row.status,
      besluit: row.decision,
      issues: row.issues,
      retour: row.retour_xml !== null,
      duplicaatVan: row.duplicate_of,
    };
    if (flags.has('--json')) {
      io.stdout(`${JSON.stringify(facts)}\n`);
      return 0;
    }
    const d = row.decision as { action?: string; reasons?: readonly { rule?: string; text?: string }[] } | null;
    const lines: [string, string][] = [
      ['id', facts.id],
      ['ontvangen', facts.ontvangen],
      ['bericht', facts.bericht],
      ['standaard', facts.standaard],
      ['identificatie', facts.identificatie],
      ['afzender', facts.afzender],
      ['ontvanger', facts.ontvanger],
      ['geadresseerde', facts.geadresseerde ?? '—'],
      ['status', facts.status],
      ['besluit', d?.action ?? '—'],
      ...(d?.reasons ?? []).map((r): [string, string] => ['  reden', `${r.rule ?? ''} ${r.text ?? ''}`.trim()]),
      ['issues', String(Array.isArray(row.issues) ? row.issues.length : 0)],
      ['retour', facts.retour ? 'ja (--retour)' : 'nee'],
      ...(facts.duplicaatVan ? [['duplicaat van', facts.duplicaatVan] as [string, string]] : []),
    ];
    const w = Math.max(...lines.map(([k]) => k.length));
    for (const [k, v] of lines) io.stdout(`${k.padEnd(w)}  ${v}\n`);
    return 0;
  } finally {
    await wiring.close();
  }
}
