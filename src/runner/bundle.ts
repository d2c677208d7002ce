import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';
import { deterministicZip } from './zip';

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
 * Bundles the handler with esbuild into one minified CommonJS file for Node 22, AWS SDK
 * included (it pins the tested version), and writes it as a deterministic zip: the same bytes
 * on every run, machine and checkout directory.
 */
export function bundleRunner(outDir: string): RunnerBundle {
  const code = bundleHandler();
  const zip = deterministicZip({ [RUNNER_ENTRY_FILE]: code });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'runner.zip');
  writeFileSync(zipPath, zip);
  return {
    zipPath,
    sha256: createHash('sha256').update(zip).digest('hex'),
    bytes: zip.length,
  };
}

/** The bundled handler's code. */
export function bundleHandler(): Uint8Array {
  const result = buildSync(handlerBuildOptions());
  if (result.errors.length > 0 || result.outputFiles.length !== 1) {
    throw new Error(`esbuild failed to bundle the runner: ${JSON.stringify(result.errors)}`);
  }
  return result.outputFiles[0].contents;
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
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  } satisfies BuildOptions & { write: false };
}

/**
 * The handler to bundle: the TypeScript source in a checkout of this project (tests, and the
 * app precompiled into .gen/ — the same source, so the same bytes), else the compiled file
 * beside this one (the package installed from npm).
 */
function handlerEntry(): string {
  const root = packageRoot(__dirname);
  const source = root && join(root, 'src', 'runner', 'handler.ts');
  if (source && existsSync(source)) return source;
  const compiled = join(__dirname, 'handler.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'handler.ts');
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
