/**
 * The real validation thread, plus one way to die: a batch holding a body that starts with '!' ends
 * the thread (exit code 7) before it answers. Used by src/pipeline/validate-pool.test.ts to check
 * what the pool does when a thread dies with berichten in hand.
 */
import { parentPort } from 'node:worker_threads';

type Batch = { requests?: readonly { raw: Uint8Array }[] };
const port = parentPort!;
// This listener comes first so it can exit before the real one answers. Attaching it starts the
// port, so batches that arrive while the real thread is still loading are kept and handed on.
const early: Batch[] = [];
const handedOn = new WeakSet<Batch>();
let loaded = false;
port.on('message', (m: Batch) => {
  if (handedOn.has(m)) return;
  if (m.requests?.some((r) => r.raw[0] === 0x21)) process.exit(7);
  if (!loaded) early.push(m);
});
await import('../../src/pipeline/validate-worker.js');
loaded = true;
for (const m of early) {
  handedOn.add(m);
  port.emit('message', m);
}
