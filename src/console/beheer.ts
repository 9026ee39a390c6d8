/**
 * The console pages beside the berichten: termijnen (open and overdue, per party), contracts (list,
 * edit with the load-time checks and a dry-run replay of the change first), failed deliveries with a
 * redeliver action, and replay (dry-run diff or a real run with its progress).
 */
import type { Principal } from '../config/parties.js';
import type { ContractVersie } from '../contracts/handlers.js';
import { veldWijzigingen, type WijzigingSoortCode } from '../contracts/history.js';
import type { Contract } from '../contracts/types.js';
import type { HttpResponse } from '../http/router.js';
import type { FailedDeliveryRow } from '../pipeline/deliveries.js';
import type { TermijnRow } from '../pipeline/termijnen.js';
import type { ReplayProgress, ReplayReport } from '../replay/run.js';
import { href, html, type Html } from './html.js';
import { page, when } from './layout.js';
import { table } from './table.js';

interface SessionView {
  readonly principal: Principal;
  readonly csrf: string;
}

const csrfField = (s: SessionView): Html => html`<input type="hidden" name="_csrf" value="${s.csrf}" />`;

// ---- termijnen ----------------------------------------------------------------------------------

export const TERMIJNEN_PAGE_QUERY = ['partij', 'bericht'] as const;

function termijnTable(caption: string, rows: readonly TermijnRow[]): Html {
  if (rows.length === 0)
    return html`<h2>${caption}</h2>
      <p>Geen.</p>`;
  return table(`${caption} (${rows.length})`, rows, [
    [
      'Bericht',
      (t) => html`<a href="${href(`/console/berichten/${t.bericht_id}`)}">${t.standard === 'ijw' ? 'JW' : 'WMO'}${t.bericht}</a>`,
    ],
    ['Termijnregel', (t) => html`${t.regel}${t.voorwaarde ? ` (${t.voorwaarde})` : ''}`],
    ['Wacht op', (t) => t.wacht_op.join(', ')],
    ['Schuldenaar', (t) => t.schuldenaar],
    ['Gemeente', (t) => t.gemeente],
    ['Aanbieder', (t) => t.aanbieder],
    ['Geopend op', (t) => t.geopend_op],
    ['Uiterlijk', (t) => t.uiterlijk],
    ['Status', (t) => html`${t.status}${t.verlopen_op ? ` sinds ${t.verlopen_op}` : ''}`],
  ]);
}

export function termijnenPage(
  s: SessionView,
  q: URLSearchParams,
  open: readonly TermijnRow[],
  verlopen: readonly TermijnRow[],
  problem?: string,
): HttpResponse {
  const perPartij = new Map<string, { open: number; verlopen: number }>();
  for (const t of open) (perPartij.get(t.schuldenaar) ?? perPartij.set(t.schuldenaar, { open: 0, verlopen: 0 }).get(t.schuldenaar)!).open++;
  for (const t of verlopen)
    (perPartij.get(t.schuldenaar) ?? perPartij.set(t.schuldenaar, { open: 0, verlopen: 0 }).get(t.schuldenaar)!).verlopen++;
  return page({
    title: 'Termijnen',
    current: 'termijnen',
    session: s,
    ...(problem ? { status: 400 } : {}),
    body: html`${problem ? html`<p class="error" role="alert">Dit filter kan niet: ${problem}</p>` : ''}
      <form class="filters" method="get" action="/console/termijnen" aria-label="Termijnen filteren">
        <div>
          <label for="t-partij">Partij</label
          ><input id="t-partij" name="partij" value="${q.get('partij') ?? ''}" placeholder="CBS- of AGB-code" />
        </div>
        <div>
          <label for="t-bericht">Geopend door bericht</label
          ><input id="t-bericht" name="bericht" value="${q.get('bericht') ?? ''}" placeholder="301" />
        </div>
        <div><button type="submit">Filteren</button></div>
      </form>
      ${table('Per partij die moet antwoorden', [...perPartij].sort(), [
        ['Partij', ([p]) => p],
        ['Open', ([, c]) => c.open],
        ['Verlopen', ([, c]) => c.verlopen],
      ])}
      ${termijnTable('Verlopen termijnen', verlopen)} ${termijnTable('Open termijnen', open)}`,
  });
}

