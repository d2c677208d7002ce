// Transpiles the project's TypeScript file by file into .gen/, keeping the tree's layout, with
// esbuild: a few milliseconds, no type-checking (that is `npm run typecheck`). Skipped, without
// even loading esbuild, when .gen/ was built from exactly the current sources: a stamp per top-level
// directory hashes every source file's path and content (never of timestamps, which `cp -p`, `tar` and
// `rsync -a` carry over). Otherwise the directory's output is rebuilt from scratch, so that the
// output of a deleted source file is gone too.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const genDir = path.join(root, '.gen');
/** The file in .gen/<directory> holding the stamp of the sources it was built from. */
const STAMP = '.stamp';
const OPTIONS = { platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };

/** Every .ts file under a directory, sorted (Node 20 has no fs.globSync). */
function typescriptFiles(directory) {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) return typescriptFiles(file);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
    });
}

let buildIdentity;
/** The build options and esbuild's version: part of every stamp, read once per process. */
function buildIdentityOnce() {
  if (buildIdentity === undefined) {
    const esbuildPackage = createRequire(import.meta.url).resolve('esbuild/package.json');
    buildIdentity = JSON.stringify([
      OPTIONS,
      JSON.parse(readFileSync(esbuildPackage, 'utf8')).version,
    ]);
  }
  return buildIdentity;
}

/** The stamp of a set of sources: their paths and contents, the build options and esbuild's version. */
export function sourceStamp(sources) {
  const hash = createHash('sha256').update(buildIdentityOnce());
  for (const source of sources) {
    const content = readFileSync(source);
    hash.update(`\0${path.relative(root, source)}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

const readStamp = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Builds `output` unless its stamp file says it was built for `stamp`: `build(directory)` writes
 * into a fresh directory, which then replaces the old one with the stamp inside.
 */
function rebuildUnlessStamped(output, stamp, build) {
  if (readStamp(path.join(output, STAMP)) === stamp) return;
  const next = `${output}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  build(next);
  mkdirSync(next, { recursive: true });
  writeFileSync(path.join(next, STAMP), stamp);
  rmSync(output, { recursive: true, force: true });
  renameSync(next, output);
}

/**
 * Transpiles each of the given top-level directories into .gen/<directory>, unless that holds
 * exactly the output of the directory's current sources. A directory is rebuilt whole, into a
 * fresh directory that then replaces the old one. Then prebundles the {@link PREBUNDLED} packages.
 */
export function transpile(directories = ['src', 'modules', 'stacks']) {
  for (const directory of directories) {
    const sources = typescriptFiles(path.join(root, directory));
    rebuildUnlessStamped(path.join(genDir, directory), `${sourceStamp(sources)}\n`, (next) =>
      createRequire(import.meta.url)('esbuild').buildSync({
        ...OPTIONS,
        entryPoints: sources,
        outdir: next,
        outbase: path.join(root, directory),
      }),
    );
  }
  for (const name of PREBUNDLED) prebundle(name);
}

/**
 * Packages that the transpiled code loads as one bundled file each, from .gen/node_modules/<name>
 * (where Node looks before the project's node_modules): zod is some 80 modules (every locale
 * among them), and loading them file by file cost more than validating the settings with them.
 * The bundle is the installed package's own code; tests and the published package load the
 * package itself.
 */
export const PREBUNDLED = ['zod'];

/** Bundles an installed package into .gen/node_modules/<name>, unless built from its current package.json. */
function prebundle(name) {
  const require = createRequire(import.meta.url);
  // The package's own directory, as Node searches for it: resolving `<name>/package.json`
  // through the package's exports map would load Node's ES module resolver, a few ms.
  const manifest = require.resolve
    .paths(name)
    .map((modules) => path.join(modules, name, 'package.json'))
    .find((file) => existsSync(file));
  if (manifest === undefined) throw new Error(`transpile: ${name} is not installed`);
  const stamp = `${createHash('sha256').update(buildIdentityOnce()).update(readFileSync(manifest)).digest('hex')}\n`;
  rebuildUnlessStamped(path.join(genDir, 'node_modules', name), stamp, (next) => {
    require('esbuild').buildSync({
      ...OPTIONS,
      stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: root },
      bundle: true,
      minify: true,
      keepNames: true,
      legalComments: 'none',
      outfile: path.join(next, 'index.js'),
    });
    writeFileSync(
      path.join(next, 'package.json'),
      `${JSON.stringify({ name, main: 'index.js' })}\n`,
    );
  });
}
