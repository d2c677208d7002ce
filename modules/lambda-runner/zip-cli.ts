import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cachedRunnerBundle } from './bundle-cache';

/** Where the Terraform module of the runner keeps its deployment package (committed). */
export const MODULE_RUNNER_ZIP = join('modules', 'lambda-runner', 'runner.zip');

export const USAGE = `Usage: npm run build:runner-zip [-- --check]

Writes the runner's deterministic zip into the lambda-runner Terraform module
(${MODULE_RUNNER_ZIP}); bundles only when the bundle cache has no zip of the
current sources.

Options:
  --check      write nothing; fail when the committed zip differs from the current bundle
  -h, --help   show this help

Exit status: 0 written or up to date, 1 stale (with --check), 2 bad arguments.`;

/**
 * `npm run build:runner-zip [-- --check]`: writes the runner's deterministic zip into the
 * lambda-runner Terraform module, or with `--check` fails when the committed one is stale.
 */
export function main(argv: readonly string[], root = process.cwd()): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.find((arg) => arg !== '--check');
  if (unknown !== undefined) {
    console.error(`Unknown option '${unknown}'\n\n${USAGE}`);
    return 2;
  }
  const target = join(root, MODULE_RUNNER_ZIP);
  const zip = readFileSync(cachedRunnerBundle().zipPath);
  const shown = relative(process.cwd(), target) || target;
  if (argv.includes('--check')) {
    let committed: Buffer | undefined;
    try {
      committed = readFileSync(target);
    } catch {
      committed = undefined;
    }
    if (committed?.equals(zip)) {
      console.log(`${shown} is up to date`);
      return 0;
    }
    console.error(`${shown} is stale: run npm run build:runner-zip and commit it`);
    return 1;
  }
  writeFileSync(target, zip);
  console.log(`${shown}: ${zip.length} bytes`);
  return 0;
}
