import { cpSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cachedBundle, CACHE_ENTRIES_KEPT } from '../../../modules/lambda-runner/bundle-cache';
import { type BundleCacheOptions } from '../../../modules/lambda-runner/bundle-cache';
import { temporaryFolders } from './support';

const ROOT = resolve(__dirname, '../../..');
const tempDir = temporaryFolders('runner-bundle-cache-');

/**
 * A copy of the checkout's sources in a new directory, as a git worktree has them: package.json,
 * the lock file and src/, with this checkout's node_modules linked and no tsconfig.json (as in
 * the installed package, whose bundle must be the same bytes).
 */
function checkoutCopy(): string {
  const root = join(tempDir(), 'checkout');
  mkdirSync(root);
  for (const file of ['package.json', 'package-lock.json', 'src'])
    cpSync(join(ROOT, file), join(root, file), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** The cache folder's entries (what a build left behind), sorted. */
const listing = (cacheRoot: string) => readdirSync(cacheRoot).sort();

let cacheRoot: string;
let first: BundleCacheOptions;
let second: BundleCacheOptions;
let built: ReturnType<typeof cachedBundle>;
/** The zip the checkout itself bundles (from the machine's cache or built). */
let checkoutZip: Buffer;
beforeAll(() => {
  cacheRoot = tempDir();
  first = { cacheRoot, root: checkoutCopy() };
  second = { cacheRoot, root: checkoutCopy() };
  built = cachedBundle('runner', first);
  checkoutZip = readFileSync(cachedBundle('runner').zipPath);
});

test('builds in another directory, without a tsconfig.json, the bytes of the checkout', () => {
  expect(readFileSync(built.zipPath).equals(checkoutZip)).toBe(true);
  expect(built.bytes).toBe(checkoutZip.length);
  expect(built.zipPath).toMatch(/\/runner\.zip$/);
});

test('a checkout in another directory has the same key: it reuses the zip, nothing is rebuilt', () => {
  const before = listing(cacheRoot);
  const zipWritten = statSync(built.zipPath).mtimeMs;
  expect(cachedBundle('runner', second)).toEqual(built);
  expect(cachedBundle('runner', first)).toEqual(built);
  expect(listing(cacheRoot)).toEqual(before);
  expect(statSync(built.zipPath).mtimeMs).toBe(zipWritten);
});

test("the cache records the project's own sources, by relative path only", () => {
  const lists = listing(cacheRoot).filter((name) => name.endsWith('.json'));
  expect(lists).toHaveLength(1);
  const text = readFileSync(join(cacheRoot, lists[0]), 'utf8');
  const { tracked } = JSON.parse(text) as { tracked: string[] };
  expect(tracked).toContain(join('src', 'runner', 'handler.ts'));
  expect(tracked).toContain(join('src', 'errors.ts'));
  // Dependencies are pinned by the lock file's hash, in the key.
  expect(tracked.filter((file) => file.includes('node_modules'))).toEqual([]);
  for (const location of [ROOT, first.root!, second.root!, tmpdir()])
    expect(text).not.toContain(location);
  expect(tracked.filter((file) => file.startsWith('/') || file.startsWith('..'))).toEqual([]);
  // Nothing else in the cache but that list and the zip's folder.
  expect(listing(cacheRoot)).toEqual([lists[0], dirname(built.zipPath).split('/').at(-1)].sort());
});

test("a change to one of the runner's sources is a new key", () => {
  const copy = { cacheRoot, root: checkoutCopy() };
  appendFileSync(join(copy.root!, 'src', 'runner', 'log.ts'), '\n// changed\n');
  const rebuilt = cachedBundle('runner', copy);
  expect(rebuilt.zipPath).not.toBe(built.zipPath);
  // A comment: the minified code is the same.
  expect(rebuilt.sha256).toBe(built.sha256);
  // The unchanged checkouts still find theirs.
  expect(cachedBundle('runner', second).zipPath).toBe(built.zipPath);
});

test('a change to the lock file is a new key; the cache keeps its newest entries only', () => {
  // Older entries: more zips of the runner than are kept, and a folder of the older layout.
  const old = Date.now() / 1000 - 2 * 24 * 60 * 60;
  for (let i = 0; i < CACHE_ENTRIES_KEPT; i++) {
    const zip = join(cacheRoot, `runner-old${i}`, 'runner.zip');
    mkdirSync(dirname(zip));
    writeFileSync(zip, 'an older zip');
    utimesSync(zip, old + i, old + i);
  }
  mkdirSync(join(cacheRoot, '0593639bf42297c6'));
  utimesSync(join(cacheRoot, '0593639bf42297c6'), old, old);
  mkdirSync(join(cacheRoot, 'diagnose-other'));

  const copy = { cacheRoot, root: checkoutCopy() };
  const lock = join(copy.root!, 'package-lock.json');
  writeFileSync(lock, `${readFileSync(lock, 'utf8')}\n`);
  const rebuilt = cachedBundle('runner', copy);
  expect(rebuilt.zipPath).not.toBe(built.zipPath);
  expect(rebuilt.sha256).toBe(built.sha256);

  const zips = listing(cacheRoot).filter(
    (name) => name.startsWith('runner-') && !name.endsWith('.json'),
  );
  expect(zips).toHaveLength(CACHE_ENTRIES_KEPT);
  // 11 zips: the made-up ones, the first, the one of the changed source and the rebuilt one.
  // The three oldest (made-up) ones are gone.
  expect(zips.filter((name) => name.startsWith('runner-old'))).toEqual([
    'runner-old3',
    'runner-old4',
    'runner-old5',
    'runner-old6',
    'runner-old7',
  ]);
  expect(zips).toContain(dirname(rebuilt.zipPath).split('/').at(-1));
  expect(listing(cacheRoot)).not.toContain('0593639bf42297c6');
  expect(listing(cacheRoot)).toContain('diagnose-other');
});

test('without a lock file, every input esbuild read is tracked by content (relative paths)', () => {
  const copy = { cacheRoot: tempDir(), root: checkoutCopy() };
  rmSync(join(copy.root!, 'package-lock.json'));
  const rebuilt = cachedBundle('runner', copy);
  expect(rebuilt.sha256).toBe(built.sha256);
  const [list] = listing(copy.cacheRoot).filter((name) => name.endsWith('.json'));
  const { tracked } = JSON.parse(readFileSync(join(copy.cacheRoot, list), 'utf8')) as {
    tracked: string[];
  };
  expect(tracked).toContain(join('src', 'runner', 'handler.ts'));
  expect(
    tracked.some((file) => file.includes(join('node_modules', '@aws-sdk', 'client-ecs'))),
  ).toBe(true);
  expect(tracked.filter((file) => file.startsWith('/'))).toEqual([]);
});
