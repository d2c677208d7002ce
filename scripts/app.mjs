#!/usr/bin/env node
// Runs the cdktf app precompiled: esbuild transpiles src, modules and stacks into .gen/ (see
// transpile.mjs) and node runs .gen/src/main.js. This is the `app` of cdktf.json and the body
// of `npm run synth`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { genDir, transpile } from './transpile.mjs';

transpile();
const { main } = createRequire(import.meta.url)(path.join(genDir, 'src', 'main.js'));
try {
  main();
} catch (error) {
  console.error(
    `Synth failed; the previous output is unchanged.\n\n${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}
