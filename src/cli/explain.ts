/**
 * `sluis explain FILE [--registry F] [--postcodes F] [--lookup URL] [--now DATE] [--json]` — parse a
 * bericht, run the same pure decision core the gateway runs, and print the decision and why.
 *
 * Offline: there is no journal, so a retour/antwoord is decided on its own content (the gateway uses
 * the stored heenbericht). The woonplaats check uses the CBS list from the shared reference data, and
 * a postcode table / lookup adapter only when given.
 *
 * Registry: --registry, else $SLUIS_REGISTRY — the same one `sluis serve` uses. With neither, there is no
 * registry and explain decides as the gateway does without one (route to the other party in the
 * header), and says so.
 * Exit codes: 0 decided (whatever the decision), 1 the bericht is not L1-valid (no decision possible),
 * 2 usage error, unreadable file, or an invalid registry (errors name file, JSON path and reason).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { systemClock } from '../app/clock.js';
import { loadRegistry, loadWoonplaats } from '../app/rules.js';
import { SettingsError, settingsFromEnv } from '../app/settings.js';
import type { Decision } from '../decision/decision.js';
import type { BerichtSummary } from '../decision/summary.js';
import { routeToCounterparty } from '../pipeline/decide-default.js';
import { registryDecide } from '../pipeline/decide-registry.js';
import { direction, headerFacts } from '../pipeline/identify.js';
import { parseBericht } from '../validation/parse.js';
import type { MessageDef } from '../standard/model.js';
import type { CliIO } from './main.js';

const HELP = `usage: sluis explain FILE [--registry F] [--postcodes F] [--lookup URL] [--now YYYY-MM-DD] [--json]

Decides a bericht offline with the contract registry and prints the decision and why.
  --registry F   contract registry (JSON); default $SLUIS_REGISTRY, as sluis serve; with neither, no
                 registry: decided as the gateway does without one (routed to the other party in the header)
                 (the demo registry of this repository: --registry config/demo.registry.json)
  --postcodes F  postcode range table (van,tot,gemeente) for the woonplaats check of a 301
  --lookup URL   woonplaats lookup adapter base URL (POST {URL}/woonplaats; token in $SLUIS_LOOKUP_TOKEN)
  --now DATE     the clock (default: today in Europe/Amsterdam)
  --json         print {file, bericht, summary, decision} as JSON
Exit: 0 decided, 1 bericht not L1-valid, 2 usage error, unreadable file or invalid registry.
`;

interface Args {
  readonly file?: string;
  readonly registry?: string;
  readonly postcodes?: string;
  readonly lookup?: string;
  readonly now?: string;
  readonly json: boolean;
  readonly help: boolean;
  readonly error?: string;
}

export function parseArgs(args: readonly string[]): Args {
  const out: { -readonly [K in keyof Args]: Args[K] } = { json: false, help: false };
  const valued = { '--registry': 'registry', '--postcodes': 'postcodes', '--lookup': 'lookup', '--now': 'now' } as const;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (a in valued) {
      const v = args[i + 1];
      if (v === undefined) return { ...out, error: `${a} needs a value` };
      out[valued[a as keyof typeof valued]] = v;
      i++;
    } else if (a.startsWith('-') && a !== '-') return { ...out, error: `unknown option '${a}'` };
    else if (out.file !== undefined) return { ...out, error: 'give exactly one FILE' };
    else out.file = a;
  }
  if (!out.help && out.file === undefined) return { ...out, error: 'no FILE given' };
  if (out.now !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(out.now)) return { ...out, error: '--now must be YYYY-MM-DD' };
  return out;
}

const ACTION_WORD = { route: 'ROUTE', suppress: 'SUPPRESS', refuse: 'REFUSE' } as const;

/** `s` is absent when the core could not summarise the bericht (the decision then says why). */
export function formatDecision(file: string, s: BerichtSummary | undefined, d: Decision): string {
  const lines: string[] = [];
  lines.push(
    s
      ? `${file}: ${s.id} (BerichtCode ${s.berichtCode}) from ${s.verzender === 'gemeente' ? `gemeente ${s.gemeente}` : `aanbieder ${s.aanbieder}`} to ${s.verzender === 'gemeente' ? `aanbieder ${s.aanbieder}` : `gemeente ${s.gemeente}`}, Identificatie ${s.identificatie}`
      : `${file}: the decision core could not summarise this bericht`,
  );
  lines.push(`decision: ${ACTION_WORD[d.action]}${d.addressee ? ` → ${d.addressee}` : ''}`);
  if (d.contractIds.length) lines.push(`contracts: ${d.contractIds.join(', ')}`);
  if (d.tags.length) lines.push(`tags: ${d.tags.join(', ')}`);
  lines.push('why:');
  for (const r of d.reasons) {
    const ctx = [r.contractId, r.variant].filter(Boolean).join(', ');
    lines.push(`  [${r.severity}] ${r.rule}${ctx ? ` (${ctx})` : ''}: ${r.text}`);
    for (const it of r.items ?? []) lines.push(`      - ${it}`);
  }
  if (d.woonplaats) {
    const w = d.woonplaats;
    lines.push(
      `woonplaats: expected ${w.verwachteGemeente ?? 'unknown'} (bron ${w.bron}, zekerheid ${w.zekerheid})${w.afwijking ? ' — differs from the bericht' : ''}`,
    );
    for (const t of w.toelichting) lines.push(`  - ${t}`);
  }
  if (s?.heen)
    lines.push(
      `note: offline, the heenbericht ${s.heen.nummer} (${s.heen.identificatie}) is not known; the gateway decides this answer with it`,
    );
  return lines.join('\n') + '\n';
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args);
  if (a.help) {
    io.stdout(HELP);
    return 0;
  }
  if (a.error || a.file === undefined) {
    io.stderr(`sluis explain: ${a.error ?? 'no FILE given'}\n${HELP}`);
    return 2;
  }
  // The same registry `sluis serve` would use: --registry, else SLUIS_REGISTRY, else none.
  const registryName = a.registry ?? (io.env.SLUIS_REGISTRY || undefined);
  const registryFile = registryName === undefined ? undefined : resolve(io.cwd, registryName);
  const settings = settingsFromEnv(io.env, io.cwd);
  let registry;
  try {
    registry = registryFile === undefined ? undefined : (await loadRegistry(registryFile)).registry;
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.stderr(`sluis explain: ${e.message.replace(/^invalid contract registry/, 'invalid registry')}\n`);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, a.file));
  } catch (e) {
    io.stderr(`sluis explain: cannot read ${a.file} (${(e as NodeJS.ErrnoException).code ?? 'EIO'})\n`);
    return 2;
  }
  const parsed = parseBericht(bytes);
  if (!parsed.success) {
    if (a.json) io.stdout(JSON.stringify({ file: a.file, bericht: parsed.message?.id ?? null, issues: parsed.issues }) + '\n');
    else {
      io.stderr(`${a.file}: not L1-valid, no decision (the sender gets a transport-level error):\n`);
      for (const i of parsed.issues) io.stderr(`  ${i.path}: ${i.code}: ${i.message}\n`);
    }
    return 1;
  }

  if (!registry) {
    if (a.postcodes || a.lookup)
      io.stderr('sluis explain: without a registry there is no woonplaats check; --postcodes/--lookup ignored\n');
    return explainWithoutRegistry(a.file, a.json, parsed, io);
  }

  const notes: string[] = [];
  let woonplaats;
  try {
    const w = await loadWoonplaats({
      sharedDir: settings.sharedDir,
      ...(a.postcodes ? { postcodesFile: resolve(io.cwd, a.postcodes) } : {}),
      ...(a.lookup ? { lookup: { url: a.lookup, ...(io.env.SLUIS_LOOKUP_TOKEN ? { token: io.env.SLUIS_LOOKUP_TOKEN } : {}) } } : {}),
    });
    woonplaats = w.deps;
    if (w.off) notes.push(`woonplaats check skipped: ${w.off}`);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.stderr(`sluis explain: ${e.message}\n`);
    return 2;
  }
  // The gateway's own decide chain (summarize → woonplaats → decision core), without a journal:
  // offline there is no earlier traffic, so the core is asked about none.
  const decideFn = registryDecide({ registry: () => registry, ...(woonplaats ? { woonplaats } : {}) });
  const h = headerFacts(parsed.bericht);
  const { sender, counterparty } = direction(parsed.message, h);
  let journaled;
  try {
    journaled = await decideFn({
      message: parsed.message,
      bericht: parsed.bericht,
      header: h,
      sender,
      counterparty,
      today: a.now ?? systemClock.today(),
    });
  } catch (e) {
    io.stderr(`sluis explain: ${(e as Error).message}\n`);
    return 2;
  }
  const { summary, ...decision } = journaled;
  if (a.json) {
    io.stdout(
      JSON.stringify({
        file: a.file,
        bericht: parsed.message.id,
        registry: registryFile,
        summary,
        decision,
        ...(notes.length ? { notes } : {}),
      }) + '\n',
    );
  } else {
    io.stdout(formatDecision(a.file, summary, decision));
    for (const n of notes) io.stdout(`note: ${n}\n`);
  }
  return 0;
}

