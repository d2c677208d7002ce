import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { type Construct } from 'constructs';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { cachedRunnerBundle } from '../../src/runner/bundle';

interface BuiltRunner {
  zipPath: string;
  sha256Base64: string;
  /**
   * The asset's directory name: the MD5 of the zip, as cdktf 0.21 computes it for a file. Given
   * explicitly because CDK Terrain hashes differently: the output is the same on both.
   */
  assetHash: string;
}
let built: BuiltRunner | undefined;

/** The runner's deployment package, built (or taken from the bundle cache) once per process. */
function buildRunner(): BuiltRunner {
  if (!built) {
    const bundle = cachedRunnerBundle();
    built = {
      zipPath: bundle.zipPath,
      sha256Base64: Buffer.from(bundle.sha256, 'hex').toString('base64'),
      assetHash: createHash('md5').update(readFileSync(bundle.zipPath)).digest('hex').toUpperCase(),
    };
  }
  return built;
}

const ASSET_ID = 'runner_code';

/**
 * The runner's code — the handler bundled by esbuild into a zip whose bytes are the same on
 * every machine — as an asset of the stack (copied into the stack's output under a relative,
 * content-addressed path), one per stack however many runners it has;
 * returns its path in the stack's output and its hash.
 */
export function runnerAsset(scope: Construct): { path: string; sha256Base64: string } {
  const runner = buildRunner();
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID);
  const asset =
    existing instanceof TerraformAsset
      ? existing
      : new TerraformAsset(stack, ASSET_ID, {
          path: runner.zipPath,
          type: AssetType.FILE,
          assetHash: runner.assetHash,
        });
  return { path: asset.path, sha256Base64: runner.sha256Base64 };
}
