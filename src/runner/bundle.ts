import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import { deterministicZip } from './zip';

/**
 * esbuild, loaded only when something is bundled: a synth whose cached bundle is fresh never
 * starts it.
 */
function esbuild(): typeof Esbuild {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('esbuild');
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The runner's deployment package. */
export interface RunnerBundle {
  /** The zip file: `<outDir>/runner.zip`. */
  readonly zipPath: string;
  /** SHA-256 of the zip, hex (Terraform's `source_code_hash` wants base64: convert there). */
  readonly sha256: string;
  /** Size of the zip in bytes. */
  readonly bytes: number;
}

/** The file name of the bundled handler inside the zip; the Lambda handler is `index.handler`. */
export const RUNNER_ENTRY_FILE = 'index.js';
/**
 * The failure consumer, a second entry point in the same zip: the Lambda handler
 * `diagnose.handler` (src/diagnose/handler.ts). The runner's `index.js` is built on its own, so
 * its bytes do not depend on the consumer.
 */
export const DIAGNOSE_ENTRY_FILE = 'diagnose.js';

/**
 * Bundles the handler with esbuild into one minified CommonJS file for Node 22, AWS SDK
 * included (it pins the tested version), and writes it as a deterministic zip: the same bytes
 * on every run, machine and checkout directory.
 */
export function bundleRunner(outDir: string): RunnerBundle {
  const { zip } = buildZip();
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'runner.zip');
  writeFileSync(zipPath, zip);
  return {
    zipPath,
    sha256: sha256(zip),
    bytes: zip.length,
  };
}

/** What a cached bundle was built from: every input file's hash, and the zip's. */
interface CacheRecord {
  readonly inputs: Record<string, string>;
  readonly sha256: string;
}

/**
 * The runner's zip, built by {@link bundleRunner}'s steps only when one of its inputs changed:
 * the cache (under the OS temp directory, keyed by the build options and esbuild's version)
 * records the hash of every file esbuild read, as a build system would. A synth whose handler
 * and dependencies are unchanged reuses the zip without starting esbuild; the bytes are the
 * same either way.
 */
export function cachedRunnerBundle(
  cacheRoot = join(tmpdir(), 'cdktf-fargate-runner'),
): RunnerBundle {
  const options = [handlerBuildOptions(), diagnoseBuildOptions()];
  const esbuildVersion = (
    JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')) as { version: string }
  ).version;
  const directory = join(
    cacheRoot,
    sha256(JSON.stringify({ options, esbuildVersion })).slice(0, 16),
  );
  const zipPath = join(directory, 'runner.zip');
  const recordPath = join(directory, 'record.json');
  const record = existsSync(recordPath)
    ? (JSON.parse(readFileSync(recordPath, 'utf8')) as CacheRecord)
    : undefined;
  if (record && isFresh(record, zipPath))
    return { zipPath, sha256: record.sha256, bytes: readFileSync(zipPath).length };

  const built = buildZip();
  const zip = built.zip;
  const inputs = Object.fromEntries(built.inputs.map((file) => [file, sha256(readFileSync(file))]));
  mkdirSync(directory, { recursive: true });
  writeAtomically(zipPath, zip);
  writeAtomically(
    recordPath,
    JSON.stringify({ inputs, sha256: sha256(zip) } satisfies CacheRecord),
  );
  return { zipPath, sha256: sha256(zip), bytes: zip.length };
}

function isFresh(record: CacheRecord, zipPath: string): boolean {
  if (!existsSync(zipPath) || sha256(readFileSync(zipPath)) !== record.sha256) return false;
  return Object.entries(record.inputs).every(
    ([file, hash]) => existsSync(file) && sha256(readFileSync(file)) === hash,
  );
}

/** Writes by rename, so that a concurrent synth never reads a half-written file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** The handlers bundled and zipped, and every file esbuild read (absolute paths). */
function buildZip(): { zip: Uint8Array; inputs: string[] } {
  const runner = buildOne(handlerBuildOptions(), 'the runner');
  const diagnose = buildOne(diagnoseBuildOptions(), 'the failure consumer');
  return {
    zip: deterministicZip({
      [RUNNER_ENTRY_FILE]: runner.contents,
      [DIAGNOSE_ENTRY_FILE]: diagnose.contents,
    }),
    inputs: [...new Set([...runner.inputs, ...diagnose.inputs])].sort(),
  };
}

function buildOne(
  options: ReturnType<typeof handlerBuildOptions>,
  what: string,
): { contents: Uint8Array; inputs: string[] } {
  const result = esbuild().buildSync({ ...options, metafile: true });
  if (result.errors.length > 0 || result.outputFiles.length !== 1) {
    throw new Error(`esbuild failed to bundle ${what}: ${JSON.stringify(result.errors)}`);
  }
  return {
    contents: result.outputFiles[0].contents,
    inputs: Object.keys(result.metafile.inputs).map((input) =>
      resolve(options.absWorkingDir, input),
    ),
  };
}

/** The esbuild options for the failure consumer: the runner's, with its own entry point. */
export function diagnoseBuildOptions(): ReturnType<typeof handlerBuildOptions> {
  const entry = sourceOrCompiled(join('src', 'diagnose', 'handler.ts'), join('..', 'diagnose'));
  return { ...handlerBuildOptions(), entryPoints: [entry], absWorkingDir: dirname(entry) };
}

/** The esbuild options for the handler (the benchmark varies them). */
export function handlerBuildOptions() {
  const entry = handlerEntry();
  return {
    entryPoints: [entry],
    // Paths esbuild might print into the output are then relative to the handler's directory.
    absWorkingDir: dirname(entry),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The SDK's ES modules tree-shake; its CommonJS build is one file per package.
    mainFields: ['module', 'main'],
    // The build settings come from here, never from a tsconfig.json found beside the sources:
    // a checkout (which has one) and an installed package (which has none) bundle the same bytes.
    tsconfigRaw: { compilerOptions: { alwaysStrict: true } },
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  } satisfies Esbuild.BuildOptions & { write: false };
}

/**
 * The handler to bundle: the TypeScript source in a checkout of this project (tests, and the
 * app precompiled into .gen/ — the same source, so the same bytes), else the compiled file
 * beside this one (the package installed from npm).
 */
function handlerEntry(): string {
  return sourceOrCompiled(join('src', 'runner', 'handler.ts'), '.');
}

/** `<root>/<source>` in a checkout, else `handler.js` (or `.ts`) in `<this directory>/<compiled>`. */
function sourceOrCompiled(source: string, compiled: string): string {
  const root = packageRoot(__dirname);
  const inCheckout = root && join(root, source);
  if (inCheckout && existsSync(inCheckout)) return inCheckout;
  const javascript = join(__dirname, compiled, 'handler.js');
  return existsSync(javascript) ? javascript : join(__dirname, compiled, 'handler.ts');
}

/** The nearest directory above `start` whose package.json is this package's. */
function packageRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
        'cdktf-fargate-runner'
        ? dir
        : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
