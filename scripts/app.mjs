#!/usr/bin/env node
// Runs the cdktf app precompiled: esbuild transpiles src, modules and stacks into .gen/ (see
// transpile.mjs) and node runs .gen/src/main.js, then the security checks over what it wrote
// (failing on an error finding). This is the `app` of cdktf.json and the body of `npm run synth`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { genDir, transpile } from './transpile.mjs';

transpile();
const require = createRequire(import.meta.url);
const { main, outputDirectory } = require(path.join(genDir, 'src', 'main.js'));
try {
  main();
} catch (error) {
  console.error(
    `Synth failed; the previous output is unchanged.\n\n${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}
const checks = require(path.join(genDir, 'src', 'checks', 'cli.js'));
const code = await checks.main(['--out', outputDirectory()]);
if (code !== 0)
  console.error('Synth wrote its output, but the security checks found errors (see above).');
process.exitCode = code;
