/**
 * Identifiers. Journal ids are ULID-like (26 Crockford base32 chars: 48-bit millisecond time, then
 * 80 random bits), so they sort by arrival and need no coordination between instances.
 */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) { time = CROCKFORD[t % 32]! + time; t = Math.floor(t / 32); }
  const rnd = randomBytes(10);
  let rand = '';
  // 80 bits → 16 chars of 5 bits.
  let acc = 0n;
  for (const b of rnd) acc = (acc << 8n) | BigInt(b);
  for (let i = 0; i < 16; i++) { rand = CROCKFORD[Number(acc & 31n)]! + rand; acc >>= 5n; }
  return time + rand;
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
