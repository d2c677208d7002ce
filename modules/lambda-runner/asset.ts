import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { type Construct } from 'constructs';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { type BundleName } from './bundle';
import { cachedBundle } from './bundle-cache';

interface BuiltBundle {
  zipPath: string;
  sha256Base64: string;
  /**
   * The asset's directory name: the MD5 of the zip, as cdktf 0.21 computes it for a file. Given
   * explicitly because CDK Terrain hashes differently: the output is the same on both.
   */
  assetHash: string;
}
const built = new Map<BundleName, BuiltBundle>();

/** A Lambda's deployment package, built (or taken from the bundle cache) once per process. */
function build(name: BundleName): BuiltBundle {
  let bundle = built.get(name);
  if (!bundle) {
    const cached = cachedBundle(name);
    bundle = {
      zipPath: cached.zipPath,
      sha256Base64: Buffer.from(cached.sha256, 'hex').toString('base64'),
      assetHash: createHash('md5').update(readFileSync(cached.zipPath)).digest('hex').toUpperCase(),
    };
    built.set(name, bundle);
  }
  return bundle;
}

/** The asset id of each bundle in a stack: its folder in the stack's output. */
const ASSET_IDS: Record<BundleName, string> = { runner: 'runner_code', diagnose: 'diagnose_code' };

/**
 * A Lambda's code — its handler bundled by esbuild into a zip whose bytes are the same on every
 * machine — as an asset of the stack (copied into the stack's output under a relative,
 * content-addressed path), one per stack and bundle however many functions use it;
 * returns its path in the stack's output and its hash.
 */
export function lambdaAsset(
  scope: Construct,
  name: BundleName,
): { path: string; sha256Base64: string } {
  const bundle = build(name);
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_IDS[name]);
  const asset =
    existing instanceof TerraformAsset
      ? existing
      : new TerraformAsset(stack, ASSET_IDS[name], {
          path: bundle.zipPath,
          type: AssetType.FILE,
          assetHash: bundle.assetHash,
        });
  return { path: asset.path, sha256Base64: bundle.sha256Base64 };
}

/** The runner's code as an asset of the stack: see {@link lambdaAsset}. */
export const runnerAsset = (scope: Construct) => lambdaAsset(scope, 'runner');
