/** The batch routes of the OpenAPI document (src/http/openapi.ts spreads them into its paths). */
import { NUMMER } from '../standard/catalog.js';
import { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_BATCH_UNCOMPRESSED_BYTES } from './batches.js';

const problemRef = { $ref: '#/components/responses/Problem' };
const auth = [{ bearer: [] }, { mtls: [] }];
const batchId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
  description: 'Batch id',
};
const disposition = {
  'Content-Disposition': { description: 'attachment, with the file name (RFC 6266, RFC 8187)', schema: { type: 'string' } },
};

const BATCH = {
  type: 'object',
  required: ['id', 'receivedAt', 'submittedBy', 'source', 'counts', 'files', 'links'],
  properties: {
    id: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    submittedBy: { type: 'string', description: 'The party that posted the batch (CBS or AGB code)' },
    source: { enum: ['zip', 'multipart'] },
    counts: {
      type: 'object',
      required: ['files', 'accepted', 'rejected'],
      properties: { files: { type: 'integer' }, accepted: { type: 'integer' }, rejected: { type: 'integer' } },
    },
    files: {
      type: 'array',
      description: 'In the order of the batch',
      items: {
        type: 'object',
        required: ['index', 'name', 'outcome', 'berichtId', 'bericht', 'status', 'issues', 'links'],
        properties: {
          index: { type: 'integer', minimum: 1 },
          name: { type: 'string' },
          outcome: {
            enum: ['accepted', 'rejected'],
            description:
              'accepted: journaled and decided, as a 202 of POST /api/v1/berichten; rejected: afgekeurd (L2/L3, with the retourbericht) or refused before the journal (problem)',
          },
          berichtId: { type: ['string', 'null'] },
          bericht: { type: ['string', 'null'], examples: [`JW${NUMMER.toewijzing}`] },
          status: { type: ['string', 'null'], description: "The bericht's status now; null when it was never journaled" },
          problem: { $ref: '#/components/schemas/Problem' },
          issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
          links: { type: 'object', properties: { bericht: { type: 'string' }, retour: { type: 'string' } } },
        },
      },
    },
    links: { type: 'object', required: ['self', 'retouren'], properties: { self: { type: 'string' }, retouren: { type: 'string' } } },
  },
};

export const BATCH_PATHS = {
  '/api/v1/batches': {
    post: {
      operationId: 'postBatch',
      summary: `Send several berichten at once: a zip archive (files at its top only, no folders, no password; at most ${MAX_BATCH_FILES} files, 25 MB a file, ${MAX_BATCH_UNCOMPRESSED_BYTES / 1024 / 1024} MB uncompressed in all) or multipart/form-data (every part with a filename), at most ${MAX_BATCH_BYTES / 1024 / 1024} MB. Each file goes through the pipeline of POST /api/v1/berichten in the batch's order with its own outcome; an archive that breaks a rule is refused whole`,
      security: auth,
      requestBody: {
        required: true,
        content: {
          'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { type: 'array', items: { type: 'string', contentMediaType: 'application/xml' } } },
            },
          },
        },
      },
      responses: {
        201: {
          description: 'The batch, every file with its outcome',
          headers: { Location: { schema: { type: 'string' } } },
          content: { 'application/json': { schema: BATCH } },
        },
        400: problemRef,
        401: problemRef,
        403: problemRef,
        408: problemRef,
        413: problemRef,
        415: problemRef,
        503: problemRef,
      },
    },
  },
  '/api/v1/batches/{id}': {
    get: {
      operationId: 'getBatch',
      summary: "A batch and its files' outcomes (the party that posted it, operators)",
      security: auth,
      parameters: [batchId],
      responses: {
        200: { description: 'The batch', content: { 'application/json': { schema: BATCH } } },
        401: problemRef,
        403: problemRef,
        404: problemRef,
      },
    },
  },
  '/api/v1/batches/{id}/retouren/{index}': {
    get: {
      operationId: 'getBatchRetour',
      summary: 'The retourbericht Sluis made for one file of the batch, as a file named after it (<name>.retour.xml)',
      security: auth,
      parameters: [
        batchId,
        {
          name: 'index',
          in: 'path',
          required: true,
          schema: { type: 'integer', minimum: 1 },
          description: "The file's index in the batch",
        },
      ],
      responses: {
        200: { description: 'The retourbericht', headers: disposition, content: { 'application/xml': { schema: { type: 'string' } } } },
        401: problemRef,
        403: problemRef,
        404: problemRef,
      },
    },
  },
  '/api/v1/batches/{id}/retouren.zip': {
    get: {
      operationId: 'getBatchRetouren',
      summary:
        'Every retourbericht Sluis made for the batch, one file each (<name>.retour.xml), in one zip archive (empty when there are none)',
      security: auth,
      parameters: [batchId],
      responses: {
        200: {
          description: 'The archive',
          headers: disposition,
          content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
        },
        401: problemRef,
        403: problemRef,
        404: problemRef,
      },
    },
  },
};
