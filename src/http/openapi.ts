/**
 * OpenAPI 3.1 description of the HTTP API, served at /api/v1/openapi.json. Kept true by
 * test/gateway/openapi.int.test.ts: every route exists here and back, and every status code a test
 * observes is declared for its operation.
 */
import { NUMMER } from '../standard/catalog.js';
import { berichtId } from '../standard/model.js';
import { API_VERSION } from './router.js';
import { ProblemType } from '../outcomes.js';
import { BATCH_PATHS } from './openapi-batches.js';

/** A page of a list: its items and the cursor of the next page (null on the last). */
const PAGE = {
  description: 'A page',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['items', 'next'], properties: { items: { type: 'array' }, next: { type: ['string', 'null'] } } },
    },
  },
};

const problemRef = { $ref: '#/components/responses/Problem' };
const auth = [{ bearer: [] }];
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
  description: 'Journal id (ULID-like, sortable by arrival)',
};
const xmlBody = { content: { 'application/xml': { schema: { type: 'string' } } } };
/** Why the registry changes: required, kept in the contract history (decision 0032). */
const redenParam = {
  name: 'reden',
  in: 'query',
  required: true,
  schema: { type: 'string', maxLength: 1000 },
  description: 'why the registry changes (kept in the contract history)',
} as const;

const contractIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Contract id from the registry',
};
const jsonOf = (description: string, schema: unknown = { type: 'object' }): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema } },
});
const persistedHeader = {
  'Sluis-Registry-Persisted': {
    description:
      '"false": the new registry is in force in this process only; the SLUIS_REGISTRY file is not rewritten and a restart loads the file again',
    schema: { enum: ['true', 'false'] },
  },
};

const POST_BERICHT = {
  operationId: 'postBericht',
  summary: 'Send a bericht (validate, decide, journal, route)',
  security: auth,
  requestBody: { required: true, ...xmlBody },
  responses: {
    202: {
      description:
        'Journaled. L2/L3 rejections are also 202, with status "afgekeurd" and the retourbericht (as XML when Accept prefers application/xml). A byte-identical re-post returns the first receipt with header Sluis-Idempotent-Replay.',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/Receipt' } },
        'application/xml': { schema: { type: 'string' } },
      },
    },
    400: problemRef,
    401: problemRef,
    403: problemRef,
    408: problemRef,
    413: problemRef,
    415: problemRef,
    500: problemRef,
    503: problemRef,
  },
};

/** A SOAP answer of the StUF-GGk route: a Bv03, or a Fault holding a StUF Fo01 (docs/stuf-ggk.md). */
const soapOf = (description: string): Record<string, unknown> => ({ description, content: { 'text/xml': { schema: { type: 'string' } } } });
const FO01 = (why: string): Record<string, unknown> => soapOf(`SOAP Fault with a StUF Fo01 (${why}); nothing was stored`);

const STUF_GGK = {
  operationId: 'stufGgkOntvangAsynchroon',
  summary:
    'StUF-GGk (ggk0310 v2.1) OntvangAsynchroon over SOAP 1.1: a Di01 (or Du01) envelope with the bericht base64 in `bericht`, taken through the same pipeline as POST /api/v1/berichten. SOAPAction ggk_Di01 or ggk_Du01 (or empty). See docs/stuf-ggk.md for the Fo01 codes',
  security: auth,
  requestBody: { required: true, content: { 'text/xml': { schema: { type: 'string' } } } },
  responses: {
    200: soapOf(
      'Bv03: the bericht was journaled (routed, or rejected with a retourbericht that follows as a Du01); header Sluis-Bericht-Id',
    ),
    400: FO01('IB001 envelope not valid, IB014 bericht not valid, IB004, IB005, IB009, IB016, SLS422, SLS423'),
    401: FO01('SLS401: no or an unknown API key'),
    403: FO01('SLS403 zender is not the authenticated party, SLS404 not the bericht’s sender'),
    408: FO01('SLS408: the body arrived too slowly'),
    413: FO01('IB003: larger than 25 MB'),
    415: FO01('SLS415: not text/xml'),
    500: problemRef,
    503: FO01('SLS503: busy, starting or stopping'),
  },
};

