/**
 * The pino logger with privacy redaction. Sluis never logs bericht content on purpose; this is the
 * net under that rule: any 9-digit number standing alone in a logged string (a BSN's shape) is
 * masked, and fields whose names carry personal data are replaced, at any depth. "Alone" means not
 * inside a longer token of letters and digits: a journal id (ULID, e.g. 01J123456789ABCDEFGHJKMNPQ)
 * may hold nine digits in a row and must stay readable, or nobody can find the bericht a line is about.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

const BSN_SHAPE = /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g;
const PERSONAL_KEYS = new Set([
  'bsn',
  'naam',
  'achternaam',
  'voornamen',
  'voorletters',
  'geslachtsnaam',
  'partnernaam',
  'raw',
  'body',
  'xml',
]);

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(BSN_SHAPE, '[bsn]');
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrub(value.message, depth + 1), stack: scrub(value.stack, depth + 1) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_KEYS.has(k.toLowerCase()) ? '[redacted]' : scrub(v, depth + 1);
  return out;
}

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'sluis' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        // The message string is not passed through formatters.log; scrub it too.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? (scrub(a) as string) : a)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination,
  );
}
