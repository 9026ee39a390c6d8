/**
 * `sluis replay --from <ISO|offset> --to <ISO|offset> [--standard ijw|iwmo] [--bericht 323] [--gemeente 0363]
 *   [--aanbieder 12345678] [--decision suppress] [--dry-run] [--rate N/s] [--json] [--registry FILE]
 *   [--source journal|kafka] [--today YYYY-MM-DD] [--operator NAME] [--registry-as-of ISO-TIME]`
 *
 * Re-runs the selected berichten through today's rules (src/replay/run.ts). Source: the Kafka inbound
 * topic when KAFKA_BROKERS is set, else the journal. Store: DATABASE_URL, else PGlite in SLUIS_DATA_DIR.
 * Rules: the contract registry from --registry or SLUIS_REGISTRY through the decision core; without a
 * registry the gateway's default (route to the header's other party); with --registry-as-of, the
 * registry stored in the database as it was in force at that moment (decision 0032). Re-delivery: through the delivery
 * channels of the parties config, read as `serve` reads it (SLUIS_PARTIES, else the demo config), so a
 * changed bericht routed to a party with a webhook gets its webhook row as at ingest.
 * Exit codes: 0 done, 1 some berichten could not be re-decided (errors > 0), 2 usage, 70 internal.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CliIO } from './main.js';
import { parseSelection, SelectionError, type ReplaySelection } from '../replay/selection.js';

const USAGE = `usage: sluis replay --from <ISO time|offset> --to <ISO time|offset> [filters] [--dry-run] [--rate N/s] [--json]
  filters: --standard ijw|iwmo  --bericht 323  --gemeente 0363  --aanbieder 12345678  --decision route|suppress|refuse
  --registry FILE     contract registry for today's rules (default: SLUIS_REGISTRY)
  --registry-as-of T  decide under the registry stored in the database as in force at ISO time T
                      (instead of the file; the report names the version)
  --source S          journal | kafka (default: kafka when KAFKA_BROKERS is set)
  --today YYYY-MM-DD  the date the rules are applied for (default: today in Europe/Amsterdam)
  --operator NAME     who runs it, journaled with the run (default: SLUIS_OPERATOR or the OS user)
  env: DATABASE_URL | SLUIS_DATA_DIR, SLUIS_PARTIES, KAFKA_BROKERS (+ docs/kafka.md)
`;

const VALUE_OPTS = new Set([
  '--from',
  '--to',
  '--standard',
  '--bericht',
  '--gemeente',
  '--aanbieder',
  '--decision',
  '--rate',
  '--registry',
  '--registry-as-of',
  '--source',
  '--today',
  '--operator',
]);
const FLAGS = new Set(['--dry-run', '--json', '--help', '-h']);

export interface ParsedArgs {
  values: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(args: readonly string[]): ParsedArgs | { error: string } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (FLAGS.has(a)) {
      flags.add(a);
      continue;
    }
    if (!VALUE_OPTS.has(a)) return { error: `unknown option '${a}'` };
    const v = inline ?? args[++i];
    if (v === undefined) return { error: `${a} needs a value` };
    values[a] = v;
  }
  return { values, flags };
}

/** `50`, `50/s` → 50; undefined when absent. */
export function parseRate(v: string | undefined): number | undefined | { error: string } {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(v.trim());
  if (!m || Number(m[1]) <= 0) return { error: `--rate: '${v}' is not N or N/s with N > 0` };
  return Number(m[1]);
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`sluis replay: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const v = parsed.values;
  const json = parsed.flags.has('--json');
  const dryRun = parsed.flags.has('--dry-run');
  const usageError = (code: string, message: string): number => {
    if (json) io.stdout(`${JSON.stringify({ error: code, message })}\n`);
    else io.stderr(`sluis replay: ${message}\n`);
    return 2;
  };
  let selection: ReplaySelection;
  try {
    selection = parseSelection({
      from: v['--from'],
      to: v['--to'],
      standard: v['--standard'],
      bericht: v['--bericht'],
      gemeente: v['--gemeente'],
      aanbieder: v['--aanbieder'],
      decision: v['--decision'],
    });
  } catch (err) {
    if (err instanceof SelectionError) return usageError(err.code, err.message);
    throw err;
  }
  const rate = parseRate(v['--rate']);
  if (typeof rate === 'object') return usageError('invalid-value', rate.error);
  const { systemClock } = await import('../app/clock.js');
  const { isCalendarDate } = await import('../standard/kalender.js');
  const today = v['--today'] ?? systemClock.today();
  if (!isCalendarDate(today)) return usageError('invalid-value', `--today: '${today}' is not a date YYYY-MM-DD`);
  const { SettingsError, settingsFromEnv } = await import('../app/settings.js');
  let settings;
  try {
    settings = settingsFromEnv(io.env, io.cwd);
  } catch (err) {
    if (err instanceof SettingsError) return usageError('invalid-config', err.message);
    throw err;
  }

  const { kafkaSettingsFromEnv, KafkaConfigError } = await import('../kafka/config.js');
  let kafkaSettings;
  try {
    kafkaSettings = kafkaSettingsFromEnv(io.env);
  } catch (err) {
    if (err instanceof KafkaConfigError) return usageError('invalid-config', err.message);
    throw err;
  }
  const source = v['--source'] ?? (kafkaSettings ? 'kafka' : 'journal');
  if (source !== 'journal' && source !== 'kafka') return usageError('invalid-value', `--source: '${source}': journal or kafka`);
  if (source === 'kafka' && !kafkaSettings) return usageError('invalid-config', '--source kafka needs KAFKA_BROKERS (see docs/kafka.md)');
  if (source === 'journal' && selection.from.kind === 'offset')
    return usageError('invalid-value', 'offsets select from the Kafka inbound topic; give ISO times for the journal');
  let registryAsOf: Date | undefined;
  if (v['--registry-as-of'] !== undefined) {
    const text = v['--registry-as-of'];
    registryAsOf = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : undefined;
    if (!registryAsOf || Number.isNaN(registryAsOf.getTime()))
      return usageError('invalid-value', `--registry-as-of: '${text}' is not an ISO time such as 2027-01-15T12:00:00Z`);
    if (v['--registry'] !== undefined) return usageError('invalid-value', '--registry-as-of or --registry, not both');
  }
  const operator = v['--operator'] ?? io.env['SLUIS_OPERATOR'] ?? safeUser();
  // Parties, channels, today's rules and the store as the gateway builds them (src/app/replay.ts).
  const { openReplay } = await import('../app/replay.js');
  const registryFile = v['--registry'] ?? io.env['SLUIS_REGISTRY'];
  const wiring = await openReplay(settings, {
    ...(registryFile ? { registryFile: resolve(io.cwd, registryFile) } : {}),
    ...(registryAsOf ? { registryAsOf } : {}),
    today,
  });
  if (!wiring.ok) return usageError(wiring.code, wiring.message);
  const { db, channels, decider } = wiring;
  let kafka: import('kafkajs').Kafka | undefined;
  try {
    const { journalSource, kafkaSource, countJournalSelection } = await import('../replay/source.js');
    const { runReplay } = await import('../replay/run.js');
    const { formatProgress, formatReport } = await import('../replay/format.js');
    let pages;
    let total: number | undefined;
    if (source === 'kafka' && kafkaSettings) {
      const { createKafka } = await import('../kafka/client.js');
      kafka = createKafka(kafkaSettings);
      pages = kafkaSource(kafka, kafkaSettings.topics.inbound, db, selection);
    } else {
      total = await countJournalSelection(db, selection);
      pages = journalSource(db, selection);
    }
    let lastPlain = 0;
    let drewBar = false;
    const report = await runReplay({
      db: db,
      selection,
      dryRun,
      operator,
      source,
      pages,
      decide: decider,
      channels,
      ...(total !== undefined ? { total } : {}),
      ...(rate !== undefined ? { rate } : {}),
      onProgress: json
        ? undefined
        : (p) => {
            if (io.isTTY) {
              io.stderr(formatProgress(p, true));
              drewBar = true;
              return;
            }
            // Plain lines at most every 2 s (and the last one), so logs stay readable.
            if (p.elapsedMs - lastPlain >= 2000 || (p.total !== undefined && p.done === p.total)) {
              lastPlain = p.elapsedMs;
              io.stderr(formatProgress(p, false));
            }
          },
    });
    if (drewBar) io.stderr('\n');
    const full = wiring.registry ? { ...report, registry: wiring.registry } : report;
    io.stdout(json ? `${JSON.stringify(full)}\n` : formatReport(full));
    return report.counts.errors > 0 ? 1 : 0;
  } finally {
    await wiring.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
