/**
 * Identifiers. Journal ids are ULID-like (26 Crockford base32 chars: 48-bit millisecond time, then
 * 80 random bits, monotonic within a process), so they sort by arrival and need no coordination between instances.
 */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Random bytes are drawn 4 KiB at a time: a `randomBytes(10)` call per id measured ~20 µs on a loaded
 * machine (each call crosses into OpenSSL), a slice of a refilled buffer well under 1 µs.
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomAt = 0;

function take10(): Buffer {
  if (randomAt + 10 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomAt = 0;
  }
  const out = randomPool.subarray(randomAt, randomAt + 10);
  randomAt += 10;
  return out;
}

/** `n` (< 2^40) as 8 Crockford characters, most significant first. */
function base32x8(n: number): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[n % 32]! + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** The last id's time and random halves: ids of one process sort in the order they were made. */
let lastTime = -1;
let lastHi = 0;
let lastLo = 0;
const HALF = 2 ** 40;

/**
 * A journal id for `now`. Within one millisecond (or when the clock steps back, as an injected test
 * clock may) the id is the previous one plus 1, so the journal's order (received_at, id) is the order
 * Sluis took the berichten in, not a coin toss; across milliseconds the 80 bits are fresh randomness.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastLo += 1;
    if (lastLo === HALF) {
      lastLo = 0;
      lastHi = (lastHi + 1) % HALF;
    }
  } else {
    // 80 random bits as two 40-bit halves (exact in a double), 8 characters each.
    const r = take10();
    lastTime = now;
    lastHi = r.readUIntBE(0, 5);
    lastLo = r.readUIntBE(5, 5);
  }
  let time = '';
  let t = lastTime;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return time + base32x8(lastHi) + base32x8(lastLo);
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * IdentificatieRetour (1–12 chars, unique per sender): 9 base36 chars of millisecond time (good
 * until the year 5188) + 3 chars of a per-generator counter that starts at a random value, so ids
 * from one process never collide (46,656 per millisecond) and two instances rarely do.
 */
export function retourIdGenerator(): (now?: number) => string {
  let counter = randomBytes(2).readUInt16BE(0);
  return (now = Date.now()) => {
    counter = (counter + 1) % 46_656;
    return now.toString(36).toUpperCase().padStart(9, '0') + counter.toString(36).toUpperCase().padStart(3, '0');
  };
}
