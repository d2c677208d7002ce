import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prettierFormat } from './markdown';
import { moduleTables, terraformModules, withTables } from './module-docs';

export const USAGE = `Usage: npm run docs:modules [-- --check]

Writes the inputs and outputs tables of every module's README (modules/<name>/README.md) from
its variables.tf and outputs.tf.

Options:
  --check      write nothing; exit 1 when a README is out of step
  -h, --help   this text

Exit codes: 0 up to date (or updated), 1 out of step (--check), 2 wrong usage.`;

/**
 * `npm run docs:modules [-- --check]`: writes the inputs and outputs tables of every module's
 * README from its variables.tf and outputs.tf, or with `--check` fails when one is out of step.
 */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  let check: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    check = values.check ?? false;
  } catch (error) {
    console.error(`docs:modules: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
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
    if (!check) writeFileSync(file, updated);
  }
  if (check && stale.length > 0) {
    console.error(
      `out of step with variables.tf/outputs.tf (run npm run docs:modules): ${stale.join(', ')}`,
    );
    return 1;
  }
  console.log(stale.length > 0 ? `updated ${stale.join(', ')}` : 'module READMEs are up to date');
  return 0;
}
