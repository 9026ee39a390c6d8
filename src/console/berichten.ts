/**
 * The berichten pages: search (the API's own filter parser, newest first, paged) and one bericht
 * (facts, status timeline, decision with reasons and contracts, issues, linked berichten, retour,
 * XML download, and the conversation of its client).
 */
import type { Principal } from '../config/parties.js';
import { linked } from '../http/api.js';
import { BERICHTEN_QUERY, berichtenFilter } from '../http/berichten-query.js';
import type { HttpResponse } from '../http/router.js';
import type { BerichtenService, StoredBericht } from '../pipeline/berichten.js';
import type { TermijnenService } from '../pipeline/termijnen.js';
import { NUMMER } from '../standard/catalog.js';
import { BerichtStatus } from '../status.js';
import { href, html, type Html } from './html.js';
import { ACTIE, page, when } from './layout.js';
import { clientKeysOf, type ConsoleReads } from './reads.js';
import { table } from './table.js';

/** The console's search takes the API's parameters; newest first unless it says otherwise. */
export const CONSOLE_BERICHTEN_QUERY = BERICHTEN_QUERY;
const PAGE_SIZE = 50;

export interface BerichtenPageDeps {
  readonly berichten: BerichtenService;
  readonly termijnen: TermijnenService;
  readonly reads: ConsoleReads;
}

interface SessionView {
  readonly principal: Principal;
  readonly csrf: string;
}

const field = (q: URLSearchParams, name: string): string => q.get(name) ?? '';

function filterForm(q: URLSearchParams): Html {
  const text = (name: string, label: string, hint = '', extra: Html = html``): Html =>
    html`<div>
      <label for="f-${name}">${label}</label
      ><input id="f-${name}" name="${name}" value="${field(q, name)}" ${hint ? html` placeholder="${hint}"` : ''}${extra} />
    </div>`;
  const statuses = Object.values(BerichtStatus);
  return html`<form class="filters" method="get" action="/console/berichten" role="search" aria-label="Berichten zoeken">
    ${text('bericht', 'Bericht', `JW${NUMMER.toewijzing}`)}
    <div>
      <label for="f-status">Status</label
      ><select id="f-status" name="status">
        <option value="">alle</option>
        ${statuses.map((s) => html`<option${field(q, 'status') === s ? html` selected` : ''}>${s}</option>`)}
      </select>
    </div>
    ${text('partij', 'Partij', 'CBS- of AGB-code')} ${text('rule', 'Beslisregel', 'TM-DECL')} ${text('contract', 'Contract')}
    ${text('identificatie', 'Identificatie')}
    <div><label for="f-from">Ontvangen vanaf</label><input id="f-from" name="from" type="date" value="${field(q, 'from')}" /></div>
    <div><label for="f-to">Ontvangen vóór</label><input id="f-to" name="to" type="date" value="${field(q, 'to')}" /></div>
    <div>
      <label for="f-order">Volgorde</label
      ><select id="f-order" name="order">
        <option value="newest">nieuwste eerst</option>
        <option value="oldest" ${field(q, 'order') === 'oldest' ? html` selected` : ''}>oudste eerst</option>
      </select>
    </div>
    <div><button type="submit">Zoeken</button></div>
  </form>`;
}

export function decisionAction(d: unknown): string {
  const a = (d as { action?: string } | null)?.action;
  return a ? (ACTIE[a] ?? a) : '—';
}

export async function berichtenPage(deps: BerichtenPageDeps, s: SessionView, q: URLSearchParams): Promise<HttpResponse> {
  const parsed = berichtenFilter(q, deps.berichten.isId, PAGE_SIZE);
  if (!parsed.ok)
    return page({
      title: 'Berichten',
      current: 'berichten',
      session: s,
      status: 400,
      body: html`<p class="error" role="alert">Dit filter kan niet: ${parsed.problem}</p>
        ${filterForm(q)}`,
    });
  const filter = { order: 'newest' as const, ...parsed.filter, ...(s.principal.kind === 'party' ? { party: s.principal.party.code } : {}) };
  const rows = await deps.berichten.list(filter, { actor: s.principal, route: 'console' });
  const last = rows.at(-1);
  const next = last && rows.length === filter.limit ? Object.fromEntries([...q.entries(), ['after', last.id]]) : undefined;
  return page({
    title: 'Berichten',
    current: 'berichten',
    session: s,
    body: html`${filterForm(q)}
    ${table(
      rows.length === 0
        ? 'Geen berichten gevonden'
        : `${rows.length} berichten, ${filter.order === 'newest' ? 'nieuwste' : 'oudste'} eerst`,
      rows,
      [
        ['Ontvangen', (r) => when(r.received_at)],
        ['Bericht', (r) => html`<a href="${href(`/console/berichten/${r.id}`)}">${r.bericht}</a>`],
        ['Afzender', (r) => r.afzender],
        ['Ontvanger', (r) => r.ontvanger],
        ['Identificatie', (r) => r.identificatie],
        ['Status', (r) => r.status],
        ['Besluit', (r) => decisionAction(r.decision)],
      ],
    )}
    ${next ? html`<p class="pager"><a href="${href('/console/berichten', next)}">Volgende pagina</a></p>` : ''}`,
  });
}

