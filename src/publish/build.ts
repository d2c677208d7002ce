import * as fs from 'fs';
import * as path from 'path';
import { formatTerraformFiles } from '../hcl/format';
import { completeExample } from './example';
import { moduleFiles } from './files';
import { MODULES } from './modules';

/** Every file of `dist/terraform`, by path relative to it. */
export function publishedFiles(): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  let awsRange = '';
  for (const definition of MODULES) {
    for (const [file, content] of Object.entries(moduleFiles(definition))) {
      files[`${definition.name}/${file}`] = content;
    }
    awsRange = /version = "([^"]+)"/.exec(files[`${definition.name}/versions.tf`] as string)![1];
  }
  for (const [file, content] of Object.entries(completeExample(awsRange))) {
    for (const definition of MODULES) {
      files[`${definition.name}/examples/complete/${file}`] = content;
    }
  }
  return files;
}

/**
 * Writes `dist/terraform/<module>/…` afresh (no stale file from a removed input survives), every
 * `.tf` file formatted as `terraform fmt` formats it.
 */
export async function buildModules(outdir = path.join('dist', 'terraform')): Promise<string[]> {
  const files = await formatTerraformFiles(publishedFiles());
  fs.rmSync(outdir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(outdir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return Object.keys(files);
}
