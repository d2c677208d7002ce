// Shared by the bundle tests: temporary folders, and a zip reader independent of the zip library.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

/** A zip entry as its central directory and local header describe it, with its inflated data. */
export interface ZipEntry {
  name: string;
  madeBy: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crcMatches: boolean;
  mode: number;
  extraLength: number;
  data: Buffer;
}

/** Reads a zip's central directory with node:zlib only, independently of the zip library. */
export function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const compressedSize = zip.readUInt32LE(at + 20);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      madeBy: zip.readUInt16LE(at + 4) >> 8,
      method: zip.readUInt16LE(at + 10),
      dosTime: zip.readUInt16LE(at + 12),
      dosDate: zip.readUInt16LE(at + 14),
      crcMatches: zip.readUInt32LE(at + 16) === crc32(data),
      mode: zip.readUInt32LE(at + 38) >>> 16,
      extraLength,
      data,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Temporary folders, deleted after the test file: `const temp = temporaryFolders(); temp()`. */
export function temporaryFolders(prefix = 'runner-bundle-'): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
