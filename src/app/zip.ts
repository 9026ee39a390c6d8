/**
 * Zip archives without a dependency. `readZip` reads the files of an archive for `sluis import`
 * (folders skipped); `openBatchZip` checks an uploaded batch against the batch rules (VECOZO's for a
 * zipped upload: files only, no folders, no encryption, size limits) before one file goes in; and
 * `writeZip` makes the stored (uncompressed) archive of a batch's retourberichten. Stored (method 0) and
 * deflate (method 8, node:zlib) only; zip64, encryption and multi-disk archives are refused.
 *
 * A zip bomb is refused in bounded memory and linear time: the central directory's sizes are checked
 * against the limits before anything is inflated, entries may not overlap (the "better zip bomb" reuses
 * one compressed kernel for every entry), and every inflate stops at the entry's declared size
 * (zlib's maxOutputLength), so an entry that lies about its size costs at most that many bytes.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** Why an archive was refused: `kind` says which batch rule it breaks. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreadable' | 'folders' | 'encrypted' | 'too-large' | 'empty' = 'unreadable',
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One central-directory record, sizes as declared there. */
interface CentralRecord {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressed: number;
  readonly uncompressed: number;
  /** Where the entry's data starts and ends (after its local header). */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** Where its local header starts. */
  readonly local: number;
}

function centralDirectory(buf: Buffer, maxEntries = Number.MAX_SAFE_INTEGER): CentralRecord[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a zip archive (no end of central directory)');
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const start = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || start === 0xffffffff || size === 0xffffffff) throw new ZipError('zip64 archives are not supported');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw new ZipError('multi-disk (split) archives are not supported');
  if (start + size > eocd) throw new ZipError('corrupt central directory (beyond the end record)');
  if (count > maxEntries) throw new ZipError(`${count} entries: at most ${maxEntries} files in one archive`, 'too-large');
  const out: CentralRecord[] = [];
  let p = start;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) throw new ZipError('corrupt central directory');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipError(`${name}: corrupt local header`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, flags, method, crc, compressed, uncompressed, local, dataStart, dataEnd: dataStart + compressed });
  }
  return out;
}

/** The entry's bytes, inflated at most to its declared size; a size or checksum that does not match is a ZipError. */
function entryBytes(buf: Buffer, r: CentralRecord, checkCrc: boolean): Uint8Array {
  if (r.dataEnd > buf.length) throw new ZipError(`${r.name}: data beyond the end of the archive`);
  const raw = buf.subarray(r.dataStart, r.dataEnd);
  let bytes: Buffer;
  if (r.method === 0) bytes = raw;
  else if (r.method === 8) {
    try {
      // maxOutputLength: zlib stops once the output passes the declared size (a bomb costs no more than that).
      bytes = inflateRawSync(raw, { maxOutputLength: Math.max(1, r.uncompressed) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipError(`${r.name}: inflates beyond the size its directory declares (a zip bomb)`, 'too-large');
      throw new ZipError(`${r.name}: corrupt deflate data`);
    }
  } else throw new ZipError(`${r.name}: compression method ${r.method} is not supported (stored or deflate only)`);
  if (bytes.length !== r.uncompressed) throw new ZipError(`${r.name}: size does not match the directory`);
  if (checkCrc && crc32(bytes) >>> 0 !== r.crc) throw new ZipError(`${r.name}: checksum (CRC-32) does not match`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Every file (not directory) in the archive, in central-directory order. */
export function readZip(data: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: ZipEntry[] = [];
  for (const r of centralDirectory(buf)) {
    if (r.name.endsWith('/')) continue;
    if (r.flags & 1) throw new ZipError(`${r.name}: encrypted entries are not supported`, 'encrypted');
    out.push({ name: r.name, bytes: new Uint8Array(entryBytes(buf, r, false)) });
  }
  return out;
}

/** The limits of a batch archive. */
export interface BatchZipLimits {
  /** Files in one archive. */
  readonly maxFiles: number;
  /** Bytes of one file, uncompressed (a bericht's own limit, 25 MB). */
  readonly maxFileBytes: number;
  /** Bytes of all files together, uncompressed. */
  readonly maxTotalBytes: number;
}

/** A file of a checked batch archive; `bytes()` inflates it again (one file in memory at a time). */
export interface BatchZipFile {
  readonly name: string;
  readonly size: number;
  bytes(): Uint8Array;
}

/**
 * Checks a batch archive against the batch rules and gives its files, in directory order. Every
 * entry is inflated once here (bounded by its declared size, then dropped) so that a corrupt or lying
 * entry refuses the whole archive before any file goes into the pipeline.
 */
export function openBatchZip(data: Uint8Array, limits: BatchZipLimits): BatchZipFile[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const records = centralDirectory(buf, limits.maxFiles);
  if (records.length === 0) throw new ZipError('the archive holds no files', 'empty');
  let total = 0;
  const names = new Set<string>();
  for (const r of records) {
    if (r.name.includes('/') || r.name.includes('\\'))
      throw new ZipError(`${r.name}: folders are not allowed in a batch (put the files at the top of the archive)`, 'folders');
    if (r.name === '') throw new ZipError('an entry without a name');
    // Bit 0: encrypted (ZipCrypto); bit 6: strong encryption; method 99: WinZip AES.
    if (r.flags & 0x41 || r.method === 99)
      throw new ZipError(`${r.name}: password-protected (encrypted) entries are not allowed`, 'encrypted');
    if (names.has(r.name)) throw new ZipError(`${r.name}: the name occurs twice`);
    names.add(r.name);
    if (r.uncompressed > limits.maxFileBytes)
      throw new ZipError(`${r.name}: ${r.uncompressed} bytes uncompressed, a file may have at most ${limits.maxFileBytes}`, 'too-large');
    total += r.uncompressed;
    if (total > limits.maxTotalBytes)
      throw new ZipError(`more than ${limits.maxTotalBytes} bytes uncompressed in all (a zip bomb, or split the batch)`, 'too-large');
  }
  // Entries may not share bytes: overlapping entries are how a zip bomb multiplies one kernel.
  const spans = records.map((r) => [r.local, r.dataEnd] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    if (spans[i]![0] < spans[i - 1]![1]) throw new ZipError('entries overlap each other (the shape of a zip bomb)', 'too-large');
  for (const r of records) entryBytes(buf, r, true);
  return records.map((r) => ({ name: r.name, size: r.uncompressed, bytes: () => entryBytes(buf, r, false) }));
}

/** A zip archive of `files`, deflated (node:zlib) with a central directory; names as given (UTF-8). */
export function writeZip(files: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Uint8Array {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    const body = deflateRawSync(data);
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(data) >>> 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0800, 6); // bit 11: the name is UTF-8
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(head, name, body);
    centrals.push(central, name);
    offset += head.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}
