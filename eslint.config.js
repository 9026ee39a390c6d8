// @ts-check
/**
 * Lint for the whole repository: typescript-eslint's recommended rules, plus the architecture:
 * - the rooms of src/ import only the rooms architecture.rooms.js allows them (test/architecture.test.ts
 *   checks the same table, dynamic imports and the absence of cycles);
 * - the decision core (src/decision) and the conversation rules (src/conversation) are pure by
 *   construction — they import no I/O (files, network, HTTP, database, Kafka, logging) and read no
 *   clock or randomness; the clock is passed in (Temporal-style), state comes in as an interface.
 */
import tseslint from 'typescript-eslint';
import { ROOMS } from './architecture.rooms.js';

/** `no-restricted-imports` patterns for the rooms `room` may not import. */
function roomPatterns(room) {
  const forbidden = Object.keys(ROOMS).filter((other) => other !== room && !ROOMS[room].may.includes(other));
  return forbidden.length === 0
    ? []
    : [
        {
          group: forbidden.flatMap((other) => [`**/${other}/**`, `**/${other}`]),
          message: `${room} may import only ${ROOMS[room].may.join(', ') || 'no other room'} (architecture.rooms.js: ${ROOMS[room].why})`,
        },
      ];
}

/** The rooms that must stay pure (the rules below). */
const PURE_ROOMS = ['decision', 'conversation'];

const IMPURE_PACKAGES = [
  'express',
  'pg',
  '@electric-sql/pglite',
  'kafkajs',
  'pino',
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'dgram',
  'dns',
  'tls',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/standard/generated/', 'coverage/', '.bench/', 'data/', '**/*.tmp.ts', '**/*.tmp.mts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  ...Object.keys(ROOMS)
    .filter((room) => !PURE_ROOMS.includes(room))
    .map((room) => ({
      files: [`src/${room}/**/*.ts`],
      ignores: [`src/${room}/**/*.test.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: roomPatterns(room) }] },
    })),
  ...PURE_ROOMS.map((room) => ({
    files: [`src/${room}/**/*.ts`],
    ignores: [`src/${room}/**/*.test.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE_PACKAGES.map((name) => ({
            name,
            message: `src/${room} is pure: no I/O (pass data in through its arguments)`,
          })),
          patterns: [
            { group: ['node:*'], message: `src/${room} is pure: no Node built-ins (I/O, clock, randomness come in as arguments)` },
            ...roomPatterns(room),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: `no network in src/${room}` },
        { name: 'process', message: `no environment or clock in src/${room}` },
        { name: 'setTimeout', message: `no timers in src/${room}` },
        { name: 'setInterval', message: `no timers in src/${room}` },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'the clock is passed in (decide(…, now))' },
        { object: 'Math', property: 'random', message: `src/${room} is deterministic` },
        { object: 'performance', property: 'now', message: 'the clock is passed in' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'the clock is passed in (decide(…, now))' },
        { selector: "CallExpression[callee.name='Date']", message: 'the clock is passed in (decide(…, now))' },
      ],
    },
  })),
);
