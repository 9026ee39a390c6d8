/**
 * The pluggable woonplaats lookup (BRP-like). Sluis never decides the woonplaats; it asks a source
 * the gemeente trusts and attaches the answer with its certainty.
 *
 * HTTP contract (documented in docs/uitvoeringsvarianten.md §Woonplaats):
 *   POST {baseUrl}/woonplaats            Content-Type: application/json
 *        Authorization: Bearer <token>   (when configured)
 *   body     {"bsn": "999900006", "peildatum": "2026-11-01", "verblijf": false}
 *   200      {"gemeente": "0344", "bron": "BRP", "zekerheid": "hoog" | "midden" | "laag",
 *             "adresVoorVerblijf"?: boolean}
 *   404      the person is not known to the source (→ zekerheid "onbekend")
 *   other    an error (→ zekerheid "onbekend", the reason says why; never the BSN)
 * The BSN travels in the body, never in the URL, and only over https (plain http only to localhost,
 * for tests and sidecars).
 */

export interface WoonplaatsVraag {
  readonly bsn: string;
  /** The date the woonplaats matters for (the Ingangsdatum asked for). */
  readonly peildatum: string;
  /** Jeugdhulp met verblijf: the source should answer with the address before the stay (Jeugdwet art. 1.1). */
  readonly verblijf: boolean;
}

export type WoonplaatsAntwoord =
  | {
      readonly gevonden: true;
      readonly gemeente: string;
      readonly bron: string;
      readonly zekerheid: 'hoog' | 'midden' | 'laag';
      readonly adresVoorVerblijf?: boolean;
    }
  | { readonly gevonden: false; readonly reden: string };

export interface WoonplaatsLookup {
  lookup(vraag: WoonplaatsVraag): Promise<WoonplaatsAntwoord>;
}

export interface HttpLookupOptions {
  readonly baseUrl: string;
  readonly token?: string;
  /** Default 2,000 ms: the lookup is on the ingress path of a 315. */
  readonly timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export class LookupConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupConfigError';
  }
}

const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function createHttpWoonplaatsLookup(opts: HttpLookupOptions): WoonplaatsLookup {
  let url: URL;
  try {
    url = new URL('woonplaats', opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
  } catch {
    throw new LookupConfigError(`woonplaats lookup: '${opts.baseUrl}' is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new LookupConfigError('woonplaats lookup: a BSN may only be sent over https (http only to localhost)');
  }
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 2000;
  return {
    async lookup(vraag) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          },
          body: JSON.stringify({ bsn: vraag.bsn, peildatum: vraag.peildatum, verblijf: vraag.verblijf }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        const name = (e as Error).name;
        return { gevonden: false, reden: name === 'TimeoutError' ? `lookup timed out after ${timeoutMs} ms` : `lookup failed (${name})` };
      }
      if (res.status === 404) {
        await res.body?.cancel();
        return { gevonden: false, reden: 'person not known to the source' };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return { gevonden: false, reden: `lookup answered HTTP ${res.status}` };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return { gevonden: false, reden: 'lookup answered with invalid JSON' };
      }
      const b = body as Record<string, unknown> | null;
      if (
        !b ||
        typeof b !== 'object' ||
        typeof b.gemeente !== 'string' ||
        !/^\d{4}$/.test(b.gemeente) ||
        typeof b.bron !== 'string' ||
        !['hoog', 'midden', 'laag'].includes(b.zekerheid as string)
      ) {
        return { gevonden: false, reden: 'lookup answer does not follow the contract (gemeente, bron, zekerheid)' };
      }
      return {
        gevonden: true,
        gemeente: b.gemeente,
        bron: b.bron.slice(0, 40),
        zekerheid: b.zekerheid as 'hoog' | 'midden' | 'laag',
        ...(typeof b.adresVoorVerblijf === 'boolean' ? { adresVoorVerblijf: b.adresVoorVerblijf } : {}),
      };
    },
  };
}
