/**
 * The replay as an operator request, transport-free: the gateway mounts it (e.g. `POST
 * /api/v1/replays`, operators only) and maps the result to HTTP; the CLI uses the same runReplay.
 * Request body (JSON): { from, to, standard?, bericht?, gemeente?, aanbieder?, decision?, dryRun?, rate?,
 * source?, registryAsOf? } — dryRun defaults to TRUE over HTTP: changing decisions must be asked for explicitly.
 * `registryAsOf` (ISO time): decide under the stored contract registry as it was then (decision 0032)
 * instead of today's; the report names the version used.
 */
import type { Kafka } from 'kafkajs';
import { ProblemType, problem, type Problem, type ProblemKind } from '../outcomes.js';
import type { Db } from '../store/db.js';
import type { DeliveryChannel } from '../deliver/channel.js';
import type { ReplayDecider } from './decider.js';
import { runReplay, type ReplayProgress, type ReplayReport } from './run.js';
import { parseSelection, SelectionError, type ReplaySelection } from './selection.js';
import { countJournalSelection, journalSource, kafkaSource } from './source.js';

export interface ReplayRequestDeps {
  readonly db: Db;
  /** Today's rules (composition root: the decision core with the loaded registry). */
  readonly decider: () => ReplayDecider;
  /** Kafka and its inbound topic, when configured: the default source then. */
  readonly kafka?: { readonly kafka: Kafka; readonly inboundTopic: string };
  /** The delivery channels a real run re-delivers through (src/deliver createChannels). */
  readonly channels: readonly DeliveryChannel[];
  /** The stored registry as of a moment (absent: no stored registry; `registryAsOf` is then refused). */
  readonly deciderAsOf?: (at: Date) => Promise<{ readonly decider: ReplayDecider; readonly versie: number } | undefined>;
  /** The gateway's clock: the run's start and finish times (default: the system's). */
  readonly clock?: () => Date;
}

/** The report, or a problem in Sluis' one vocabulary (src/outcomes.ts) with the `option` that is wrong. */
export type ReplayResult = { readonly status: 200; readonly body: ReplayReport } | { readonly status: 400; readonly body: Problem };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** How a caller follows a run (the console shows its progress): the run's id chosen up front, and its progress as it goes. */
export interface ReplayRunOptions {
  readonly runId?: string;
  readonly onProgress?: (p: ReplayProgress) => void;
  /** A decider other than today's (the console's dry run of a contract change under the registry it would make). */
  readonly decider?: () => ReplayDecider;
}

export async function handleReplayRequest(
  deps: ReplayRequestDeps,
  body: unknown,
  operator: string,
  run: ReplayRunOptions = {},
): Promise<ReplayResult> {
  const fail = (kind: ProblemKind, detail: string, option?: string): ReplayResult => ({
    status: 400,
    body: problem(kind, detail, option ? { option } : {}),
  });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(ProblemType.BAD_REQUEST, 'the replay request must be a JSON object: {"from": …, "to": …, …}');
  }
  const b = body as Record<string, unknown>;
  let selection: ReplaySelection;
  try {
    selection = parseSelection({
      from: str(b['from']),
      to: str(b['to']),
      standard: str(b['standard']),
      bericht: str(b['bericht']),
      gemeente: str(b['gemeente']),
      aanbieder: str(b['aanbieder']),
      decision: str(b['decision']),
    });
  } catch (err) {
    if (err instanceof SelectionError) return fail(ProblemType.REPLAY_BAD_SELECTION, err.message, err.option);
    throw err;
  }
  const dryRun = b['dryRun'] === undefined ? true : b['dryRun'] === true;
  if (b['dryRun'] !== undefined && typeof b['dryRun'] !== 'boolean')
    return fail(ProblemType.BAD_REQUEST, `dryRun must be a boolean, got ${JSON.stringify(b['dryRun'])}`, 'dryRun');
  if (run.decider && !dryRun)
    return fail(ProblemType.BAD_REQUEST, 'a replay under a registry that is not in force can only be a dry run', 'dryRun');
  const rate = b['rate'];
  if (rate !== undefined && (typeof rate !== 'number' || !(rate > 0)))
    return fail(ProblemType.BAD_REQUEST, `rate must be a positive number (berichten per second), got ${JSON.stringify(rate)}`, 'rate');
  const source = str(b['source']) ?? (deps.kafka ? 'kafka' : 'journal');
  if (source !== 'kafka' && source !== 'journal')
    return fail(ProblemType.BAD_REQUEST, `source must be journal or kafka, got '${source}'`, 'source');
  if (source === 'kafka' && !deps.kafka)
    return fail(ProblemType.REPLAY_NEEDS_KAFKA, 'source kafka needs KAFKA_BROKERS: Kafka is not configured', 'source');
  if (source === 'journal' && selection.from.kind === 'offset')
    return fail(ProblemType.REPLAY_NEEDS_KAFKA, 'offsets select from Kafka: give ISO times to replay from the journal', 'from');

  let asOf: { readonly decider: ReplayDecider; readonly versie: number; readonly at: Date } | undefined;
  if (b['registryAsOf'] !== undefined) {
    const text = str(b['registryAsOf']);
    const at = text !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : undefined;
    if (!at || Number.isNaN(at.getTime()))
      return fail(ProblemType.BAD_REQUEST, 'registryAsOf must be an ISO time such as 2027-01-15T12:00:00Z', 'registryAsOf');
    if (!deps.deciderAsOf) return fail(ProblemType.BAD_REQUEST, 'registryAsOf needs the registry in the store', 'registryAsOf');
    const found = await deps.deciderAsOf(at);
    if (!found)
      return fail(ProblemType.BAD_REQUEST, `no contract registry version was recorded at or before ${at.toISOString()}`, 'registryAsOf');
    asOf = { ...found, at };
  }
  const pages =
    source === 'kafka' && deps.kafka
      ? kafkaSource(deps.kafka.kafka, deps.kafka.inboundTopic, deps.db, selection)
      : journalSource(deps.db, selection);
  const total = source === 'journal' ? await countJournalSelection(deps.db, selection) : undefined;
  const report = await runReplay({
    db: deps.db,
    selection,
    dryRun,
    operator,
    source,
    pages,
    decide: asOf ? asOf.decider : (run.decider ?? deps.decider)(),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(total !== undefined ? { total } : {}),
    ...(typeof rate === 'number' ? { rate } : {}),
    channels: deps.channels,
    ...(run.runId ? { runId: run.runId } : {}),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
  });
  return { status: 200, body: asOf ? { ...report, registry: { asOf: asOf.at.toISOString(), versie: asOf.versie } } : report };
}