export function openApiDocument(): Record<string, unknown> {
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Sluis gateway API',
      version: API_VERSION,
      description:
        'Validating gateway for iJw/iWmo 3.2 berichten. Errors are application/problem+json (RFC 9457) with a stable `type`; see components.schemas.Problem.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API key from the parties config' },
        mtls: {
          type: 'mutualTLS',
          description: 'A client certificate named in the parties config (over TLS: SLUIS_TLS_CERT, SLUIS_TLS_CLIENT_CA)',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', enum: Object.values(ProblemType).map((p) => p.type) },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
            errors: {
              type: 'array',
              description: 'registry-invalid: what is wrong, where',
              items: {
                type: 'object',
                required: ['path', 'reason'],
                properties: { path: { type: 'string', examples: ['$.contracten[1].periode.van'] }, reason: { type: 'string' } },
              },
            },
          },
        },
        Contract: {
          type: 'object',
          description: 'A contract as in schemas/contract-registry.schema.json (docs/uitvoeringsvarianten.md)',
          required: ['id', 'wet', 'gemeenten', 'opdrachtnemer', 'periode', 'uitvoeringsvariant', 'bekostiging'],
        },
        Issue: {
          type: 'object',
          required: ['level', 'path', 'code', 'message'],
          properties: {
            level: { enum: ['L1', 'L2', 'L3'] },
            path: { type: 'string' },
            code: { type: 'string' },
            rule: { type: 'string' },
            retourCode: { type: 'string' },
            message: { type: 'string' },
          },
        },
        Decision: {
          type: ['object', 'null'],
          description:
            'The one decision shape (also in replay reports and sluis.decision events, there without summary). A bericht journaled by an older Sluis may lack tags, contractIds, items and reason severities.',
          required: ['action', 'reasons', 'tags', 'contractIds', 'items'],
          properties: {
            action: { enum: ['route', 'suppress', 'refuse'] },
            addressee: { type: 'string' },
            variant: { type: 'string' },
            tags: { type: 'array', items: { type: 'string' } },
            contractIds: { type: 'array', items: { type: 'string' } },
            reasons: {
              type: 'array',
              items: {
                type: 'object',
                required: ['rule', 'text', 'severity'],
                properties: {
                  rule: { type: 'string' },
                  text: { type: 'string' },
                  severity: { enum: ['info', 'warning', 'error'] },
                  contractId: { type: 'string' },
                  variant: { type: 'string' },
                  items: { type: 'array', items: { type: 'string' } },
                },
              },
            },
            items: { type: 'array', description: 'Per product line / prestatie: what the policy table said', items: { type: 'object' } },
            woonplaats: {
              type: 'object',
              description:
                'The woonplaatsbeginsel check attached for the gemeente (expected gemeente, source, certainty); never a legal decision',
            },
            conversatie: {
              type: 'object',
              description:
                'The rules across berichten and with an external source (docs/validation.md): each finding with its rule id, retourcode and the element it marks; the rules that apply but could not be assessed (their source is not loaded)',
              required: ['mode', 'findings'],
              properties: {
                mode: { enum: ['advise'] },
                findings: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['rule', 'retourCode', 'path', 'text'],
                    properties: {
                      rule: { type: 'string' },
                      retourCode: { type: 'string' },
                      path: { type: 'string' },
                      text: { type: 'string' },
                    },
                  },
                },
                nietBeoordeeld: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['rule', 'reden'],
                    properties: { rule: { type: 'string' }, reden: { type: 'string' } },
                  },
                },
              },
            },
            summary: {
              type: 'object',
              description:
                'The facts the decision core decided on (codes, dates, references; no BSN or name); absent without a registry or when the core could not summarise the bericht',
            },
          },
        },
        Koppeling: {
          type: 'object',
          required: ['id', 'href'],
          properties: {
            id: { type: 'string' },
            bericht: { type: 'string', examples: [berichtId('ijw', NUMMER.toewijzing)] },
            regel: { type: 'string', description: 'The rule of the termijn that links them (OP090, OP090x4, OP274, OP346, OP271)' },
            door: { const: 'sluis', description: 'Set when Sluis made the answer itself (its retourbericht for a rejection)' },
            href: { type: 'string' },
          },
        },
        Termijn: {
          type: 'object',
          required: [
            'id',
            'status',
            'regel',
            'bericht',
            'berichtId',
            'wachtOp',
            'gemeente',
            'aanbieder',
            'schuldenaar',
            'geopendOp',
            'uiterlijk',
          ],
          properties: {
            id: { type: 'integer' },
            status: { enum: ['open', 'gesloten', 'verlopen'] },
            regel: { type: 'string' },
            voorwaarde: { enum: ['in-onderzoek', 'terugwerkende-kracht'] },
            bericht: { type: 'string', pattern: '^3[0-9]{2}$', description: 'The message that opened it' },
            berichtId: { type: 'string' },
            standard: { enum: ['ijw', 'iwmo'] },
            wachtOp: { type: 'array', items: { type: 'string' }, description: 'The messages whose sending meets it' },
            gemeente: { type: 'string' },
            aanbieder: { type: 'string' },
            afzender: { type: 'string', description: 'The party that sent the opening bericht and waits' },
            schuldenaar: { type: 'string', description: 'The party that owes the answer' },
            geopendOp: { type: 'string', format: 'date' },
            uiterlijk: { type: 'string', format: 'date', description: 'The last day an answer is in time' },
            geslotenDoor: { type: 'string' },
            geslotenBericht: { type: 'string' },
            geslotenOp: { type: 'string', format: 'date' },
            verlopenOp: { type: 'string', format: 'date' },
            links: { type: 'object' },
          },
        },
        Receipt: {
          type: 'object',
          required: ['id', 'standard', 'bericht', 'status', 'decision', 'issues', 'links'],
          properties: {
            id: { type: 'string' },
            standard: { enum: ['ijw', 'iwmo'] },
            bericht: { type: 'string', examples: [berichtId('ijw', NUMMER.toewijzing)] },
            status: { enum: ['klaargezet', 'onderdrukt', 'geweigerd', 'afgekeurd', 'afgeleverd', 'geimporteerd'] },
            decision: { $ref: '#/components/schemas/Decision' },
            issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
            retour: { type: 'string', description: 'The retourbericht XML Sluis made when it rejected the bericht (L2/L3, TR056)' },
            duplicateOf: { type: 'string' },
            links: { type: 'object' },
          },
        },
      },
      responses: {
        Problem: {
          description: 'Problem details',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
    paths: {
      '/api/v1/berichten': {
        post: POST_BERICHT,
        get: {
          operationId: 'searchBerichten',
          summary:
            'Search the journal in arrival order, oldest or newest first, by status, message, party, decision rule, contract and period (operators: all; a party: what it sent or was routed to it)',
          security: auth,
          parameters: [
            {
              name: 'status',
              in: 'query',
              schema: {
                enum: [
                  'ontvangen',
                  'gevalideerd',
                  'afgekeurd',
                  'besloten',
                  'klaargezet',
                  'onderdrukt',
                  'geweigerd',
                  'afgeleverd',
                  'geimporteerd',
                ],
              },
            },
            { name: 'bericht', in: 'query', schema: { type: 'string', pattern: '^(JW|WMO)3[0-9]{2}$' } },
            { name: 'identificatie', in: 'query', schema: { type: 'string', maxLength: 12 } },
            { name: 'afzender', in: 'query', schema: { type: 'string', pattern: '^([0-9]{4}|[0-9]{8})$' } },
            { name: 'ontvanger', in: 'query', schema: { type: 'string', pattern: '^([0-9]{4}|[0-9]{8})$' } },
            {
              name: 'partij',
              in: 'query',
              schema: { type: 'string', pattern: '^([0-9]{4}|[0-9]{8})$' },
              description: 'a party that sent it, was routed it, or is its Afzender or Ontvanger',
            },
            {
              name: 'rule',
              in: 'query',
              schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' },
              description: 'a decision rule among the reasons (e.g. `TM-DECL`)',
            },
            {
              name: 'contract',
              in: 'query',
              schema: { type: 'string', maxLength: 128 },
              description: 'a contract among the decision’s contracts',
            },
            { name: 'order', in: 'query', schema: { enum: ['oldest', 'newest'], default: 'oldest' }, description: 'arrival order' },
            {
              name: 'from',
              in: 'query',
              schema: { type: 'string' },
              description: 'received at or after: a real date or timestamp, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]`',
            },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'received before (same forms as `from`)' },
            { name: 'after', in: 'query', schema: { type: 'string' }, description: 'continue after this id (`next` of the previous page)' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: {
            200: PAGE,
            400: problemRef,
            401: problemRef,
          },
        },
      },
      '/api/v1/deliveries': {
        get: {
          operationId: 'failedDeliveries',
          summary: 'Webhook and Kafka deliveries that were given up, with their last error, newest first (operators)',
          security: auth,
          parameters: [
            { name: 'status', in: 'query', required: true, schema: { enum: ['failed'] }, description: 'only `failed` for now' },
            { name: 'channel', in: 'query', schema: { enum: ['webhook', 'kafka'] } },
            { name: 'after', in: 'query', schema: { type: 'string' }, description: 'continue after this id (`next` of the previous page)' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: { 200: PAGE, 400: problemRef, 401: problemRef, 403: problemRef },
        },
      },
      '/api/v1/deliveries/{id}/redeliver': {
        post: {
          operationId: 'redeliver',
          summary: 'Put a failed delivery back in the queue, due now, its attempts counted afresh (operators)',
          security: auth,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' } }],
          responses: {
            202: jsonOf('Queued again', { type: 'object', required: ['id', 'requeued'] }),
            400: problemRef,
            401: problemRef,
            403: problemRef,
            404: problemRef,
            409: problemRef,
          },
        },
      },
      '/api/v1/berichten/{id}': {
        get: {
          operationId: 'getBericht',
          summary: 'Status history, decision with reasons, links to the raw XML and the retour',
          security: auth,
          parameters: [idParam],
          responses: {
            200: {
              description: 'The bericht',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      gekoppeld: {
                        type: 'object',
                        description:
                          'Linked berichten (docs/api.md): the heenberichten this one answers and the answers it got, through the termijnen they opened and closed; each only when the caller may read it. Sluis’s own retourbericht for a rejection is an answer with `door: sluis`.',
                        properties: {
                          heenberichten: { type: 'array', items: { $ref: '#/components/schemas/Koppeling' } },
                          antwoorden: { type: 'array', items: { $ref: '#/components/schemas/Koppeling' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            401: problemRef,
            403: problemRef,
            404: problemRef,
          },
        },
      },
      '/api/v1/termijnen': {
        get: {
          operationId: 'listTermijnen',
          summary: 'Termijnen of the standard Sluis tracks, newest first (operators: all; a party: those it is gemeente or aanbieder of)',
          security: auth,
          parameters: [
            { name: 'status', in: 'query', schema: { enum: ['open', 'gesloten', 'verlopen'] } },
            {
              name: 'partij',
              in: 'query',
              schema: { type: 'string', pattern: '^([0-9]{4}|[0-9]{8})$' },
              description: 'only termijnen this party is gemeente or aanbieder of',
            },
            {
              name: 'bericht',
              in: 'query',
              schema: { type: 'string', pattern: '^(JW|WMO)?3[0-9]{2}$' },
              description: 'the message that opened the termijn',
            },
            { name: 'after', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'continue after this termijn id (`next`)' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: {
            200: jsonOf('A page of termijnen', {
              type: 'object',
              required: ['items', 'next'],
              properties: {
                items: { type: 'array', items: { $ref: '#/components/schemas/Termijn' } },
                next: { type: ['integer', 'null'] },
              },
            }),
            400: problemRef,
            401: problemRef,
          },
        },
      },
      '/api/v1/berichten/{id}/xml': {
        get: {
          operationId: 'getBerichtXml',
          summary: 'The raw bytes as received',
          security: auth,
          parameters: [idParam],
          responses: { 200: { description: 'Raw XML', ...xmlBody }, 401: problemRef, 403: problemRef, 404: problemRef },
        },
      },
      '/api/v1/berichten/{id}/retour': {
        get: {
          operationId: 'getBerichtRetour',
          summary: 'The retourbericht Sluis made for a rejected bericht',
          security: auth,
          parameters: [idParam],
          responses: { 200: { description: 'Retour XML', ...xmlBody }, 401: problemRef, 403: problemRef, 404: problemRef },
        },
      },
      '/api/v1/postbus': {
        get: {
          operationId: 'listPostbus',
          summary: 'Unconfirmed items addressed to the caller, oldest first, cursor-paged',
          security: auth,
          parameters: [
            {
              name: 'after',
              in: 'query',
              schema: { type: 'string' },
              description: 'cursor of the last item seen (from `cursor` or `next`)',
            },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: {
            200: PAGE,
            400: problemRef,
            401: problemRef,
            403: problemRef,
          },
        },
      },
      '/api/v1/postbus/{id}/ontvangst': {
        post: {
          operationId: 'confirmOntvangst',
          summary: 'Confirm receipt; the item leaves the postbus (idempotent)',
          security: auth,
          parameters: [idParam],
          responses: {
            200: { description: 'Confirmed', content: { 'application/json': { schema: { type: 'object' } } } },
            401: problemRef,
            403: problemRef,
            404: problemRef,
          },
        },
      },
      '/api/v1/contracten': {
        get: {
          operationId: 'listContracten',
          summary: 'Contracts in the registry in force (operators: all; a gemeente or aanbieder: those naming it)',
          security: auth,
          parameters: [
            { name: 'wet', in: 'query', schema: { enum: ['Jeugdwet', 'Wmo'] } },
            { name: 'gemeente', in: 'query', schema: { type: 'string', pattern: '^[0-9]{4}$' } },
            {
              name: 'peildatum',
              in: 'query',
              schema: { type: 'string', format: 'date' },
              description: 'only contracts in force on this date',
            },
          ],
          responses: {
            200: jsonOf('The contracts', {
              type: 'object',
              required: ['contracten'],
              properties: { contracten: { type: 'array', items: { $ref: '#/components/schemas/Contract' } } },
            }),
            400: problemRef,
            401: problemRef,
            404: problemRef,
          },
        },
        put: {
          operationId: 'putContracten',
          summary:
            'Replace the whole registry document (operators). Checked as at start; stored as a new registry version (decision 0032); in force for berichten taken in afterwards; a contract may not be left out (end-date it). Not written to the file',
          security: auth,
          parameters: [redenParam],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', description: 'A registry document (schemas/contract-registry.schema.json)' },
              },
            },
          },
          responses: {
            200: { ...jsonOf('In force', { type: 'object', properties: { contracten: { type: 'integer' } } }), headers: persistedHeader },
            400: problemRef,
            401: problemRef,
            403: problemRef,
            404: problemRef,
            413: problemRef,
            409: problemRef,
            415: problemRef,
            422: problemRef,
          },
        },
      },
      '/api/v1/replays': {
        post: {
          operationId: 'replay',
          summary:
            'Re-run a selection of journaled berichten through today\'s registry and rules (operators). A dry run unless "dryRun": false; a real run re-delivers only what changed, idempotently, and is journaled',
          security: auth,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['from', 'to'],
                  properties: {
                    from: { type: 'string', description: 'ISO time (journal receipt time)' },
                    to: { type: 'string' },
                    standard: { enum: ['ijw', 'iwmo'] },
                    bericht: { type: 'string', examples: [NUMMER.declaratie] },
                    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
                    aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
                    decision: { enum: ['route', 'suppress', 'refuse'] },
                    dryRun: { type: 'boolean', default: true },
                    rate: { type: 'number', description: 'berichten per second' },
                    registryAsOf: {
                      type: 'string',
                      format: 'date-time',
                      description: "decide under the stored contract registry as it was at this time instead of today's",
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: jsonOf('The replay report (schemas/events/replay-run.v1.schema.json)', {
              type: 'object',
              required: ['type', 'runId', 'dryRun', 'counts', 'changes'],
            }),
            400: problemRef,
            401: problemRef,
            403: problemRef,
            404: problemRef,
            413: problemRef,
            415: problemRef,
          },
        },
      },
      ...BATCH_PATHS,
      '/api/v1/imports': {
        post: {
          operationId: 'importBerichten',
          summary:
            "Take historical berichten in (operators): every .xml entry of a zip archive through the pipeline (validated, decided, journaled) without delivery; each gemeente–aanbieder pair's state horizon moves back to the earliest imported Dagtekening. Idempotent. The same as `sluis import`",
          security: auth,
          requestBody: {
            required: true,
            content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
          },
          responses: {
            200: jsonOf('The import report: counts per status, per pair its new horizon, the files not taken in', {
              type: 'object',
              required: ['files', 'counts', 'pairs', 'problems'],
              properties: {
                files: { type: 'integer' },
                counts: { type: 'object', additionalProperties: { type: 'integer' } },
                pairs: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['standard', 'gemeente', 'aanbieder', 'earliest', 'horizon', 'bron'],
                    properties: {
                      standard: { enum: ['ijw', 'iwmo'] },
                      gemeente: { type: 'string' },
                      aanbieder: { type: 'string' },
                      earliest: { type: 'string', format: 'date' },
                      horizon: { type: 'string', format: 'date' },
                      bron: { enum: ['eerste-bericht', 'import'] },
                    },
                  },
                },
                problems: {
                  type: 'array',
                  items: { type: 'object', properties: { file: { type: 'string' }, problem: { type: 'string' } } },
                },
              },
            }),
            400: problemRef,
            401: problemRef,
            403: problemRef,
            413: problemRef,
            415: problemRef,
          },
        },
      },
      '/api/v1/contracten/{id}': {
        get: {
          operationId: 'getContract',
          summary: 'One contract',
          security: auth,
          parameters: [contractIdParam],
          responses: { 200: jsonOf('The contract', { $ref: '#/components/schemas/Contract' }), 401: problemRef, 404: problemRef },
        },
        put: {
          operationId: 'putContract',
          summary:
            'Create or replace one contract (operators); the whole registry is re-checked (overlaps); stored as a new registry version. Not written to the file',
          security: auth,
          parameters: [contractIdParam, redenParam],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Contract' } } } },
          responses: {
            200: { ...jsonOf('Replaced', { $ref: '#/components/schemas/Contract' }), headers: persistedHeader },
            201: { ...jsonOf('Created', { $ref: '#/components/schemas/Contract' }), headers: persistedHeader },
            400: problemRef,
            401: problemRef,
            403: problemRef,
            404: problemRef,
            413: problemRef,
            409: problemRef,
            415: problemRef,
            422: problemRef,
          },
        },
      },
      '/api/v1/contracten/{id}/historie': {
        get: {
          operationId: 'contractHistorie',
          summary:
            "One contract's versions, newest first: who, when, why (reden), the route, and the contract before and after (operators)",
          security: auth,
          parameters: [contractIdParam],
          responses: {
            200: jsonOf('The history', {
              type: 'object',
              required: ['id', 'versies'],
              properties: {
                id: { type: 'string' },
                versies: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['versie', 'vastgelegdOp', 'door', 'reden', 'bron', 'soort', 'na'],
                    properties: {
                      versie: { type: 'integer' },
                      vastgelegdOp: { type: 'string', format: 'date-time' },
                      door: { type: 'string', examples: ['operator:beheer', 'import'] },
                      sleutel: { type: 'string', description: 'the API key id' },
                      reden: { type: 'string' },
                      bron: { enum: ['api', 'console', 'import'] },
                      soort: { enum: ['aangemaakt', 'gewijzigd', 'beeindigd'] },
                      voor: { $ref: '#/components/schemas/Contract' },
                      na: { $ref: '#/components/schemas/Contract' },
                    },
                  },
                },
              },
            }),
            401: problemRef,
            403: problemRef,
            404: problemRef,
          },
        },
      },
      '/api/v1/contracten/{id}/beeindiging': {
        post: {
          operationId: 'beeindigContract',
          summary:
            'End-date a contract (operators): periode.totEnMet becomes the given date, checked as at start, stored as a new registry version. Contracts are never deleted',
          security: auth,
          parameters: [
            contractIdParam,
            { name: 'totEnMet', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            redenParam,
          ],
          responses: {
            200: { ...jsonOf('End-dated', { $ref: '#/components/schemas/Contract' }), headers: persistedHeader },
            400: problemRef,
            401: problemRef,
            403: problemRef,
            404: problemRef,
            409: problemRef,
            422: problemRef,
          },
        },
      },
      '/api/v1/toegangslog': {
        get: {
          operationId: 'toegangslog',
          summary:
            'The access log of personal data (operators only): every read of a bericht, its XML, its retour, a conversation or a search result, by whom, when and through which route; newest first (decision 0033)',
          security: auth,
          parameters: [
            { name: 'bericht', in: 'query', schema: { type: 'string' }, description: 'a bericht id' },
            { name: 'actor', in: 'query', schema: { type: 'string' }, description: 'an operator name or a party code' },
            { name: 'route', in: 'query', schema: { enum: ['api', 'console', 'cli'] } },
            { name: 'lezing', in: 'query', schema: { enum: ['bericht', 'xml', 'retour', 'conversatie', 'lijst'] } },
            { name: 'from', in: 'query', schema: { type: 'string' }, description: 'read at or after (date or ISO time)' },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'read before (date or ISO time)' },
            { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the `next` of the previous page' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: {
            200: jsonOf('Access log entries', {
              type: 'object',
              required: ['items', 'next'],
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['seq', 'gelezenOp', 'actorSoort', 'actor', 'route', 'lezing', 'berichtId'],
                    properties: {
                      seq: { type: 'string' },
                      gelezenOp: { type: 'string', format: 'date-time' },
                      actorSoort: { enum: ['operator', 'gemeente', 'aanbieder', 'cli'] },
                      actor: { type: 'string', description: 'operator name or party code' },
                      sleutel: { type: 'string', description: 'the API key id' },
                      route: { enum: ['api', 'console', 'cli'] },
                      lezing: { enum: ['bericht', 'xml', 'retour', 'conversatie', 'lijst'] },
                      berichtId: { type: 'string' },
                    },
                  },
                },
                next: { type: ['string', 'null'] },
              },
            }),
            400: problemRef,
            401: problemRef,
            403: problemRef,
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          security: [],
          responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/stuf-ggk/OntvangAsynchroon': { post: STUF_GGK },
      '/health/live': {
        get: {
          operationId: 'live',
          summary: 'Liveness',
          security: [],
          responses: { 200: { description: 'Up', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/health/ready': {
        get: {
          operationId: 'ready',
          summary: 'Readiness (store reachable, not shutting down)',
          security: [],
          responses: {
            200: { description: 'Ready', content: { 'application/json': { schema: { type: 'object' } } } },
            503: { description: 'Not ready', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics (no personal data)',
          security: [],
          responses: { 200: { description: 'Text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
  };
  // Every route refuses a query parameter it does not take (or one given twice) with 400 naming it.
  for (const ops of Object.values(doc.paths) as Record<string, { responses: Record<string, unknown> }>[])
    for (const op of Object.values(ops)) op.responses = { 400: problemRef, ...op.responses };
  return doc;
}