// ---- contracten ---------------------------------------------------------------------------------

function opdrachtnemer(c: Contract): string {
  return 'agb' in c.opdrachtnemer
    ? c.opdrachtnemer.agb
    : `${c.opdrachtnemer.consortium.naam} (penvoerder ${c.opdrachtnemer.consortium.penvoerder})`;
}

export function contractenPage(s: SessionView, list: readonly Contract[], configured: boolean): HttpResponse {
  return page({
    title: 'Contracten',
    current: 'contracten',
    session: s,
    body: !configured
      ? html`<p>
          Er is geen contractregister ingesteld (SLUIS_REGISTRY): Sluis stuurt geldige berichten door naar de andere partij in de header.
        </p>`
      : table(html`${list.length} contracten${s.principal.kind === 'party' ? ' waarin uw organisatie staat' : ''}`, list, [
          ['Contract', (c) => html`<a href="${href(`/console/contracten/${encodeURIComponent(c.id)}`)}">${c.id}</a>`],
          ['Naam', (c) => c.naam ?? ''],
          ['Wet', (c) => c.wet],
          ['Gemeenten', (c) => c.gemeenten.join(', ')],
          ['Opdrachtnemer', (c) => opdrachtnemer(c)],
          ['Uitvoeringsvariant', (c) => html`${c.uitvoeringsvariant}${c.profiel ? ` (${c.profiel})` : ''}`],
          ['Periode', (c) => html`${c.periode.van} – ${c.periode.totEnMet ?? ''}`],
        ]),
  });
}

export interface ContractForm {
  readonly json: string;
  readonly dagen: string;
  /** Why the contract changes (required to save: kept in the contract history, decision 0032). */
  readonly reden?: string;
  readonly errors?: readonly { readonly path: string; readonly reason: string }[];
  readonly message?: Html;
  readonly dryRun?: ReplayReport;
  /** The end-date form's values, shown again when it was refused. */
  readonly einde?: string;
  readonly eindeReden?: string;
}

/** What the contract page shows of the registry's history: whether it is stored, and this contract's versions (operators). */
export interface HistoryView {
  readonly persisted: boolean;
  /** Newest first; absent: not shown (a party, or no history kept). */
  readonly versies?: readonly ContractVersie[];
}

const SOORT_LABEL: Readonly<Record<WijzigingSoortCode, string>> = {
  aangemaakt: 'aangemaakt',
  gewijzigd: 'gewijzigd',
  beeindigd: 'beëindigd',
};

