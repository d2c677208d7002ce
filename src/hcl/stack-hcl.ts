import * as fs from 'fs';
import * as path from 'path';
import { type TerraformStack } from 'cdktf';
import { formatHcl } from './format';
import { blockSchema } from './blocks';
import { renderSections, type TerraformJson } from './render';

/** Every top-level section of a stack, in the order a reader expects them. */
export const STACK_SECTIONS = [
  'terraform',
  'provider',
  'variable',
  'locals',
  'data',
  'resource',
  'module',
  'output',
];

/** A stack's Terraform as HCL (`cdk.tf`), rendered from its JSON synth. */
export function stackHcl(stack: TerraformStack, json: TerraformJson): string {
  return renderSections(json, STACK_SECTIONS, blockSchema(stack));
}

/**
 * Rewrites the synthesized stacks in `outdir` from `cdk.tf.json` to `cdk.tf` (what `cdktf
 * synth --hcl` writes, without its dropped `false`/`0`/`""` values), leaving no JSON beside
 * the HCL, formatted as `terraform fmt` formats it, and points the manifest at the HCL files.
 */
export async function convertStacksToHcl(
  outdir: string,
  stacks: readonly TerraformStack[],
): Promise<void> {
  const manifestPath = path.join(outdir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  for (const stack of stacks) {
    const entry = manifest.stacks[stack.node.id];
    const jsonPath = path.join(outdir, entry.synthesizedStackPath);
    const hclPath = jsonPath.replace(/\.json$/, '');
    const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as TerraformJson;
    fs.writeFileSync(hclPath, await formatHcl(stackHcl(stack, json)));
    fs.rmSync(jsonPath);
    entry.synthesizedStackPath = entry.synthesizedStackPath.replace(/\.json$/, '');
  }
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}
