import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  return {
    // From the sources (tests, ts-node) or from the compiled package (dist/src/runner).
    entryPoints: [handlerEntry()],
    // Paths esbuild might print into the output are then relative to this directory.
    absWorkingDir: __dirname,
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

function handlerEntry(): string {
  const source = join(__dirname, 'handler.ts');
  return existsSync(source) ? source : join(__dirname, 'handler.js');
}
