import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Esbuild from 'esbuild';
import type * as Zip from './zip';

/**
 * esbuild, loaded only when something is bundled: a synth whose cached bundle is fresh never
 * starts it.
 */
function esbuild(): typeof Esbuild {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('esbuild');
}

/** The zip writer (and fflate), loaded only when a zip is built, like esbuild. */
function zip(): typeof Zip {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./zip');
}

/** SHA-256, hex. */
export const sha256 = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest('hex');

/**
 * The Lambda functions whose code this project bundles, each into its own zip: the runner
 * (`modules/lambda-runner`) and the failure consumer (`modules/task-failures`).
 */
export const LAMBDA_BUNDLES = {
  /** The runner: the Lambda handler `index.handler`. */
  runner: { source: join('src', 'runner', 'handler.ts'), file: 'index.js' },
  /** The failure consumer: the Lambda handler `diagnose.handler`. */
  diagnose: { source: join('src', 'diagnose', 'handler.ts'), file: 'diagnose.js' },
} as const;

/** One of {@link LAMBDA_BUNDLES}. */
export type BundleName = keyof typeof LAMBDA_BUNDLES;

/** The file name of the bundled runner inside its zip; the Lambda handler is `index.handler`. */
export const RUNNER_ENTRY_FILE = LAMBDA_BUNDLES.runner.file;
/** The file name of the failure consumer inside its zip: the handler `diagnose.handler`. */
export const DIAGNOSE_ENTRY_FILE = LAMBDA_BUNDLES.diagnose.file;

/** A Lambda deployment package. */
export interface LambdaBundle {
  /** The zip file. */
  readonly zipPath: string;
  /** SHA-256 of the zip, hex (Terraform's `source_code_hash` wants base64: convert there). */
  readonly sha256: string;
  /** Size of the zip in bytes. */
  readonly bytes: number;
}

/** A bundle zipped, and every file esbuild read (absolute paths, sorted). */
export interface BuiltZip {
  readonly zip: Uint8Array;
  readonly inputs: readonly string[];
}

/**
 * Bundles one handler with esbuild into one minified CommonJS file for Node 22, AWS SDK
 * included (it pins the tested version), and zips it deterministically: the same bytes on every
 * run, machine and checkout directory.
 */
export function buildZip(name: BundleName, root = packageRoot()): BuiltZip {
  const options = bundleBuildOptions(name, root);
  const result = esbuild().buildSync({ ...options, metafile: true });
  if (result.errors.length > 0 || result.outputFiles.length !== 1) {
    throw new Error(`esbuild failed to bundle ${name}: ${JSON.stringify(result.errors)}`);
  }
  return {
    zip: zip().deterministicZip({ [LAMBDA_BUNDLES[name].file]: result.outputFiles[0].contents }),
    inputs: Object.keys(result.metafile.inputs)
      .map((input) => join(options.absWorkingDir, input))
      .sort(),
  };
}

/** Builds the runner's zip (without the cache) into `<outDir>/runner.zip`. */
export function bundleRunner(outDir: string): LambdaBundle {
  const { zip } = buildZip('runner');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'runner.zip');
  writeFileSync(zipPath, zip);
  return { zipPath, sha256: sha256(zip), bytes: zip.length };
}

/** The esbuild options for the runner's handler (the benchmark varies them). */
export function handlerBuildOptions() {
  return bundleBuildOptions('runner');
}

/** The esbuild options for the failure consumer: the runner's, with its own entry point. */
export function diagnoseBuildOptions() {
  return bundleBuildOptions('diagnose');
}

/**
 * The esbuild options for one bundle of the package at `root`: the same for every bundle but
 * the entry point.
 */
export function bundleBuildOptions(name: BundleName, root = packageRoot()) {
  const entry = sourceOrCompiled(LAMBDA_BUNDLES[name].source, root);
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
 * The handler to bundle: the TypeScript source in a checkout of this project or the installed
 * package, which ships it (tests, and the app precompiled into .gen/ — the same source, so the
 * same bytes); else the compiled `handler.js` at the same place under dist/.
 */
function sourceOrCompiled(source: string, root: string): string {
  const inCheckout = join(root, source);
  if (existsSync(inCheckout)) return inCheckout;
  return join(root, 'dist', source.replace(/\.ts$/, '.js'));
}

/**
 * The root of this package (a checkout or the installed package): the nearest directory above
 * this file with a package.json, which must be this package's.
 */
export function packageRoot(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'cdktf-fargate-runner') return dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`the bundler found no package.json of cdktf-fargate-runner above ${start}`);
}
