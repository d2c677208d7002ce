import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prettierFormat } from './markdown';
import { moduleTables, terraformModules, withTables } from './module-docs';

/**
 * `npm run docs:modules [-- --check]`: writes the inputs and outputs tables of every module's
 * README from its variables.tf and outputs.tf, or with `--check` fails when one is out of step.
 */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  const modulesDir = join(root, 'modules');
  const stale: string[] = [];
  for (const name of terraformModules(modulesDir)) {
    const file = join(modulesDir, name, 'README.md');
    const readme = readFileSync(file, 'utf8');
    const updated = prettierFormat(
      withTables(readme, await moduleTables(join(modulesDir, name))),
      file,
    );
    if (updated === readme) continue;
    stale.push(`modules/${name}/README.md`);
    if (!argv.includes('--check')) writeFileSync(file, updated);
  }
  if (argv.includes('--check') && stale.length > 0) {
    console.error(
      `out of step with variables.tf/outputs.tf (run npm run docs:modules): ${stale.join(', ')}`,
    );
    return 1;
  }
  console.log(stale.length > 0 ? `updated ${stale.join(', ')}` : 'module READMEs are up to date');
  return 0;
}
