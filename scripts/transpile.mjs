// Transpiles the project's TypeScript file by file into .gen/, keeping the tree's layout, with
// esbuild: a few milliseconds, no type-checking (that is `npm run typecheck`). Skipped, without
// even loading esbuild, when .gen/ was built from exactly the current sources: a stamp per top-level
// directory hashes every source file's path and content (never of timestamps, which `cp -p`, `tar` and
// `rsync -a` carry over). Otherwise the directory's output is rebuilt from scratch, so that the
// output of a deleted source file is gone too.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * Transpiles each of the given top-level directories into .gen/<directory>, unless that holds
 * exactly the output of the directory's current sources. A directory is rebuilt whole, into a
 * fresh directory that then replaces the old one.
 */
export function transpile(directories = ['src', 'modules', 'stacks']) {
  for (const directory of directories) {
    const sources = typescriptFiles(path.join(root, directory));
    const stamp = `${sourceStamp(sources)}\n`;
    const output = path.join(genDir, directory);
    if (readStamp(path.join(output, STAMP)) === stamp) continue;
    const next = `${output}.next-${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    createRequire(import.meta.url)('esbuild').buildSync({
      ...OPTIONS,
      entryPoints: sources,
      outdir: next,
      outbase: path.join(root, directory),
    });
    mkdirSync(next, { recursive: true });
    writeFileSync(path.join(next, STAMP), stamp);
    rmSync(output, { recursive: true, force: true });
    renameSync(next, output);
  }
}
