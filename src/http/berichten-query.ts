/**
 * The search of `GET /api/v1/berichten` as one parser, shared by the API and the console: which
 * query parameters it takes, each value checked exactly (a 400 naming the parameter, never a 500),
 * and the filter the journal is asked with. Unknown parameters are refused by the router (`query:`).
 */
import type { BerichtFilter } from '../pipeline/berichten.js';
import { BerichtStatus } from '../status.js';
import { parseTimestamp, parseWholeNumber } from './query.js';

/** Every query parameter the berichten search takes. */
export const BERICHTEN_QUERY = [
  'status',
  'bericht',
  'identificatie',
  'afzender',
  'ontvanger',
  'partij',
  'rule',
  'contract',
  'from',
  'to',
  'order',
  'after',
  'limit',
] as const;

/** The search order: `oldest` first (the default, as before) or `newest` first. */
export const BerichtenOrder = {
  /** Arrival order, oldest first (the default). */
  oldest: 'oldest',
  /** Arrival order, newest first. */
  newest: 'newest',
} as const;

const CODE = /^([0-9]{4}|[0-9]{8})$/;

/**
 * The journal filter for a search, or the problem with one parameter. `isId` says whether `after` is
 * a journal id; the caller adds its scope (`party`) from who is asking.
 */
export function berichtenFilter(
  query: URLSearchParams,
  isId: (text: string) => boolean,
  defaultLimit = 100,
): { ok: true; filter: Omit<BerichtFilter, 'party'> } | { ok: false; problem: string } {
  const q = (name: string): string | undefined => {
    const v = query.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const bad = (problem: string) => ({ ok: false as const, problem });
  const limitText = q('limit');
  const limit = limitText === undefined ? defaultLimit : parseWholeNumber(limitText, 1, 1000);
  if (limit === undefined) return bad('limit: an integer 1–1000');
  const status = q('status');
  if (status !== undefined && !(Object.values(BerichtStatus) as string[]).includes(status))
    return bad(`status: one of ${Object.values(BerichtStatus).join(', ')}`);
  const bericht = q('bericht');
  if (bericht !== undefined && !/^(JW|WMO)3[0-9]{2}$/.test(bericht)) return bad('bericht: a message id such as JW301 or WMO305');
  const after = q('after');
  if (after !== undefined && !isId(after)) return bad('after: a bericht id');
  const identificatie = q('identificatie');
  if (identificatie !== undefined && identificatie.length > 12) return bad('identificatie: at most 12 characters');
  const codes: Record<'afzender' | 'ontvanger' | 'partij', string | undefined> = {
    afzender: q('afzender'),
    ontvanger: q('ontvanger'),
    partij: q('partij'),
  };
  for (const [k, v] of Object.entries(codes))
    if (v !== undefined && !CODE.test(v)) return bad(`${k}: a CBS (4 digits) or AGB (8 digits) code`);
  const rule = q('rule');
  if (rule !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(rule))
    return bad('rule: a decision rule such as TM-DECL or OG-DECL (letters, digits, - _ . :, at most 64)');
  const contract = q('contract');
  if (contract !== undefined && (contract.length > 128 || /[\u0000-\u001f]/.test(contract)))
    return bad('contract: a contract id (at most 128 characters)');
  const order = q('order');
  if (order !== undefined && !(Object.values(BerichtenOrder) as string[]).includes(order))
    return bad(`order: one of ${Object.values(BerichtenOrder).join(', ')}`);
  const range: Record<'from' | 'to', string | undefined> = { from: q('from'), to: q('to') };
  for (const [k, v] of Object.entries(range))
    if (v !== undefined && parseTimestamp(v) === undefined)
      return bad(`${k}: a real date or timestamp, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] (got '${v}')`);
  return {
    ok: true,
    filter: {
      limit,
      ...(status ? { status } : {}),
      ...(bericht ? { bericht } : {}),
      ...(identificatie ? { identificatie } : {}),
      ...(after ? { after } : {}),
      ...(codes.afzender ? { afzender: codes.afzender } : {}),
      ...(codes.ontvanger ? { ontvanger: codes.ontvanger } : {}),
      ...(codes.partij ? { partij: codes.partij } : {}),
      ...(rule ? { rule } : {}),
      ...(contract ? { contract } : {}),
      ...(order ? { order: order as 'oldest' | 'newest' } : {}),
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
    },
  };
}
