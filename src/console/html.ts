/**
 * The console's one way to write HTML: the `html` template tag. Every interpolated value goes
 * through `escapeHtml` unless it is already `Html` (made by this tag, so escaped where it was made);
 * arrays are joined the same way; null, undefined and false write nothing. There is no other way to
 * put text into a page: no string concatenation of markup anywhere in src/console.
 */

/** Markup that is safe to write as is: only this module makes it. */
export class Html {
  /** @internal — use the `html` tag. */
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML text or a quoted attribute value: & < > " ' ` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

export type Interpolation = Html | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

function write(v: Interpolation): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return (v as readonly Interpolation[]).map(write).join('');
  return escapeHtml(String(v));
}

/** The template tag: `html\`<p>${text}</p>\`` — `text` is escaped, an `Html` value is kept. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += write(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** A URL for an href or action: only same-site paths (`/…`, not `//host`) are written; anything else becomes `#`. */
export function href(path: string, query?: Readonly<Record<string, string | undefined>>): string {
  if (!path.startsWith('/') || path.startsWith('//')) return '#';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
