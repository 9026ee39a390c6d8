/**
 * `sluis <command> …`. Each command lives in its own module and is loaded only when used, so
 * `sluis validate` does not pay for the HTTP server or the database drivers.
 * Exit codes: 0 ok, 1 the input was judged invalid / the command found a problem, 2 usage error,
 * 70 internal error (EX_SOFTWARE).
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export type CommandRunner = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: CommandRunner }> }> = {
  validate: { summary: 'validate [--json] FILE...   check berichten (L1 schema + L2 rules)', load: () => import('./validate.js') },
  retour: { summary: 'retour FILE                 print the retourbericht for a heenbericht', load: () => import('./retour.js') },
  serve: { summary: 'serve                       run the gateway (same as npm start)', load: () => import('./serve.js') },
  explain: { summary: 'explain FILE [--registry F] [--json]  decide a bericht offline and say why', load: () => import('./explain.js') },
  replay: {
    summary: "replay --from T --to T [filters] [--dry-run]  re-run traffic through today's rules",
    load: () => import('./replay.js'),
  },
  import: {
    summary: 'import [--json] <folder|zip>  take historical berichten in without delivery; move the state horizons',
    load: () => import('./import.js'),
  },
  termijnen: {
    summary: 'termijnen [--status S] [--partij CODE] [--bericht 301] [--json]  the termijnen Sluis tracks',
    load: () => import('./termijnen.js'),
  },
  bericht: {
    summary: 'bericht ID [--xml|--retour] [--json]  one bericht (or its XML / retour); the read is in the access log',
    load: () => import('./bericht.js'),
  },
  toegangslog: {
    summary: 'toegangslog [--bericht ID] [--actor A] [--route R] [--from T] [--json]  who read which bericht (operators)',
    load: () => import('./toegangslog.js'),
  },
};

export function usage(): string {
  return `usage: sluis <command> [options]\n\ncommands:\n${Object.values(COMMANDS)
    .map((c) => `  ${c.summary}`)
    .join('\n')}\n`;
}

export function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io[name ? 'stdout' : 'stderr'](usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr(`sluis: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.run(rest, io);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `sluis validate … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 70;
    },
  );
}
