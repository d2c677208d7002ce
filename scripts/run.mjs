#!/usr/bin/env node
// Runs a command of the project precompiled: node scripts/run.mjs <src/…/cli.ts> [arguments].
// The sources are transpiled into .gen/ (see transpile.mjs) and the module's exported
// `main(argv)` runs; the number it returns (or resolves to) is the exit code.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { useCodeCache } from './code-cache.mjs';
import { genDir, root, transpile } from './transpile.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node scripts/run.mjs <path/to/cli.ts> [arguments]');
  process.exit(2);
}
// As in app.mjs: V8's compiled code, one cache per command.
useCodeCache(
  entry.replace(/\.ts$/, '').replaceAll(/[^\w.-]+/g, '-'),
  path.join(genDir, 'code-cache'),
);
await transpile();
const compiled = path
  .join(genDir, path.relative(root, path.resolve(root, entry)))
  .replace(/\.ts$/, '.js');
const { main } = createRequire(import.meta.url)(compiled);
process.exitCode = await main(args);
