// Transpiles the project's TypeScript file by file into .gen/, keeping the tree's layout, with
// esbuild: a few milliseconds, no type-checking (that is `npm run typecheck`). Skipped, without
// even loading esbuild, when .gen/ was built from exactly the current sources: a stamp per top-level
// directory hashes every source file's path and content (never of timestamps, which `cp -p`, `tar` and
// `rsync -a` carry over). Otherwise the directory's output is rebuilt from scratch, so that the
// output of a deleted source file is gone too. A file that loads one of BUNDLED_PACKAGES (zod)
// is bundled with the parts of it that the file uses.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
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

/**
 * Packages bundled into each transpiled file that loads them, tree-shaken to the parts that file
 * uses; the file's own imports stay requires of their transpiled files. zod/mini is some 100
 * modules, every locale among them: loaded file by file, or whole as one bundle (450 KB), it cost
 * more than validating the settings with it. Tests and the published package load the package
 * itself.
 */
export const BUNDLED_PACKAGES = ['zod'];
/** A require of a {@link BUNDLED_PACKAGES} package (or one of its entry points) in esbuild's output. */
const BUNDLED_REQUIRE = new RegExp(`require\\("(?:${BUNDLED_PACKAGES.join('|')})(?:/[^"]*)?"\\)`);

/** An installed package's package.json, found as Node searches for the package. */
function packageManifest(name) {
  // Resolving `<name>/package.json` through the package's exports map would load Node's ES
  // module resolver, a few ms.
  const manifest = createRequire(import.meta.url)
    .resolve.paths(name)
    .map((modules) => path.join(modules, name, 'package.json'))
    .find((file) => existsSync(file));
  if (manifest === undefined) throw new Error(`transpile: ${name} is not installed`);
  return readFileSync(manifest, 'utf8');
}

let buildIdentity;
/**
 * The build options, esbuild's version and the bundled packages' manifests: part of every
 * stamp, read once per process.
 */
function buildIdentityOnce() {
  if (buildIdentity === undefined) {
    buildIdentity = JSON.stringify([
      OPTIONS,
      JSON.parse(packageManifest('esbuild')).version,
      BUNDLED_PACKAGES.map(packageManifest),
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
async function rebuildUnlessStamped(output, stamp, build) {
  if (readStamp(path.join(output, STAMP)) === stamp) return;
  const next = `${output}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await build(next);
  mkdirSync(next, { recursive: true });
  writeFileSync(path.join(next, STAMP), stamp);
  rmSync(output, { recursive: true, force: true });
  renameSync(next, output);
}

/**
 * Transpiles each of the given top-level directories into .gen/<directory>, unless that holds
 * exactly the output of the directory's current sources. A directory is rebuilt whole, into a
 * fresh directory that then replaces the old one; a file that loads a {@link BUNDLED_PACKAGES}
 * package is then rebuilt as a bundle of itself and the parts of the package it uses.
 */
export async function transpile(directories = ['src', 'modules', 'stacks']) {
  for (const directory of directories) {
    const sources = typescriptFiles(path.join(root, directory));
    await rebuildUnlessStamped(
      path.join(genDir, directory),
      `${sourceStamp(sources)}\n`,
      async (next) => {
        const outbase = path.join(root, directory);
        esbuild().buildSync({ ...OPTIONS, entryPoints: sources, outdir: next, outbase });
        for (const source of sources) {
          const outfile = path.join(next, path.relative(outbase, source)).replace(/\.ts$/, '.js');
          if (BUNDLED_REQUIRE.test(readFileSync(outfile, 'utf8')))
            await bundleInto(source, outfile);
        }
      },
    );
  }
}

const esbuild = () => createRequire(import.meta.url)('esbuild');

/** Where the bundles of {@link bundleInto} are kept between rebuilds of their directory. */
const BUNDLES = path.join(genDir, '.bundles');

/**
 * Writes `outfile` as a bundle of `source` and the parts of the bundled packages it uses; its
 * relative imports stay requires, of their transpiled files beside it. Bundles are kept by
 * content in .gen/.bundles, so that rebuilding a directory for another file's change (a settings
 * file, say) does not bundle again; a source's older bundles are removed.
 */
async function bundleInto(source, outfile) {
  const name = path.relative(root, source).replaceAll(path.sep, '__');
  const key = createHash('sha256').update(buildIdentityOnce()).update(readFileSync(source));
  const bundle = path.join(BUNDLES, `${name}.${key.digest('hex').slice(0, 16)}.js`);
  if (!existsSync(bundle)) {
    mkdirSync(BUNDLES, { recursive: true });
    for (const old of readdirSync(BUNDLES).filter((file) => file.startsWith(`${name}.`)))
      rmSync(path.join(BUNDLES, old), { force: true });
    await esbuild().build({
      ...OPTIONS,
      entryPoints: [source],
      outfile: `${bundle}.next-${process.pid}`,
      bundle: true,
      minify: true,
      keepNames: true,
      legalComments: 'none',
      plugins: [
        {
          name: 'own-imports-stay-apart',
          setup(build) {
            build.onResolve({ filter: /^\.\.?\// }, (args) =>
              args.importer === source ? { path: args.path, external: true } : undefined,
            );
          },
        },
      ],
    });
    renameSync(`${bundle}.next-${process.pid}`, bundle);
  }
  copyFileSync(bundle, outfile);
}
