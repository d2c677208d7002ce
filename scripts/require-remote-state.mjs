#!/usr/bin/env node
// `node scripts/require-remote-state.mjs [--outdir <dir>] <stack>...`: refuses a stack whose
// synthesized backend keeps the state in a local file. The GitHub workflows run it before they
// plan or deploy: on a CI runner a local state file dies with the runner, so a deploy would
// collide with what the previous one created, and a plan would always start from empty state.
// It reads only the synthesized output (<outdir>/stacks/<stack>/cdk.tf.json).
//
// Exit codes: 0 every stack keeps its state remotely (s3, cloud, any backend but local);
// 1 a stack keeps it locally, or has no synthesized output; 2 wrong usage.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './command-line.mjs';

const USAGE = `Usage: node scripts/require-remote-state.mjs [--outdir <dir>] <stack>...

Fails when a synthesized stack keeps its Terraform state in a local file.

Options:
  --outdir <dir>  the synth output directory (default: $CDKTF_OUTDIR or cdktf.out)
  -h, --help      this text

Exit codes: 0 remote state, 1 local state or no synth output, 2 wrong usage.`;

/**
 * Where a synthesized stack keeps its state: the backend type (`s3`, `local` …), `cloud` for
 * HCP Terraform, or `local` when it declares none (Terraform's default).
 */
export function backendOf(config) {
  const terraform = config?.terraform ?? {};
  if (terraform.cloud) return 'cloud';
  const types = Object.keys(terraform.backend ?? {});
  return types[0] ?? 'local';
}

/** A stack's backend, and the problem with it when it keeps the state locally. */
export function inspectState(outdir, stack) {
  const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(file)) {
    return { problem: `${stack}: no synth output at ${file}; run npm run synth first.` };
  }
  const backend = backendOf(JSON.parse(readFileSync(file, 'utf8')));
  if (backend !== 'local') return { backend };
  const environment = stack.replace(/^fargate-runner-/, '');
  const problem =
    `${stack} keeps its Terraform state in a local file, which dies with the CI runner: ` +
    `refusing to plan or deploy it. Set \`backend: { type: 's3', bucket, region }\` (or ` +
    `\`{ type: 'cloud', organization }\`) in stacks/environments/${environment}.ts, ` +
    `and do not set FARGATE_RUNNER_LOCAL_STATE in CI (README: "State").`;
  return { backend, problem };
}

function main(argv) {
  const { values, positionals } = parseCommandLine(USAGE, {
    args: argv,
    allowPositionals: true,
    options: { outdir: { type: 'string' } },
    check: ({ positionals }) => (positionals.length === 0 ? 'Name at least one stack.' : undefined),
  });
  const outdir = values.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let code = 0;
  for (const stack of positionals) {
    const { backend, problem } = inspectState(outdir, stack);
    if (problem) {
      // A GitHub annotation on CI, a plain line elsewhere.
      console.error(process.env.GITHUB_ACTIONS ? `::error title=Local state::${problem}` : problem);
      code = 1;
    } else {
      console.log(`${stack}: state in its ${backend} backend.`);
    }
  }
  return code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
