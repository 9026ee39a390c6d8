/** A minimal zip writer for tests (src/app/zip.ts reads what it writes), able to write the archives a reader must refuse. */
import { crc32, deflateRawSync } from 'node:zlib';

export interface TestZipEntry {
  readonly name: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly deflate?: boolean;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags?: number;
  /** The uncompressed size the directory declares (default: the true one): a lying entry. */
  readonly declaredSize?: number;
}

/**
 * Each entry stored or deflated, a central directory, the end record. `extraCentral` adds central
 * records that point at an earlier entry's local header (index into `entries`) under another name:
 * overlapping entries, the shape of a "better zip bomb".
 */
export function makeZip(entries: readonly TestZipEntry[], extraCentral: readonly { name: string; of: number }[] = []): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.bytes ? Buffer.from(e.bytes) : Buffer.from(e.text ?? '', 'utf8');
    const body = e.deflate ? deflateRawSync(data) : data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(e.flags ?? 0, 6);
    head.writeUInt16LE(e.deflate ? 8 : 0, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    centrals.push(central, name);
    records.push(central);
    offset += head.length + name.length + body.length;
  }
  for (const x of extraCentral) {
    const c = Buffer.from(records[x.of]!);
    const name = Buffer.from(x.name, 'utf8');
    c.writeUInt16LE(name.length, 28);
    centrals.push(c, name);
  }
  const count = entries.length + extraCentral.length;
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
