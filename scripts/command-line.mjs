// The command line of the project's scripts: node's parseArgs (strict), plus `-h`/`--help`
// printing the usage (exit 0) and wrong usage printing the problem and the usage (exit 2),
// both before the script does anything.
import { parseArgs } from 'node:util';

/**
 * Parses `process.argv` (or `args`) with parseArgs' `options` and `allowPositionals`; exits
 * on --help and on wrong usage. `check(parsed)` may return a usage problem to report.
 */
export function parseCommandLine(usage, { options, allowPositionals = false, args, check }) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    usageError(error.message, usage);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  const problem = check?.(parsed);
  if (problem) usageError(problem, usage);
  return parsed;
}

function usageError(message, usage) {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}
