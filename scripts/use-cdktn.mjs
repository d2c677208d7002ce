#!/usr/bin/env node
// `node scripts/use-cdktn.mjs [--dry-run]`: switches this checkout to the CDK Terrain toolchain
// (the community fork of the archived cdktf) with npm aliases, then runs `npm install`:
//   cdktf               → npm:cdktn@<CDKTN>            (same API, renamed package)
//   @cdktf/provider-aws → npm:@cdktn/provider-aws@<…>  (AWS provider 6.66 instead of 6.25)
//   cdktf-cli           → cdktn-cli                     (`npx cdktn synth|deploy`; Node >= 22.19)
// The sources keep importing `cdktf` and `@cdktf/provider-aws`: nothing else changes. The CI job
// `cdktn` runs it, then type-checks, tests and synthesizes. It rewrites package.json and
// package-lock.json: run it in a scratch clone or CI, not in a checkout you commit from.
//
// Exit codes: 0 switched, 1 npm install failed, 2 wrong usage.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './command-line.mjs';

/** The CDK Terrain releases this project is tested with. */
export const CDKTN = {
  cdktf: 'npm:cdktn@0.24.0',
  '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.7.0',
  'cdktn-cli': '0.24.0',
  // cdktn 0.24 requires constructs >= 10.6 and < 10.8.
  constructs: '10.6.0',
};

/** package.json with the cdktf toolchain replaced by CDK Terrain's, through npm aliases. */
export function withCdktn(pkg) {
  const devDependencies = { ...pkg.devDependencies };
  delete devDependencies['cdktf-cli'];
  Object.assign(devDependencies, CDKTN);
  const sorted = Object.fromEntries(
    Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...pkg, devDependencies: sorted };
}

const USAGE = `Usage: node scripts/use-cdktn.mjs [--dry-run]

Switches this checkout to CDK Terrain (cdktn) through npm aliases, then runs npm install.

Options:
  --dry-run   print the new devDependencies, change nothing
  -h, --help  this text

Exit codes: 0 switched, 1 npm install failed, 2 wrong usage.`;

function main(argv) {
  const { values } = parseCommandLine(USAGE, {
    args: argv,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.join(root, 'package.json');
  const pkg = withCdktn(JSON.parse(readFileSync(file, 'utf8')));
  if (values['dry-run']) {
    console.log(JSON.stringify(pkg.devDependencies, null, 2));
    return 0;
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  } catch {
    return 1;
  }
  console.log(`Switched to CDK Terrain: ${CDKTN.cdktf}, ${CDKTN['@cdktf/provider-aws']}.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
