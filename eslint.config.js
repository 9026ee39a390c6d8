// @ts-check
/**
 * Lint for the whole repository: typescript-eslint's recommended rules, plus the architecture:
 * - the rooms of src/ import only the rooms architecture.rooms.js allows them (test/architecture.test.ts
 *   checks the same table, dynamic imports and the absence of cycles);
 * - the decision core (src/decision) is pure by construction — it imports no I/O (files, network,
 *   HTTP, database, Kafka, logging) and reads no clock or randomness; the clock is passed in
 *   (Temporal-style), state comes in as an interface.
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
    .filter((room) => room !== 'decision')
    .map((room) => ({
      files: [`src/${room}/**/*.ts`],
      ignores: [`src/${room}/**/*.test.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: roomPatterns(room) }] },
    })),
  {
    files: ['src/decision/**/*.ts'],
    ignores: ['src/decision/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE_PACKAGES.map((name) => ({
            name,
            message: 'the decision core is pure: no I/O (pass data in through its arguments)',
          })),
          patterns: [
            { group: ['node:*'], message: 'the decision core is pure: no Node built-ins (I/O, clock, randomness come in as arguments)' },
            ...roomPatterns('decision'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'no network in the decision core' },
        { name: 'process', message: 'no environment or clock in the decision core' },
        { name: 'setTimeout', message: 'no timers in the decision core' },
        { name: 'setInterval', message: 'no timers in the decision core' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'the clock is passed in (decide(…, now))' },
        { object: 'Math', property: 'random', message: 'the decision core is deterministic' },
        { object: 'performance', property: 'now', message: 'the clock is passed in' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'the clock is passed in (decide(…, now))' },
        { selector: "CallExpression[callee.name='Date']", message: 'the clock is passed in (decide(…, now))' },
      ],
    },
  },
);
