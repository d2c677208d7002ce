import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, TerraformAsset } from 'cdktf';
import { type Construct } from 'constructs';
import { bundleHandler, RUNNER_ENTRY_FILE } from '../../src/runner/bundle';
import { deterministicZip } from '../../src/runner/zip';

interface BuiltRunner {
  readonly zipPath: string;
  readonly sha256Base64: string;
}

let built: BuiltRunner | undefined;

/**
 * The runner's deployment package, built once per process: the handler bundled by esbuild
 * into a zip whose bytes are the same on every machine. It is written under the OS temp
 * directory by content hash (never into the project), and copied into the stack's output as a
 * file asset, whose path is relative and content-addressed.
 */
function buildRunner(): BuiltRunner {
  if (built) return built;
  const zip = deterministicZip({ [RUNNER_ENTRY_FILE]: bundleHandler() });
  const sha256 = createHash('sha256').update(zip);
  const digest = sha256.digest();
  const directory = join(tmpdir(), `cdktf-fargate-runner-${digest.toString('hex').slice(0, 16)}`);
  const zipPath = join(directory, 'runner.zip');
  if (!existsSync(zipPath)) {
    mkdirSync(directory, { recursive: true });
    writeFileSync(zipPath, zip);
  }
  built = { zipPath, sha256Base64: digest.toString('base64') };
  return built;
}

/** Adds the runner's code to the stack as an asset; returns its path in the stack and its hash. */
export function runnerAsset(scope: Construct): { path: string; sha256Base64: string } {
  const runner = buildRunner();
  const asset = new TerraformAsset(scope, 'Code', { path: runner.zipPath, type: AssetType.FILE });
  return { path: asset.path, sha256Base64: runner.sha256Base64 };
}
