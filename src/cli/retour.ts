/**
 * `sluis retour [--identificatie-retour ID] FILE` — print the retourbericht (302, 306, 308, 316,
 * 318, 320, or the 325 for a rejected 323) for a heenbericht, as Sluis would send it after L1 + L2 validation. Offline there is no
 * stored state, so L3 findings are not part of it: the retour is "approved" (header only) or "0001".
 *
 * Exit codes: 0 retour printed; 1 the file fails L1 (XSD) — the standard sends no retour then, the
 * errors go to stderr; 2 usage error, unreadable file, or a message Sluis does not answer (325 and
 * retours are answers themselves; a 323 that passes L2 is answered by the gemeente's 325). An
 * L2-invalid 323 gets the 325 Sluis sends for it (IV087).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NUMMER } from '../standard/catalog.js';
import { RetourError, buildRetour, retourMessageFor } from '../validation/retour.js';
import { validateBericht } from '../validation/validate.js';
import type { CliIO } from './main.js';
import { formatText, todayInNl } from './validate.js';

const HELP = `usage: sluis retour [--identificatie-retour ID] FILE

Prints the retourbericht XML for a heenbericht (301→302, 305→306, 307→308, 315→316, 317→318, 319→320)
after L1 (XSD) and L2 (in-message rules): header only when approved, header with RetourCode 0001
when an L2 rule fails. An L1 failure gets no retour (exit 1, errors on stderr). A 323 that an L2
rule rejects gets its 325 declaratie-antwoord with RetourCode 0001; a 323 that passes is answered by
the gemeente's 325, not by Sluis (exit 2).
  --identificatie-retour ID  IdentificatieRetour (1-12 chars); default derived from the heen header
Exit: 0 printed, 1 not L1-valid, 2 usage error or no retour exists for this message.
`;

interface RetourArgs {
  readonly file?: string;
  readonly identificatieRetour?: string;
  readonly help: boolean;
  readonly error?: string;
}

export function parseRetourArgs(args: readonly string[]): RetourArgs {
  const files: string[] = [];
  let identificatieRetour: string | undefined;
  let help = false;
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!optionsDone && a === '--') optionsDone = true;
    else if (!optionsDone && (a === '-h' || a === '--help')) help = true;
    else if (!optionsDone && a === '--identificatie-retour') {
      const v = args[++i];
      if (v === undefined) return { help, error: '--identificatie-retour needs a value' };
      identificatieRetour = v;
    } else if (!optionsDone && a.startsWith('--identificatie-retour=')) identificatieRetour = a.slice('--identificatie-retour='.length);
    else if (!optionsDone && a.startsWith('-') && a !== '-') return { help, error: `unknown option '${a}'` };
    else files.push(a);
  }
  if (help) return { help };
  if (files.length !== 1) return { help, error: files.length === 0 ? 'no file given' : 'give exactly one file' };
  return { help, file: files[0]!, ...(identificatieRetour !== undefined ? { identificatieRetour } : {}) };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseRetourArgs(args);
  if (parsed.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.error || parsed.file === undefined) {
    io.stderr(`sluis retour: ${parsed.error ?? 'no file given'}\n${HELP}`);
    return 2;
  }
  const file = parsed.file;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, file));
  } catch (e) {
    io.stderr(`sluis retour: ${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'EIO'})\n`);
    return 2;
  }
  const today = todayInNl();
  const outcome = validateBericht(bytes, { today });
  const message = outcome.message;
  // A 323 goes on: when an in-message rule rejects it, Sluis answers with the 325 itself.
  if (message && !retourMessageFor(message) && message.nummer !== NUMMER.declaratie) {
    io.stderr(`sluis retour: ${file} is a ${message.id}, itself an answer: it gets no retourbericht\n`);
    return 2;
  }
  if (!outcome.l1Valid || !message || !outcome.bericht) {
    io.stderr(
      `sluis retour: ${file} does not conform to the XSD (L1): the standard sends no retourbericht; the sender gets these errors instead:\n`,
    );
    io.stderr(
      formatText({
        file,
        standard: message?.standard ?? null,
        bericht: message?.id ?? null,
        valid: false,
        issues: outcome.issues.map((i) => ({
          level: i.level,
          path: i.path,
          code: i.code,
          ...(i.rule ? { rule: i.rule } : {}),
          message: i.message,
        })),
      }),
    );
    return 1;
  }
  try {
    const r = buildRetour(
      { message, bericht: outcome.bericht },
      { issues: outcome.issues },
      { today, ...(parsed.identificatieRetour !== undefined ? { identificatieRetour: parsed.identificatieRetour } : {}) },
    );
    io.stdout(r.xml);
    return 0;
  } catch (e) {
    if (e instanceof RetourError) {
      io.stderr(`sluis retour: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
