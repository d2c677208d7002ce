import { execFileSync } from 'node:child_process';

/**
 * Text formatted as the project's prettier configuration formats `filepath` (markdown tables
 * aligned), by prettier's CLI: its API is ESM-only, which the tests' CommonJS cannot load.
 */
export function prettierFormat(text: string, filepath: string): string {
  return execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', filepath],
    { input: text, encoding: 'utf8' },
  );
}
