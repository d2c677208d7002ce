import { type Zippable, zipSync } from 'fflate';

/** Unix, in the zip "version made by" field: extractors then read the permissions below. */
const UNIX = 3;
/** A regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

/**
 * Zips files into bytes that depend only on their names and contents: entries sorted by name,
 * the same timestamp and permissions on every entry, no extra fields. fflate is pure JavaScript,
 * so its deflate output is the same on every machine and Node version (Node's zlib is a native
 * library whose output may change with its version).
 */
export function deterministicZip(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  // fflate reads the timestamp with local-time getters; a Date made from local-time parts gives
  // 1980-01-01 00:00:00 (the zip epoch) in every time zone.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries[name] = [files[name], { mtime, os: UNIX, attrs: REGULAR_FILE_0644 }];
  }
  return zipSync(entries, { level: 9 });
}
