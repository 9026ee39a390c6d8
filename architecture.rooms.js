// @ts-check
/**
 * The rooms of src/ and which other rooms each may import — the one table the lint rule
 * (eslint.config.js) and the architecture test (test/architecture.test.ts) read. Type-only imports
 * count too: a room that needs another's types depends on it. The order below is bottom-up; the
 * test also proves the graph has no cycle.
 *
 * Shared modules at the top of src/ may be imported by any room: `paths.ts` (where the project's files are),
 * `outcomes.ts` (the one problem vocabulary) and `status.ts` (a bericht's statuses).
 */

/** @type {Readonly<Record<string, { readonly may: readonly string[]; readonly why: string }>>} */
export const ROOMS = {
  standard: { may: [], why: 'the bericht catalog and the generated model: everything derives from it, it derives from nothing' },
  xml: { may: ['standard'], why: 'tokenizer and builder: bytes ↔ tokens, no validation' },
  validation: { may: ['standard', 'xml'], why: 'L1/L2 over the model; retourberichten' },
  contracts: { may: ['standard'], why: 'the contract registry: types, checks, look-ups' },
  decision: { may: ['standard', 'contracts'], why: 'the pure decision core: no I/O (see also its purity rule)' },
  conversation: {
    may: ['standard', 'decision'],
    why: 'the conversation rules (berichtoverstijgend, externe bron) as data: pure like the decision core, over the summary it makes; state comes in as an interface',
  },
  woonplaats: { may: ['standard', 'contracts', 'decision'], why: 'woonplaatsbeginsel sources behind adapters' },
  config: { may: [], why: 'the parties config' },
  store: { may: ['standard'], why: 'all SQL: journal, postbus, outbox, replay runs, Kafka lease' },
  deliver: { may: ['standard', 'config', 'store', 'kafka'], why: 'delivery channels over the outbox' },
  pipeline: {
    may: ['standard', 'validation', 'contracts', 'decision', 'conversation', 'woonplaats', 'config', 'store', 'deliver'],
    why: 'ingest: validate → decide → journal + outbox',
  },
  kafka: {
    may: ['standard', 'decision'],
    why: 'Kafka itself: client, settings, topics, keys, headers, events (which carry the one decision shape), the ingress consumer',
  },
  replay: {
    may: ['standard', 'validation', 'contracts', 'decision', 'store', 'deliver', 'pipeline', 'kafka'],
    why: "re-deciding traffic under today's rules",
  },
  http: {
    may: ['standard', 'validation', 'contracts', 'decision', 'config', 'pipeline', 'replay'],
    why: 'transport only: routes talk to the services the composition root hands them, never to the store',
  },
  console: {
    may: ['standard', 'contracts', 'decision', 'config', 'pipeline', 'replay', 'http'],
    why: 'the operator console: server-rendered pages over the same services and access rules as the API; never the store',
  },
  app: {
    may: [
      'standard',
      'validation',
      'contracts',
      'decision',
      'conversation',
      'woonplaats',
      'config',
      'store',
      'deliver',
      'pipeline',
      'kafka',
      'replay',
      'http',
      'console',
    ],
    why: 'the composition root: builds everything from settings',
  },
  cli: {
    may: ['standard', 'validation', 'decision', 'config', 'pipeline', 'replay', 'kafka', 'http', 'app'],
    why: 'commands: parse arguments, call the app, print',
  },
};
