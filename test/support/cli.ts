/**
 * Runs the CLI in process, as `sluis <argv…>` would, through `main(argv, io)`: output captured,
 * environment and working directory only what the test passes (nothing of the test process's own
 * `process.env` leaks in). The process entry point itself (exit code, EPIPE) is covered by the one
 * spawned smoke test in src/cli/main.test.ts.
 */
import { main, type CliIO } from '../../src/cli/main.js';
import { repoRoot } from './paths.js';

export interface CliResult {
  /** What the process would exit with. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** The command's environment; default empty. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths resolve against; default the repository root. */
  readonly cwd?: string;
  /** Whether stdout counts as a terminal (progress bars); default false. */
  readonly isTTY?: boolean;
}

export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? repoRoot(),
  };
  const code = await main([...argv], io);
  return { code, stdout, stderr };
}