interface Reason {
  rule: string;
  text: string;
  severity: string;
  contractId?: string;
  variant?: string;
  items?: string[];
  advies?: boolean;
}
interface Issue {
  level: string;
  code: string;
  rule?: string;
  retourCode?: string;
  path: string;
  message: string;
}

const ERNST: Readonly<Record<string, string>> = { info: 'informatie', warning: 'waarschuwing', error: 'fout' };

function decisionSection(d: unknown): Html {
  if (!d)
    return html`<h2 id="besluit">Besluit</h2>
      <p>Geen besluit: het bericht is bij de validatie afgekeurd.</p>`;
  const dec = d as { action: string; addressee?: string; reasons?: Reason[]; contractIds?: string[]; variant?: string; tags?: string[] };
  const contracts = dec.contractIds ?? [];
  return html`<h2 id="besluit">Besluit</h2>
    <dl class="facts">
      <dt>Besluit</dt>
      <dd>${ACTIE[dec.action] ?? dec.action}${dec.action === 'route' && dec.addressee ? ` naar ${dec.addressee}` : ''}</dd>
      ${
        dec.variant
          ? html`<dt>Uitvoeringsvariant</dt>
              <dd>${dec.variant}</dd>`
          : ''
      }
      <dt>Contract</dt>
      <dd>
        ${contracts.length ? contracts.map((c, i) => html`${i ? ', ' : ''}<a href="${href(`/console/contracten/${encodeURIComponent(c)}`)}">${c}</a>`) : 'geen'}
      </dd>
      ${
        dec.tags?.length
          ? html`<dt>Kenmerken</dt>
              <dd>${dec.tags.join(', ')}</dd>`
          : ''
      }
    </dl>
    ${table('Redenen', dec.reasons ?? [], [
      ['Regel', (r) => html`<code>${r.rule}</code>${r.advies ? ' (advies)' : ''}`],
      ['Ernst', (r) => ERNST[r.severity] ?? r.severity],
      ['Contract', (r) => r.contractId ?? ''],
      ['Waarom', (r) => r.text],
      ['Onderdelen', (r) => r.items?.length ?? ''],
    ])}`;
}

function issuesSection(issues: unknown): Html {
  const list = (Array.isArray(issues) ? issues : []) as Issue[];
  if (list.length === 0)
    return html`<h2 id="bevindingen">Bevindingen</h2>
      <p>Geen bevindingen.</p>`;
  return html`<h2 id="bevindingen">Bevindingen</h2>
    ${table(`${list.length} bevindingen`, list, [
      ['Niveau', (i) => i.level],
      ['Regel', (i) => html`<code>${i.rule ?? i.code}</code>`],
      ['Retourcode', (i) => i.retourCode ?? ''],
      ['Plaats', (i) => html`<code>${i.path}</code>`],
      ['Melding', (i) => i.message],
    ])}`;
}

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

