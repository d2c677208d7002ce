// V8's code cache for the CommonJS modules a command loads (cdktf, the provider modules, the
// transpiled sources), made when the command exits: it then holds every function the run
// compiled, where Node's own compile cache (module.enableCompileCache) holds only what V8
// compiles when a module loads and leaves each function to be compiled again on its first call
// in every run. Each module's entry is used only for exactly the content it was made from (its
// length and CRC-32; V8 itself checks only the length, and the Node version and flags). The cache
// is written again only after a run that compiled a module without it.
import { Buffer } from 'node:buffer';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import vm from 'node:vm';
import * as zlib from 'node:zlib';

/**
 * An entry of the cache's index: a module's content (length and CRC-32) and where its code cache
 * is in the file (none for a module left to Node).
 * @typedef {{ length: number, crc: number, start?: number, end?: number }} Entry
 */

/** A dynamic import(), or text that looks like one (a comment's `import('./types')`). */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/**
 * Where a module is, for the cache's index: from the project's `node_modules/` or `.gen/` on, so
 * that a copy of the project (the review's worktree) finds its entries.
 */
function keyOf(filename) {
  const starts = [`${path.sep}node_modules${path.sep}`, `${path.sep}.gen${path.sep}`]
    .map((directory) => filename.indexOf(directory))
    .filter((at) => at >= 0);
  return starts.length === 0 ? filename : filename.slice(Math.min(...starts) + 1);
}

/**
 * The cache file: the modules' code caches one after another, then the index (JSON: key →
 * {@link Entry}), then the index's length in 4 bytes.
 */
function readCache(file) {
  try {
    const data = readFileSync(file);
    const indexStart = data.length - 4 - data.readUInt32LE(data.length - 4);
    const index = JSON.parse(data.subarray(indexStart, data.length - 4).toString('utf8'));
    return { index: new Map(Object.entries(index)), caches: data.subarray(0, indexStart) };
  } catch {
    return { index: new Map(), caches: Buffer.alloc(0) };
  }
}

/** Writes the whole of `bytes` (one write may take only part of it). */
function writeAll(fd, bytes) {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
}

/**
 * Writes each module's code cache as it is made (holding one at a time), then the index; a
 * module left to Node has an entry without a code cache.
 */
function writeCache(file, modules) {
  mkdirSync(path.dirname(file), { recursive: true });
  const next = `${file}.next-${process.pid}`;
  const fd = openSync(next, 'w');
  try {
    const index = {};
    let offset = 0;
    for (const [key, { script, length, crc }] of modules) {
      if (script === undefined) {
        index[key] = { length, crc };
        continue;
      }
      const cache = script.createCachedData();
      writeAll(fd, cache);
      index[key] = { length, crc, start: offset, end: offset + cache.length };
      offset += cache.length;
    }
    const indexBytes = Buffer.from(JSON.stringify(index));
    const indexLength = Buffer.alloc(4);
    indexLength.writeUInt32LE(indexBytes.length);
    writeAll(fd, Buffer.concat([indexBytes, indexLength]));
  } finally {
    closeSync(fd);
  }
  renameSync(next, file);
}

/** `require` for a module, as Node makes it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Loads every CommonJS module from here on through the code cache in
 * `<directory>/<name>-<node version>-<arch>.bin`, and writes the cache when the process exits
 * if a module was compiled without it. FARGATE_RUNNER_CODE_CACHE=read-only never writes it (the
 * review's synth of a base ref reads this checkout's); =0 turns it off, as do a debugger or
 * coverage (which need Node's own compilation) and Node before 20.15 (no zlib.crc32).
 */
export function useCodeCache(name, directory) {
  const mode = process.env.FARGATE_RUNNER_CODE_CACHE;
  const debugging = process.execArgv.some((arg) => arg.startsWith('--inspect'));
  const off = process.env.NODE_V8_COVERAGE || mode === '0';
  // zlib.crc32 is in Node 20.15 and later.
  if (debugging || off || typeof zlib.crc32 !== 'function') return;
  const file = path.join(directory, `${name}-${process.version}-${process.arch}.bin`);
  const { index, caches } = readCache(file);
  const modules = new Map();
  let compiled = false;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    // ES modules loaded by require() and TypeScript stay with Node.
    if (format !== undefined && format !== 'commonjs') return compile.apply(this, arguments);
    const key = keyOf(filename);
    const seen = { length: content.length, crc: zlib.crc32(content) };
    const entry = index.get(key);
    const same = entry !== undefined && entry.length === seen.length && entry.crc === seen.crc;
    // A dynamic import() needs Node's loader (vm.Script would need an option still experimental
    // on Node 22): a module that may have one, searched for when it is new, stays with Node.
    if (same ? entry.start === undefined : DYNAMIC_IMPORT.test(content)) {
      if (!same) compiled = true;
      modules.set(key, seen);
      return compile.apply(this, arguments);
    }
    const cachedData = same ? caches.subarray(entry.start, entry.end) : undefined;
    let script;
    try {
      // A first line `#!…` is a comment for Node, not inside the module's wrapper.
      const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new vm.Script(Module.wrap(source), { filename, cachedData });
    } catch (error) {
      // Node's own compilation words a syntax error best (and detects ES module syntax).
      if (error instanceof SyntaxError) return compile.apply(this, arguments);
      throw error;
    }
    if (cachedData === undefined || script.cachedDataRejected) compiled = true;
    modules.set(key, { ...seen, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(
      this.exports,
      this.exports,
      requireFor(this),
      this,
      filename,
      path.dirname(filename),
    );
  };
  process.once('exit', () => {
    if (!compiled || mode === 'read-only') return;
    try {
      writeCache(file, modules);
    } catch {
      // The cache only saves time: a run that cannot write it has still done its work.
    }
  });
}
