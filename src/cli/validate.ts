/**
 * `sluis validate [--json] FILE...` — L1 (XSD) and L2 (in-message rules) for each file, offline.
 * L3 needs stored state and is not run here. Exit codes: 0 every file valid, 1 at least one file
 * invalid or not judged because of an internal error, 2 usage error (no files, unknown option, a file
 * that cannot be read — still reported). One file never stops the others: an internal error while
 * validating a file is reported on that file's line and the next file is validated.
 *
 * --json prints one JSON object per line (JSON Lines), one per file, in argument order:
 *   {"file","standard":"ijw"|"iwmo"|null,"bericht":"JW301"|…|null,"valid",issues:[{level,path,code,rule?,message}]}
 * A file that cannot be read gets `"error"` and no verdict on its content (`valid: false`); so does a
 * file whose validation failed internally, with `"internal": true` as well.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BerichtId, Standard } from '../standard/model.js';
import type { ValidationIssue, ValidationLevel } from '../validation/issues.js';
import { validateBericht } from '../validation/validate.js';
import type { CliIO } from './main.js';

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

const HELP = `usage: sluis validate [--json] FILE...

Checks each bericht against the iWmo/iJw 3.2 XSD (L1) and the in-message rules (L2).
  --json      one JSON object per file per line
  -h, --help  this text
Exit: 0 all valid, 1 some invalid (or not judged: internal error), 2 usage error or unreadable file.
`;

export interface FileResult {
  readonly file: string;
  readonly standard: Standard | null;
  readonly bericht: BerichtId | null;
  readonly valid: boolean;
  readonly issues: readonly {
    readonly level: ValidationLevel;
    readonly path: string;
    readonly code: string;
    readonly rule?: string;
    readonly message: string;
  }[];
  /** Set when the file could not be read, or its validation failed internally; the content was not judged. */
  readonly error?: string;
  /** The error is Sluis' own (a bug), not the file's: reported, and the other files are still validated. */
  readonly internal?: true;
}

/** Today in the Netherlands (the standard's dates have no timezone; a Dagtekening is a Dutch date). */
export function todayInNl(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface ParsedArgs {
  readonly json: boolean;
  readonly help: boolean;
  readonly files: readonly string[];
  readonly error?: string;
}

/** `--` ends the options, so a file named `-x.xml` can still be given. */
export function parseArgs(args: readonly string[]): ParsedArgs {
  let json = false;
  let help = false;
  const files: string[] = [];
  let optionsDone = false;
  for (const a of args) {
    if (!optionsDone && a === '--') optionsDone = true;
    else if (!optionsDone && a === '--json') json = true;
    else if (!optionsDone && (a === '-h' || a === '--help')) help = true;
    else if (!optionsDone && a.startsWith('-') && a !== '-') return { json, help, files, error: `unknown option '${a}'` };
    else files.push(a);
  }
  if (!help && files.length === 0) return { json, help, files, error: 'no files given' };
  return { json, help, files };
}

function publicIssue(i: ValidationIssue): FileResult['issues'][number] {
  return { level: i.level, path: i.path, code: i.code, ...(i.rule !== undefined ? { rule: i.rule } : {}), message: i.message };
}

export async function validateFile(file: string, cwd: string, today: string): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return { file, standard: null, bericht: null, valid: false, issues: [], error: `cannot read file (${code})` };
  }
  let outcome: ReturnType<typeof validateBericht>;
  try {
    outcome = validateBericht(bytes, { today });
  } catch (e) {
    // Only the error's class: its message could quote the file's content.
    const kind = e instanceof Error ? e.name : typeof e;
    return {
      file,
      standard: null,
      bericht: null,
      valid: false,
      issues: [],
      error: `internal error while validating (${kind})`,
      internal: true,
    };
  }
  return {
    file,
    standard: outcome.message?.standard ?? null,
    bericht: outcome.message?.id ?? null,
    valid: outcome.valid,
    issues: outcome.issues.map(publicIssue),
  };
}

export function formatText(r: FileResult): string {
  const what = r.bericht ? `${r.bericht} (${r.standard})` : 'unidentified';
  if (r.error) return `${r.file}: ERROR ${r.error}\n`;
  if (r.valid) return `${r.file}: valid ${what}\n`;
  const levels = [...new Set(r.issues.map((i) => i.level))].join('+');
  const lines = r.issues.map((i) => `  ${i.level} ${i.code}${i.rule && i.rule !== i.code ? ` (${i.rule})` : ''} ${i.path}: ${i.message}`);
  return `${r.file}: INVALID ${what}, ${r.issues.length} issue${r.issues.length === 1 ? '' : 's'} (${levels})\n${lines.join('\n')}\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (parsed.error) {
    io.stderr(`sluis validate: ${parsed.error}\n${HELP}`);
    return EXIT.usage;
  }
  // The CLI is the edge of the system: here, and only here, the clock is read.
  const today = todayInNl();
  let exit: number = EXIT.ok;
  for (const file of parsed.files) {
    const r = await validateFile(file, io.cwd, today);
    io.stdout(parsed.json ? `${JSON.stringify(r)}\n` : formatText(r));
    if (r.error && !r.internal) exit = EXIT.usage;
    else if (!r.valid && exit === EXIT.ok) exit = EXIT.invalid;
  }
  return exit;
}