export async function berichtPage(
  deps: BerichtenPageDeps,
  s: SessionView,
  id: string,
  q: URLSearchParams,
): Promise<HttpResponse | undefined> {
  const row = await deps.reads.bericht(s.principal, id);
  if (!row) return undefined;
  const history = await deps.berichten.history(row.id);
  const links = await linked(s.principal, row, deps.termijnen);
  const clients = clientKeysOf(row);
  const clientText = q.get('client');
  const clientIndex = clientText !== null && /^[0-9]{1,4}$/.test(clientText) ? Number(clientText) : 0;
  const clientKey = clients[clientIndex];
  const conversation = clientKey ? await deps.reads.conversation(s.principal, clientKey, 100) : [];
  const item = (l: Record<string, unknown>): Html => {
    const target = String(l.id);
    if (l.door === 'sluis')
      return html`<li>
        retourbericht ${String(l.bericht ?? '')} van Sluis —
        <a href="${href(`/console/berichten/${target}/retour`)}" download>retour downloaden</a>
      </li>`;
    return html`<li><a href="${href(`/console/berichten/${target}`)}">${String(l.bericht)}</a> (termijnregel ${String(l.regel)})</li>`;
  };
  const list = (items: unknown[], empty: string): Html =>
    items.length
      ? html`<ul>
          ${(items as Record<string, unknown>[]).map(item)}
        </ul>`
      : html`<p>${empty}</p>`;
  return page({
    title: `${row.bericht} ${row.identificatie}`,
    current: 'berichten',
    session: s,
    body: html`<dl class="facts">
        <dt>Bericht</dt>
        <dd>${row.bericht} (BerichtCode ${row.bericht_code})</dd>
        <dt>Afzender</dt>
        <dd>${row.afzender}</dd>
        <dt>Ontvanger</dt>
        <dd>${row.ontvanger}</dd>
        <dt>Identificatie</dt>
        <dd>${row.identificatie}</dd>
        <dt>Ontvangen</dt>
        <dd>${when(row.received_at)}</dd>
        <dt>Status</dt>
        <dd>${row.status}</dd>
        ${
          row.submitted_by
            ? html`<dt>Ingediend door</dt>
                <dd>${row.submitted_by}</dd>`
            : ''
        }
        ${
          row.duplicate_of
            ? html`<dt>Dubbel van</dt>
                <dd><a href="${href(`/console/berichten/${row.duplicate_of}`)}">${row.duplicate_of}</a></dd>`
            : ''
        }
        <dt>XML</dt>
        <dd><a href="${href(`/console/berichten/${row.id}/xml`)}" download>bericht downloaden (XML)</a></dd>
        <dt>Retour</dt>
        <dd>
          ${row.retour_xml ? html`<a href="${href(`/console/berichten/${row.id}/retour`)}" download>retourbericht downloaden (XML)</a>` : 'Sluis maakte geen retourbericht (niet afgekeurd)'}
        </dd>
      </dl>
      <h2 id="statusverloop">Statusverloop</h2>
      <ol class="timeline">
        ${history.map((h) => html`<li>${when(h.at)} — <strong>${h.status}</strong>${detailText(h.detail) ? html` (${detailText(h.detail)})` : ''}</li>`)}
      </ol>
      ${decisionSection(row.decision)} ${issuesSection(row.issues)}
      <h2 id="gekoppeld">Gekoppelde berichten</h2>
      <h3>Heenberichten (dit bericht beantwoordt)</h3>
      ${list(links.heenberichten, 'Geen.')}
      <h3>Antwoorden</h3>
      ${list(links.antwoorden, 'Nog geen antwoord.')}
      <h2 id="gesprek">Gesprek van deze cliënt</h2>
      ${
        clients.length === 0
          ? html`<p>Dit bericht draagt geen cliëntsleutel (geen clientKeySecret ingesteld, of een bericht zonder cliënt).</p>`
          : html`${
              clients.length > 1
                ? html`<p>Dit bericht gaat over ${clients.length} cliënten. Kies er een:</p>
                    <ul>
                      ${clients.map(
                        (_, i) =>
                          html`<li>
                            <a
                              href="${href(`/console/berichten/${row.id}`, { client: String(i) })}#gesprek"
                              ${i === clientIndex ? html` aria-current="true"` : ''}
                              >Cliënt ${i + 1}</a
                            >
                          </li>`,
                      )}
                    </ul>`
                : ''
            }
            ${table(
              html`Berichten over cliënt ${clientIndex + 1} (sleutel ${clientKey?.slice(0, 8) ?? ''}…), nieuwste eerst`,
              conversation,
              [
                ['Ontvangen', (r) => when(r.received_at)],
                [
                  'Bericht',
                  (r) =>
                    r.id === row.id
                      ? html`${r.bericht} (dit bericht)`
                      : html`<a href="${href(`/console/berichten/${r.id}`)}">${r.bericht}</a>`,
                ],
                ['Afzender', (r) => r.afzender],
                ['Ontvanger', (r) => r.ontvanger],
                ['Status', (r) => r.status],
                ['Besluit', (r) => decisionAction(r.decision)],
              ],
            )}`
      }`,
  });
}

/** A file name for a download: the message and its Identificatie, nothing else from the bericht. */
export function downloadName(row: Pick<StoredBericht, 'bericht' | 'identificatie'>, suffix = ''): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(row.bericht)}-${safe(row.identificatie)}${suffix}.xml`;
}
