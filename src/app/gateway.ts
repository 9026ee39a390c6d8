/**
 * The gateway assembled from explicit dependencies (no module singletons): store, pipeline, today's
 * rules, delivery and the HTTP routes. src/app/start.ts builds these dependencies from the settings;
 * tests may pass their own parts (a decide function, a webhook fetch, a clock).
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { PartiesConfig } from '../config/parties.js';
import type { Db, StoreKind } from '../store/db.js';
import { GroupCommitter } from '../store/group-commit.js';
import { outboxBacklog } from '../store/outbox/backlog.js';
import { retourIdGenerator } from '../store/ids.js';
import { berichtenService } from '../pipeline/berichten.js';
import { createIngest, type IngestFn } from '../pipeline/ingest.js';
import { getHorizon } from '../store/horizon/get.js';
import { ensureHorizon } from '../store/horizon/ensure.js';
import { importBerichten, type ImportFile, type ImportReport } from './import.js';
import { refuseUnknownAddressee, routeToCounterparty, UnknownAddressee, type UnknownAddresseeCode } from '../pipeline/decide-default.js';
import { withConversation } from '../pipeline/decide-conversation.js';
import type { ExterneBronnen } from '../conversation/bronnen.js';
import { conversationState } from '../pipeline/conversation-state.js';
import { clientKeyFn } from '../pipeline/client-key.js';
import { KeyedLocks } from '../pipeline/conversation-order.js';
import type { BuildRetourFn, DecideFn, IngestValidateFn } from '../pipeline/types.js';
import { createChannels, type ChannelWorker } from '../deliver/index.js';
import type { WebhookSettings } from '../deliver/webhook.js';
import { toegestaneVerzenders } from '../contracts/lookup.js';
import type { WetNaam } from '../contracts/types.js';
import { VERZENDER } from '../decision/summary.js';
import type { MessageDef } from '../standard/model.js';
import { apiRoutes } from '../http/api.js';
import { consoleHtmlFallback, consoleRoutes } from '../console/routes.js';
import { deliveriesRoutes } from '../http/deliveries.js';
import { deliveriesService } from '../pipeline/deliveries.js';
import { journalReplayDecider } from '../replay/decider.js';
import { contractenRoutes } from '../http/contracten.js';
import { replaysRoutes } from '../http/replays.js';
import { importsRoutes } from '../http/imports.js';
import { batchesRoutes } from '../http/batches.js';
import { batchesService } from './batches.js';
import { readZip, ZipError } from './zip.js';
import { CollectedGauge, countDecision, createMetrics, type GatewayMetrics } from '../http/metrics.js';
import { openApiDocument } from '../http/openapi.js';
import { createRouter, type HttpRequest, type HttpResponse, type Route } from '../http/router.js';
import { termijnenRoutes } from '../http/termijnen.js';
import { toegangslogRoutes } from '../http/toegangslog.js';
import { toegangslogService, type ToegangslogService } from '../pipeline/toegangslog.js';
import { stufGgkRoutes } from '../http/stuf-ggk.js';
import { stufReferentieService } from '../pipeline/stuf-ggk.js';
import { createTermijnTracker, type TermijnTracker } from '../pipeline/termijn-tracker.js';
import { termijnenService, type TermijnenService, type TermijnGaugeRow } from '../pipeline/termijnen.js';
import { Werkdagen } from '../standard/werkdagen.js';
import { amsterdamDate, systemClock, type Clock } from './clock.js';
import type { Rules } from './rules.js';
import { coalescedReads } from '../store/read-batch.js';

export type Ingest = IngestFn;

export interface AppDeps {
  readonly db: Db;
  readonly storeKind: StoreKind;
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  /** validateBericht, or a validation thread pool (src/pipeline/validate-pool.ts). */
  readonly validate: IngestValidateFn;
  readonly buildRetour: BuildRetourFn;
  /**
   * Today's rules (src/app/rules.ts): the decision core over the contract registry, /api/v1/contracten,
   * operator replays, and the hoofdaannemer's right to post for its gemeente where a contract says so.
   * Absent: no registry — valid berichten are routed to the other party in the header.
   */
  readonly rules?: Rules;
  /** The conversation rules' external sources (src/app/rules.ts conversationBronnen); absent: those rules are not assessed. */
  readonly bronnen?: ExterneBronnen;
  /**
   * Overrides the decide function (tests); default: the rules' decide, else route to the counterparty,
   * followed by the conversation rules (src/conversation: advise, or enforce per gemeente).
   */
  readonly decide?: DecideFn;
  /** The one clock (default: the system's): today's date for validation, decisions and replays. */
  readonly clock?: Clock;
  /** A bericht for a party code no config names: refused (default) or routed to a postbus nobody reads yet. */
  readonly unknownAddressee?: UnknownAddresseeCode;
  /** The conversation rules: advise (default) or off (SLUIS_CONVERSATION). */
  readonly conversation?: 'advise' | 'off';
  readonly webhook?: WebhookSettings;
  /** Termijnen (docs/operations.md): 5 May as a feestdag (default yes), the tracker's interval (default 1000 ms). */
  readonly termijnen?: { readonly bevrijdingsdag: boolean; readonly intervalMs: number };
}

