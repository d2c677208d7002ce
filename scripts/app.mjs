#!/usr/bin/env node
// Runs the cdktf app precompiled: esbuild transpiles src, modules and stacks into .gen/ (see
// transpile.mjs) and node runs .gen/src/main.js, which synthesizes every environment and runs
// the security checks over it. This is the `app` of cdktf.json and the body of `npm run synth`
// (`--hcl`: `npm run synth:hcl`).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { useCodeCache } from './code-cache.mjs';
import { parseCommandLine } from './command-line.mjs';
import { genDir, transpile } from './transpile.mjs';

const USAGE = `Usage: npm run synth [-- --verbose]
       npm run synth:hcl [-- --verbose]
       node scripts/app.mjs [--hcl] [--verbose]

Synthesizes every environment stack (stacks/environments) into <outdir>/stacks/<stack>/,
then runs the security checks over them (report: <outdir>/checks-report.json). A failed
synth leaves the previous output untouched.

Options:
  --hcl          write each stack as HCL (cdk.tf) instead of JSON (cdk.tf.json); <outdir>
                 is then cdktf.out.hcl, so the JSON in cdktf.out stays as the checks, the
                 review and cdktf deploy need it
  -v, --verbose  also list the suppressed findings with their reasons
  -h, --help     this text

Environment:
  CDKTF_OUTDIR                 the output directory (default cdktf.out, or cdktf.out.hcl)
  FARGATE_RUNNER_LOCAL_STATE=1 every environment keeps its state in a local file
  FARGATE_RUNNER_CODE_CACHE=0  compile every module afresh (no V8 code cache in .gen/code-cache);
                               =read-only: use the cache, never write it

Exit codes: 0 written, no error finding; 1 invalid settings (nothing written) or an error
finding (the output is written, to be reviewed); 2 wrong usage (nothing written).`;

const { values: options } = parseCommandLine(USAGE, {
  options: {
    hcl: { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

const started = process.hrtime.bigint();
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
/** The one line that ends every synth: what was written where, the findings, the time. */
function summaryLine({ outdir, stacks, errors, warnings, suppressed }) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const hint = suppressed > 0 && !options.verbose ? ' (--verbose lists them)' : '';
  return (
    `Synthesized ${plural(stacks.length, 'stack')} (${stacks.join(', ')}) into ` +
    `${path.join(outdir, 'stacks')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ` +
    `${suppressed} suppressed${hint}; ${seconds.toFixed(1)} s.`
  );
}

// V8's compiled code of cdktf, the provider modules and .gen/, kept in .gen/code-cache.
useCodeCache('app', path.join(genDir, 'code-cache'));
await transpile();
const { main } = createRequire(import.meta.url)(path.join(genDir, 'src', 'main.js'));
try {
  const code = await main(undefined, {
    hcl: options.hcl || undefined,
    verbose: options.verbose,
    onSummary: (summary) => console.log(summaryLine(summary)),
  });
  if (code !== 0)
    console.error('Synth wrote its output, but the security checks found errors (see above).');
  process.exitCode = code;
} catch (error) {
  console.error(
    `Synth failed; the previous output is unchanged.\n\n${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}
