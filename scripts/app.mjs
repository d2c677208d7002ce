#!/usr/bin/env node
// Runs the cdktf app precompiled: esbuild transpiles the TypeScript sources (src, modules,
// stacks) file by file into .gen/, keeping the tree's layout, in a few milliseconds — no
// type-checking, which `npm run typecheck` does — and node runs .gen/src/main.js. This is the
// `app` of cdktf.json and the body of `npm run synth`.
import { buildSync } from 'esbuild';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, '.gen');

/** Every .ts file under a directory (Node 20 has no fs.globSync). */
function typescriptFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

buildSync({
  entryPoints: ['src', 'modules', 'stacks'].flatMap((dir) => typescriptFiles(path.join(root, dir))),
  outdir,
  outbase: root,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

const { main } = createRequire(import.meta.url)(path.join(outdir, 'src', 'main.js'));
try {
  main();
} catch (error) {
  console.error(
    `Synth failed; the previous output is unchanged.\n\n${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}