/** A value in a before/after summary: short, JSON for anything but text. */
function waarde(v: unknown): string {
  if (v === undefined) return '(geen)';
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

/** `operator:<naam>` is the operator's name; `import` the registry file. */
function doorLabel(v: ContractVersie): string {
  if (v.door === 'import') return 'import (registerbestand)';
  return v.door.startsWith('operator:') ? v.door.slice('operator:'.length) : v.door;
}

/** What a version did: its kind and, for a change or an end date, each field before → after. */
function wijziging(v: ContractVersie): Html {
  const velden = v.soort === 'aangemaakt' ? [] : veldWijzigingen(v.voor, v.na);
  return html`${SOORT_LABEL[v.soort] ?? v.soort}${
    velden.length
      ? html`<ul>
          ${velden.map((w) => html`<li><code>${w.pad}</code>: ${waarde(w.voor)} → ${waarde(w.na)}</li>`)}
        </ul>`
      : ''
  }`;
}

/** The contract's versions (who, when, why, what changed), newest first, as the history handler gives them. */
export function historySection(h: HistoryView): Html {
  if (!h.persisted)
    return html`<h2 id="geschiedenis">Geschiedenis</h2>
      <p>Dit register houdt geen versies bij: een wijziging geldt in dit proces tot een herstart; het registerbestand blijft de bron.</p>`;
  if (!h.versies) return html``;
  return html`<h2 id="geschiedenis">Geschiedenis</h2>
    ${
      h.versies.length === 0
        ? html`<p>Nog geen versies.</p>`
        : table(html`${h.versies.length} ${h.versies.length === 1 ? 'versie' : 'versies'}, nieuwste eerst`, h.versies, [
            ['Versie', (v) => v.versie],
            ['Vastgelegd op', (v) => when(v.vastgelegdOp)],
            ['Door', (v) => doorLabel(v)],
            ['Via', (v) => v.bron],
            ['Reden', (v) => v.reden],
            ['Wijziging', (v) => wijziging(v)],
          ])
    }`;
}

export function contractPage(
  s: SessionView,
  c: Contract | undefined,
  id: string,
  form: ContractForm | undefined,
  history: HistoryView,
  status = 200,
): HttpResponse {
  const operator = s.principal.kind === 'operator';
  const json = form?.json ?? (c ? JSON.stringify(c, null, 2) : '');
  return page({
    title: `Contract ${id}`,
    current: 'contracten',
    session: s,
    status,
    body: html`${form?.message ?? ''}
    ${
      form?.errors?.length
        ? html`<div class="error" role="alert">
            <p>Het contract is zo niet geldig:</p>
            <ul>
              ${form.errors.map((e) => html`<li><code>${e.path}</code>: ${e.reason}</li>`)}
            </ul>
          </div>`
        : ''
    }
    ${
      c
        ? html`<dl class="facts">
              <dt>Naam</dt>
              <dd>${c.naam ?? ''}</dd>
              <dt>Wet</dt>
              <dd>${c.wet}</dd>
              <dt>Gemeenten</dt>
              <dd>${c.gemeenten.join(', ')}</dd>
              <dt>Opdrachtnemer</dt>
              <dd>${opdrachtnemer(c)}</dd>
              <dt>Uitvoeringsvariant</dt>
              <dd>${c.uitvoeringsvariant}${c.profiel ? ` (${c.profiel})` : ''}</dd>
              <dt>Periode</dt>
              <dd>${c.periode.van} – ${c.periode.totEnMet ?? 'onbepaald'}</dd>
            </dl>
            <p><a href="${href('/console/berichten', { contract: c.id })}">Berichten onder dit contract</a></p>`
        : ''
    }
    ${
      form?.dryRun
        ? html`<h2 id="proef">Wat deze wijziging zou doen</h2>
            ${reportBody(form.dryRun)}`
        : ''
    }
    ${
      operator
        ? html`<h2 id="wijzigen">Wijzigen</h2>
            <form class="stack" method="post" action="${href(`/console/contracten/${encodeURIComponent(id)}`)}">
              ${csrfField(s)}
              <div>
                <label for="c-json">Contract (JSON, zoals in het register)</label
                ><textarea id="c-json" name="contract" rows="24" aria-describedby="c-json-hint">${json}</textarea>
                <p id="c-json-hint">
                  Bij opslaan wordt het hele register gecontroleerd zoals bij het laden van het bestand (schema, samenhang, overlap).
                </p>
              </div>
              <div>
                <label for="c-dagen">Proefdraaien over de laatste … dagen verkeer</label
                ><input id="c-dagen" name="dagen" type="number" min="1" max="366" value="${form?.dagen ?? '30'}" />
              </div>
              <div>
                <label for="c-reden">Reden van de wijziging (nodig om op te slaan)</label
                ><input id="c-reden" name="reden" maxlength="1000" value="${form?.reden ?? ''}" />
              </div>
              <div><button type="submit" name="actie" value="proef">Proefdraaien</button></div>
              <div><button type="submit" name="actie" value="opslaan" class="secondary">Opslaan</button></div>
            </form>`
        : ''
    }
    ${
      operator && c && history.persisted
        ? html`<h2 id="beeindigen">Beëindigen</h2>
            <p>Een contract wordt nooit verwijderd: het krijgt een einddatum, zodat de besluiten eronder uitlegbaar blijven.</p>
            <form class="stack" method="post" action="${href(`/console/contracten/${encodeURIComponent(id)}/beeindigen`)}">
              ${csrfField(s)}
              <div>
                <label for="c-einde">Laatste dag van het contract (tot en met)</label
                ><input id="c-einde" name="totEnMet" type="date" required value="${form?.einde ?? c.periode.totEnMet ?? ''}" />
              </div>
              <div>
                <label for="c-einde-reden">Reden van de beëindiging</label
                ><input id="c-einde-reden" name="reden" required maxlength="1000" value="${form?.eindeReden ?? ''}" />
              </div>
              <div><button type="submit" class="secondary">Beëindigen</button></div>
            </form>`
        : ''
    }
    ${historySection(history)}`,
  });
}

// ---- afleveringen ---------------------------------------------------------------------------------

export function afleveringenPage(s: SessionView, rows: readonly FailedDeliveryRow[], message?: Html): HttpResponse {
  return page({
    title: 'Mislukte afleveringen',
    current: 'afleveringen',
    session: s,
    body: html`${message ?? ''}
      <p>
        Webhook- en Kafka-afleveringen die Sluis na alle pogingen heeft opgegeven, met de laatste fout. Opnieuw afleveren zet ze terug in de
        wachtrij.
      </p>
      ${
        rows.length === 0
          ? html`<p>Geen mislukte afleveringen.</p>`
          : table(`${rows.length} mislukte afleveringen, nieuwste eerst`, rows, [
              ['Nummer', (r) => r.id],
              ['Bericht', (r) => html`<a href="${href(`/console/berichten/${r.bericht_id}`)}">${r.bericht}</a>`],
              ['Kanaal', (r) => r.channel],
              ['Bestemming', (r) => r.destination],
              ['Pogingen', (r) => Number(r.attempts)],
              ['Laatste fout', (r) => r.last_error ?? ''],
              ['Opgegeven op', (r) => when(r.failed_at)],
              [
                'Actie',
                (r) =>
                  html`<form method="post" action="${href(`/console/afleveringen/${r.id}/opnieuw`)}">
                    ${csrfField(s)}<button type="submit" aria-label="Aflevering ${r.id} opnieuw afleveren">Opnieuw afleveren</button>
                  </form>`,
              ],
            ])
      }`,
  });
}

// ---- replay ---------------------------------------------------------------------------------------

export const REPLAY_FIELDS = ['from', 'to', 'standard', 'bericht', 'gemeente', 'aanbieder', 'decision'] as const;

export function reportBody(r: ReplayReport): Html {
  const c = r.counts;
  return html`<p class="${r.dryRun ? 'warn' : 'ok'}">
      ${r.dryRun ? 'Proefdraaien: er is niets veranderd.' : 'Uitgevoerd: gewijzigde besluiten zijn opnieuw afgeleverd.'} Run
      <code>${r.runId}</code>${r.rulesDate ? `, regels van ${r.rulesDate}` : ''}.
    </p>
    <dl class="facts">
      <dt>Geselecteerd</dt>
      <dd>${c.selected}</dd>
      <dt>Ongewijzigd</dt>
      <dd>${c.unchanged}</dd>
      <dt>Gewijzigd</dt>
      <dd>${c.changed}</dd>
      <dt>Opnieuw afgeleverd</dt>
      <dd>${c.redelivered}</dd>
      <dt>Overgeslagen</dt>
      <dd>${c.skipped}</dd>
      <dt>Fouten</dt>
      <dd>${c.errors}</dd>
    </dl>
    ${
      Object.keys(c.byTransition).length
        ? table('Per overgang', Object.entries(c.byTransition), [
            ['Was → wordt', ([t]) => t],
            ['Aantal', ([, n]) => n],
          ])
        : ''
    }
    ${
      r.changes.length
        ? table('Per bericht', r.changes, [
            ['Bericht', (x) => html`<a href="${href(`/console/berichten/${x.berichtId}`)}">${x.bericht}</a>`],
            ['Verzender → ontvanger', (x) => html`${x.sender} → ${x.ontvanger}`],
            ['Ontvangen', (x) => when(x.receivedAt)],
            ['Verschil', (x) => x.text],
          ])
        : html`<p>Geen enkel besluit zou veranderen.</p>`
    }`;
}

export function replayPage(
  s: SessionView,
  values: URLSearchParams,
  o: { report?: ReplayReport; problem?: string; configured: boolean },
): HttpResponse {
  const v = (n: string): string => values.get(n) ?? '';
  const sel = (name: string, label: string, options: readonly [string, string][]): Html =>
    html`<div>
      <label for="r-${name}">${label}</label
      ><select id="r-${name}" name="${name}">
        <option value="">alle</option>
        ${options.map(([value, text]) => html`<option value="${value}" ${v(name) === value ? html` selected` : ''}>${text}</option>`)}
      </select>
    </div>`;
  return page({
    title: 'Replay',
    current: 'replay',
    session: s,
    ...(o.problem ? { status: 400 } : {}),
    body: !o.configured
      ? html`<p>Er is geen contractregister ingesteld (SLUIS_REGISTRY): er zijn geen regels om het verkeer opnieuw tegen te beslissen.</p>`
      : html`<p>
            Beslis een selectie van het verkeer opnieuw met de regels en het contractregister van vandaag. Proefdraaien verandert niets;
            uitvoeren levert alleen gewijzigde besluiten opnieuw af.
          </p>
          ${o.problem ? html`<p class="error" role="alert">${o.problem}</p>` : ''}
          <form class="filters" method="post" action="/console/replay">
            ${csrfField(s)}
            <div>
              <label for="r-from">Ontvangen vanaf</label><input id="r-from" name="from" type="date" required value="${v('from')}" />
            </div>
            <div><label for="r-to">Ontvangen vóór</label><input id="r-to" name="to" type="date" required value="${v('to')}" /></div>
            ${sel('standard', 'Standaard', [
              ['ijw', 'iJw'],
              ['iwmo', 'iWmo'],
            ])}
            <div>
              <label for="r-bericht">Bericht</label><input id="r-bericht" name="bericht" value="${v('bericht')}" placeholder="323" />
            </div>
            <div>
              <label for="r-gemeente">Gemeente</label><input id="r-gemeente" name="gemeente" value="${v('gemeente')}" placeholder="0363" />
            </div>
            <div>
              <label for="r-aanbieder">Aanbieder</label
              ><input id="r-aanbieder" name="aanbieder" value="${v('aanbieder')}" placeholder="AGB-code" />
            </div>
            ${sel('decision', 'Huidig besluit', [
              ['route', 'doorgestuurd'],
              ['suppress', 'onderdrukt'],
              ['refuse', 'geweigerd'],
            ])}
            <div><button type="submit" name="actie" value="proef">Proefdraaien</button></div>
            <div><button type="submit" name="actie" value="start" class="secondary">Uitvoeren</button></div>
          </form>
          ${
            o.report
              ? html`<h2 id="resultaat">Resultaat</h2>
                  ${reportBody(o.report)}`
              : ''
          }`,
  });
}

export function replayRunPage(
  s: SessionView,
  runId: string,
  run: { progress?: ReplayProgress; report?: ReplayReport; problem?: string } | undefined,
): HttpResponse {
  if (!run)
    return page({
      title: 'Replay',
      current: 'replay',
      session: s,
      status: 404,
      body: html`<p>Deze run is hier niet bekend (al langer geleden, of op een andere instantie).</p>`,
    });
  const p = run.progress;
  const running = !run.report && !run.problem;
  return page({
    title: `Replay ${runId}`,
    current: 'replay',
    session: s,
    ...(running ? { refreshSeconds: 2 } : {}),
    body: run.problem
      ? html`<p class="error" role="alert">De run is mislukt: ${run.problem}</p>`
      : run.report
        ? reportBody(run.report)
        : html`<p role="status">
              Bezig: ${p?.done ?? 0}${p?.total !== undefined ? ` van ${p.total}` : ''} berichten, ${p?.changed ?? 0} gewijzigd,
              ${p?.redelivered ?? 0} opnieuw afgeleverd. Deze pagina ververst zich elke 2 seconden.
            </p>
            ${p?.total ? html`<p><label for="voortgang">Voortgang</label> <progress id="voortgang" max="${p.total}" value="${p.done}">${p.done} van ${p.total}</progress></p>` : ''}`,
  });
}