/** Without a registry the gateway routes every valid bericht to the other party in its header; explain says the same. */
async function explainWithoutRegistry(
  file: string,
  json: boolean,
  parsed: { readonly message: MessageDef; readonly bericht: Record<string, unknown> },
  io: CliIO,
): Promise<number> {
  const h = headerFacts(parsed.bericht);
  const { sender, counterparty } = direction(parsed.message, h);
  const d = await routeToCounterparty({ message: parsed.message, bericht: parsed.bericht, header: h, sender, counterparty, today: '' });
  const note =
    'no contract registry (no --registry, SLUIS_REGISTRY not set): decided as the gateway does without one; ' +
    'give --registry F (e.g. config/demo.registry.json) to apply contracts';
  if (json) {
    io.stdout(JSON.stringify({ file, bericht: parsed.message.id, registry: null, decision: d, notes: [note] }) + '\n');
    return 0;
  }
  io.stdout(
    `${file}: ${parsed.message.id} (BerichtCode ${h.berichtCode}) from ${sender} to ${counterparty}, Identificatie ${h.identificatie}\n` +
      `decision: ${ACTION_WORD[d.action]}${d.addressee ? ` → ${d.addressee}` : ''}\n` +
      `why:\n${d.reasons.map((r) => `  ${r.rule}: ${r.text}\n`).join('')}` +
      `note: ${note}\n`,
  );
  return 0;
}
