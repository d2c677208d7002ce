import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import {
  bundleBuildOptions,
  buildZip,
  type BundleName,
  LAMBDA_BUNDLES,
  type LambdaBundle,
  packageRoot,
  sha256,
} from './bundle';

/** Where the cache lives unless told otherwise: one folder for every checkout on the machine. */
export const DEFAULT_CACHE_ROOT = join(tmpdir(), 'cdktf-fargate-runner');
/** How many zips (and input lists) of each bundle the cache keeps; older ones are deleted. */
export const CACHE_ENTRIES_KEPT = 8;
/** The lock files that pin the dependencies esbuild reads from `node_modules`. */
const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Where the cache is and which checkout (or installed package) the sources come from. */
export interface BundleCacheOptions {
  /** @default DEFAULT_CACHE_ROOT */
  readonly cacheRoot?: string;
  /** The package root whose sources are bundled. @default this package's root */
  readonly root?: string;
}

/**
 * What the last build of a bundle read, beyond what the lock file pins: the paths, relative to
 * the package root, of the project's own sources (every input when no lock file was found).
 * Stored as `<name>-<base>.json`; never an absolute path.
 */
interface InputList {
  readonly tracked: readonly string[];
}

/**
 * A Lambda bundle, built only when something it is made from changed. The cache key is made of
 * content only, never of a location, so every checkout and git worktree on the machine shares
 * it: the bundle's name, its build options (paths relative to the package root), esbuild's
 * version, the lock file's hash (for everything esbuild read from `node_modules`) and the path
 * and hash of each of the project's own sources that the last build read. A fresh zip is reused
 * without starting esbuild; the bytes are the same either way. The cache keeps the
 * {@link CACHE_ENTRIES_KEPT} newest zips of each bundle and deletes older ones.
 */
export function cachedBundle(name: BundleName, options: BundleCacheOptions = {}): LambdaBundle {
  const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
  // esbuild reports the files it read by their real paths.
  const root = realpathSync(options.root ?? packageRoot());
  const lock = lockFile(root);
  const base = baseKey(name, root, lock);
  const listPath = join(cacheRoot, `${name}-${base}.json`);
  const list = readJson<InputList>(listPath);
  const cached = list && readZip(cacheRoot, name, contentKey(base, root, list.tracked));
  if (cached) return cached;

  const built = buildZip(name, root);
  const tracked = built.inputs
    .filter((file) => !lock || !file.split(sep).includes('node_modules'))
    .map((file) => relative(root, file));
  const zipPath = cachedZipPath(cacheRoot, name, contentKey(base, root, tracked)!);
  mkdirSync(dirname(zipPath), { recursive: true });
  writeAtomically(zipPath, built.zip);
  writeAtomically(listPath, JSON.stringify({ tracked } satisfies InputList));
  prune(cacheRoot, name);
  return { zipPath, sha256: sha256(built.zip), bytes: built.zip.length };
}

/** The runner's zip, from the cache: see {@link cachedBundle}. */
export const cachedRunnerBundle = (options?: BundleCacheOptions) => cachedBundle('runner', options);

/**
 * The nearest npm lock file at or above the package root: a checkout's own, or for the
 * installed package (which ships none) the lock file of the project that installed it.
 */
function lockFile(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const found = LOCK_FILES.map((file) => join(dir, file)).find((file) => existsSync(file));
    if (found) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The part of the key known before reading any source: options, esbuild, dependencies. */
function baseKey(name: BundleName, root: string, lock: string | undefined): string {
  const { entryPoints, absWorkingDir, ...options } = bundleBuildOptions(name, root);
  const esbuildVersion = (
    JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')) as { version: string }
  ).version;
  return sha256(
    JSON.stringify({
      name,
      options,
      entryPoints: entryPoints.map((entry) => relative(root, entry)),
      absWorkingDir: relative(root, absWorkingDir),
      esbuildVersion,
      lock: lock ? sha256(readFileSync(lock)) : null,
    }),
  ).slice(0, 32);
}

/** The whole key: the base and each tracked source's relative path and content hash. */
function contentKey(base: string, root: string, tracked: readonly string[]): string | undefined {
  const hashes: string[] = [];
  for (const file of tracked) {
    const content = readOrUndefined(join(root, file));
    if (!content) return undefined;
    hashes.push(`${file}\0${sha256(content)}`);
  }
  return sha256([base, ...hashes].join('\n')).slice(0, 32);
}

/**
 * `<cacheRoot>/<name>-<key>/<name>.zip`: the file's name, which the stack's output shows, is the
 * same for every key.
 */
function cachedZipPath(cacheRoot: string, name: BundleName, key: string): string {
  return join(cacheRoot, `${name}-${key}`, `${name}.zip`);
}

function readZip(cacheRoot: string, name: BundleName, key: string | undefined) {
  if (!key) return undefined;
  const zipPath = cachedZipPath(cacheRoot, name, key);
  const zip = readOrUndefined(zipPath);
  return zip && { zipPath, sha256: sha256(zip), bytes: zip.length };
}

/**
 * Folders of the older cache layout (named without a bundle's name, one per checkout directory)
 * are deleted once untouched for this long: an older release of the package may still use its
 * own on this machine.
 */
const LEGACY_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the newest {@link CACHE_ENTRIES_KEPT} zips and input lists of the bundle and deletes the
 * older ones, and the folders of the older cache layout. Other bundles' entries and files being
 * written (`.tmp`) stay.
 */
function prune(cacheRoot: string, name: BundleName): void {
  const entries = readdirSync(cacheRoot, { withFileTypes: true });
  for (const entry of entries) {
    const folder = join(cacheRoot, entry.name);
    const isBundle = Object.keys(LAMBDA_BUNDLES).some((bundle) =>
      entry.name.startsWith(`${bundle}-`),
    );
    if (entry.isDirectory() && !isBundle && Date.now() - mtimeOrZero(folder) > LEGACY_AGE_MS)
      rmSync(folder, { recursive: true, force: true });
  }
  const newestFirst = (paths: string[]) =>
    paths
      .map((path) => ({ path, mtime: mtimeOrZero(path) }))
      .sort((a, b) => b.mtime - a.mtime)
      .map(({ path }) => path);
  const mine = entries.filter((e) => e.name.startsWith(`${name}-`));
  const zips = mine
    .filter((e) => e.isDirectory())
    .map((e) => join(cacheRoot, e.name, `${name}.zip`));
  const lists = mine
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(cacheRoot, e.name));
  for (const zip of newestFirst(zips).slice(CACHE_ENTRIES_KEPT))
    rmSync(dirname(zip), { recursive: true, force: true });
  for (const list of newestFirst(lists).slice(CACHE_ENTRIES_KEPT)) rmSync(list, { force: true });
}

function mtimeOrZero(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The file's bytes, or undefined when it is missing (another process may prune it). */
function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  const content = readOrUndefined(file);
  try {
    return content && (JSON.parse(content.toString('utf8')) as T);
  } catch {
    return undefined;
  }
}

/** Writes by rename, so that a concurrent synth never reads a half-written file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}