/** A part started beside the gateway (e.g. the Kafka runtime) that reports metrics and readiness. */
export interface AttachedComponent {
  readonly gauges?: readonly CollectedGauge[];
  /** Readiness turns red while this returns false. */
  readonly isReady?: () => boolean;
  /** Called by App.stop, after the delivery channels' workers. */
  readonly stop?: () => Promise<void>;
}

export interface App {
  readonly handle: (req: HttpRequest) => Promise<HttpResponse>;
  /** The pipeline itself, for other ingress (the Kafka consumer). */
  readonly ingest: Ingest;
  /** Historical berichten through the pipeline without delivery; moves the pairs' state horizons (src/app/import.ts). */
  importBerichten(files: readonly ImportFile[], operator: string): Promise<ImportReport>;
  /** The API's routes, as the OpenAPI document lists them (the console's pages are served beside them). */
  readonly routes: readonly Route[];
  readonly metrics: GatewayMetrics;
  /** The termijn tracker (runs on its own once started; tests tick it after moving the clock). */
  readonly termijnen: TermijnTracker;
  /** The access log of personal data (decision 0033): other transports (the console) record and search through it. */
  readonly toegangslog: ToegangslogService;
  /** Adds a component's gauges to /metrics, its readiness to /health/ready, its stop to stop(). */
  attach(component: AttachedComponent): void;
  /** Starts background delivery; readiness turns green. */
  start(): void;
  /** Stops taking work (readiness red), stops workers. The caller closes the server and the db. */
  stop(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const metrics = createMetrics();
  const committer = new GroupCommitter(deps.db, {
    // PGlite has one connection; PostgreSQL gains from a few overlapping commits (fsync waits).
    concurrency: deps.storeKind === 'pglite' ? 1 : 4,
    onCommit: (rows) => metrics.commitRows.observe(rows),
    // Several instances may share one PostgreSQL: the conversation's order is arbitrated in the database too.
    arbitrate: deps.storeKind === 'postgres',
  });
  const conversationOn = deps.conversation !== 'off';
  const rules = deps.rules;
  const contracten = rules?.contracten;
  const allowedSenders = contracten
    ? ({ message, sender, counterparty }: { message: MessageDef; sender: string; counterparty: string }): readonly string[] => {
        const verzender = VERZENDER[message.nummer];
        const wet: WetNaam = message.standard === 'ijw' ? 'Jeugdwet' : 'Wmo';
        const [gemeente, aanbieder] = verzender === 'gemeente' ? [sender, counterparty] : [counterparty, sender];
        return toegestaneVerzenders(contracten.current(), { wet, gemeente, aanbieder, verzender, nummer: message.nummer });
      }
    : undefined;
  // The conversation rules run after every decision, in every configuration: advise, or enforce for a
  // gemeente whose parties entry says so (weighed against the pair's state horizon).
  const secret = deps.parties.clientKeySecret;
  const core = rules?.decide(deps.db) ?? routeToCounterparty;
  // The conversation's reads of berichten deciding together go as one statement (src/store/read-batch.ts).
  const reads = coalescedReads(deps.db);
  const standard = conversationOn
    ? withConversation(core, {
        state: conversationState(reads),
        ...(deps.bronnen ? { bronnen: deps.bronnen } : {}),
        ...(secret ? { clientKey: clientKeyFn(secret) } : {}),
        mode: (gemeente) => deps.parties.parties.get(gemeente)?.conversatie ?? 'advise',
        horizon: {
          get: async (pair) => (await getHorizon(reads, pair))?.since,
          ensure: (pair, since) => ensureHorizon(deps.db, pair, since),
        },
      })
    : core;
  // A bericht for a party code no config names reaches nobody: refused unless SLUIS_UNKNOWN_ADDRESSEE=route.
  const decide =
    deps.decide ??
    (deps.unknownAddressee === UnknownAddressee.route ? standard : refuseUnknownAddressee(standard, new Set(deps.parties.parties.keys())));
  const channels = createChannels({ parties: deps.parties.parties, ...(deps.webhook ? { webhook: deps.webhook } : {}) });
  const pipeline = createIngest({
    db: deps.db,
    reads,
    committer,
    validate: deps.validate,
    buildRetour: deps.buildRetour,
    decide,
    ...(allowedSenders ? { allowedSenders } : {}),
    channels,
    ...(deps.parties.clientKeySecret ? { clientKeySecret: deps.parties.clientKeySecret } : {}),
    // One client's berichten decided in order (docs/decisions/0024-conversation-order.md).
    ...(conversationOn ? { order: { locks: new KeyedLocks(), arbitrate: deps.storeKind === 'postgres' } } : {}),
    retourId: retourIdGenerator(),
    today: clock.today,
  });
  // Decision metrics here, not in the HTTP handler: Kafka ingress goes through the same function.
  const ingest: Ingest = async (raw, principal, receivedAt, opts) => {
    const out = await pipeline(raw, principal, receivedAt, opts);
    if (out.kind === 'stored' && !out.replay && out.receipt.decision) countDecision(metrics, out.receipt.bericht, out.receipt.decision);
    // An enforced conversation finding rejected it: its issues are the findings (TR056 is the pipeline's own L3).
    if (out.kind === 'stored' && !out.replay && !out.receipt.decision)
      for (const i of out.receipt.issues)
        if (i.level === 'L3' && i.rule !== 'TR056' && i.retourCode !== undefined)
          metrics.conversationFindings.inc({
            bericht: out.receipt.bericht,
            rule: i.rule ?? i.code,
            retourcode: i.retourCode,
            mode: 'enforce',
          });
    return out;
  };
  let ready = false;
  const workers: ChannelWorker[] = [];
  const attached: AttachedComponent[] = [];
  const gauges: CollectedGauge[] = [];
  const backlog = new CollectedGauge('sluis_outbox_backlog', 'Outbox rows by channel and state (pending, failed)', async () => {
    const rows = await outboxBacklog(deps.db);
    return rows.flatMap((r) => [
      { labels: { channel: r.channel, state: 'pending' }, value: r.pending },
      { labels: { channel: r.channel, state: 'failed' }, value: r.failed },
    ]);
  });
  gauges.push(backlog);
  const importFiles = (files: readonly ImportFile[], operator: string): Promise<ImportReport> =>
    importBerichten({ db: deps.db, ingest, clock, operator }, files);
  // Termijnen (decision 0025): derived after the journal write, swept by the injected clock.
  const werkdagen = new Werkdagen({ bevrijdingsdag: deps.termijnen?.bevrijdingsdag ?? true });
  const termijnen = termijnenService(deps.db);
  const tracker = createTermijnTracker({
    db: deps.db,
    werkdagen,
    today: clock.today,
    dateOf: amsterdamDate,
    webhookParties: new Set([...deps.parties.parties.values()].filter((p) => p.webhook).map((p) => p.code)),
    onError: (err) => deps.logger.error({ event: 'termijn-error', err }, 'termijn tracker failed; retried on the next tick'),
  });
  gauges.push(...termijnGauges(termijnen, clock));
  const toegangslog = toegangslogService(deps.db, clock.now);
  const berichten = berichtenService(deps.db, toegangslog);
  const deliveries = deliveriesService(deps.db);
  const replay = rules
    ? {
        db: deps.db,
        decider: rules.replayDecider(deps.db, clock),
        deciderAsOf: rules.replayDeciderAsOf(deps.db, clock),
        clock: clock.now,
        channels,
      }
    : undefined;
  const routes = apiRoutes({
    berichten,
    parties: deps.parties,
    ingest,
    metrics,
    gauges,
    logger: deps.logger,
    openapi: openApiDocument,
    isReady: () => ready && attached.every((c) => c.isReady?.() ?? true),
    termijnen,
  }).concat(
    termijnenRoutes({ parties: deps.parties, logger: deps.logger, termijnen }),
    toegangslogRoutes({ parties: deps.parties, logger: deps.logger, toegangslog }),
    deliveriesRoutes({ parties: deps.parties, logger: deps.logger, deliveries }),
    stufGgkRoutes({ parties: deps.parties, ingest, referenties: stufReferentieService(deps.db, reads), metrics, logger: deps.logger }),
    contractenRoutes({ parties: deps.parties, logger: deps.logger, ...(contracten ? { registry: contracten } : {}) }),
    importsRoutes({
      parties: deps.parties,
      logger: deps.logger,
      importZip: async (zip, operator) => {
        let files;
        try {
          files = readZip(zip).filter((e) => e.name.toLowerCase().endsWith('.xml'));
        } catch (err) {
          if (err instanceof ZipError) return { ok: false, message: `not a readable zip archive: ${err.message}` };
          throw err;
        }
        return { ok: true, report: await importFiles(files, operator) };
      },
    }),
    batchesRoutes({ parties: deps.parties, logger: deps.logger, batches: batchesService({ db: deps.db, ingest }) }),
    replaysRoutes({ parties: deps.parties, logger: deps.logger, ...(replay ? { replay } : {}) }),
  );
  // The operator console (src/console, decision 0030) on the same router; not part of the API (routes, OpenAPI).
  const consolePages = consoleRoutes({
    parties: deps.parties,
    logger: deps.logger,
    berichten,
    termijnen,
    deliveries,
    ...(contracten ? { contracten } : {}),
    ...(replay ? { replay, replayUnder: (registry) => () => journalReplayDecider({ registry, today: clock.today(), db: deps.db }) } : {}),
    now: clock.now,
  });
  const served = [...routes, ...consolePages];
  const router = createRouter(served, (err, req) =>
    deps.logger.error({ event: 'internal-error', method: req.method, path: req.path, err }, 'request failed'),
  );
  // Route templates as patterns, compiled once: the metrics label is the template, never the raw path (ids).
  const routePatterns = served.map((r) => ({
    method: r.method as string,
    path: r.path,
    re: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const handle = async (req: HttpRequest): Promise<HttpResponse> => {
    const res = consoleHtmlFallback(req, await router(req));
    const route = routePatterns.find((r) => r.method === req.method && r.re.test(req.path))?.path ?? 'unmatched';
    metrics.httpRequests.inc({ method: req.method, route, status: String(res.status) });
    return res;
  };
  return {
    handle,
    routes,
    metrics,
    ingest,
    importBerichten: importFiles,
    termijnen: tracker,
    toegangslog,
    attach(component) {
      attached.push(component);
      gauges.push(...(component.gauges ?? []));
    },
    start() {
      ready = true;
      const ctx = {
        db: deps.db,
        logger: deps.logger,
        worker: `${hostname()}:${process.pid}`,
        onResult: (channel: string, ok: boolean) => metrics.deliveries.inc({ channel, result: ok ? 'ok' : 'error' }),
      };
      for (const c of channels) if (c.start) workers.push(c.start(ctx));
      tracker.start(deps.termijnen?.intervalMs ?? 1000);
    },
    async stop() {
      ready = false;
      await tracker.stop();
      for (const w of workers) await w.stop();
      for (const c of attached) await c.stop?.();
    },
  };
}

/** Per owing party, opener and rule: open and overdue termijnen and the oldest open one's age (one query per scrape). */
function termijnGauges(termijnen: TermijnenService, clock: Clock): CollectedGauge[] {
  // The three gauges are rendered one after another in one scrape: they share one query (kept 1 s).
  let cached: { at: number; rows: Promise<TermijnGaugeRow[]> } | undefined;
  const rows = (): Promise<TermijnGaugeRow[]> => {
    const now = Date.now();
    if (!cached || now - cached.at > 1000) cached = { at: now, rows: termijnen.gauges(clock.today()) };
    return cached.rows;
  };
  const labels = (r: { party: string; bericht: string; regel: string }) => ({ party: r.party, bericht: r.bericht, regel: r.regel });
  return [
    new CollectedGauge('sluis_termijnen_open', 'Open termijnen by owing party, opening bericht and rule', async () =>
      (await rows()).map((r) => ({ labels: labels(r), value: Number(r.open) })),
    ),
    new CollectedGauge(
      'sluis_termijnen_verlopen',
      'Termijnen past their last day and still unanswered, by owing party, opening bericht and rule',
      async () => (await rows()).map((r) => ({ labels: labels(r), value: Number(r.verlopen) })),
    ),
    new CollectedGauge(
      'sluis_termijnen_oldest_open_days',
      'Days since the oldest open termijn was opened, by owing party, opening bericht and rule',
      async () =>
        (await rows()).filter((r) => r.oldest_open_days !== null).map((r) => ({ labels: labels(r), value: Number(r.oldest_open_days) })),
    ),
  ];
}
