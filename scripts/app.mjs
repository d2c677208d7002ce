#!/usr/bin/env node
// Runs the cdktf app precompiled: esbuild transpiles src, modules and stacks into .gen/ (see
// transpile.mjs) and node runs .gen/src/main.js, which synthesizes every environment and runs
// the security checks over it. This is the `app` of cdktf.json and the body of `npm run synth`
// (`--hcl`: `npm run synth:hcl`).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { genDir, transpile } from './transpile.mjs';

transpile();
const { main } = createRequire(import.meta.url)(path.join(genDir, 'src', 'main.js'));
try {
  const code = await main(undefined, process.argv.includes('--hcl') ? { hcl: true } : {});
  if (code !== 0)
    console.error('\nSynth wrote its output, but the security checks found errors (see above).');
  process.exitCode = code;
} catch (error) {
  console.error(
    `Synth failed; the previous output is unchanged.\n\n${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}
