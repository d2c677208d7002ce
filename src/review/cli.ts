#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { readFindings, type Finding } from './findings';
import { isGitRef, synthesizeGitRef } from './git-base';
import { code } from './markdown';
import { readPlans } from './plan-files';
import { type Progress } from './progress';
import { renderDiagrams, renderReview } from './render';
import { reviewStacks } from './review';
import { readSynthOutput, type SynthOutput } from './terraform-json';
import { UsageError } from './usage-error';

/** Where `npm run check` writes its report, in the synth output directory. */
const CHECKS_REPORT = 'checks-report.json';

/** The command's name, as installed by the package's `bin`. */
export const COMMAND = 'fargate-runner-review';

export const USAGE = `Usage: ${COMMAND} [options]
       npm run review -- [options]

Reviews synthesized cdktf stacks and Terraform plans as Markdown (for a pull request):
resources added, changed and removed, every IAM change with the risky ones first, the
security check findings and a permission diagram per stack.

Options:
  --base <dir|git-ref>   the synth output to compare against: a cdktf.out directory, or a git
                         ref (branch, tag, commit) synthesized in a temporary git worktree
                         (npm ci if its lock file differs, then its synth script)
  --current <dir>        the synth output under review (default: cdktf.out)
  --plan <plan>          a plan from \`terraform show -json\`, one per stack; repeatable.
                         <plan> is <file>, <stack>=<file> or a directory of <stack>.json files;
                         a file's stack is its name without .json/.plan.json, or its
                         directory's name for plan.json and tfplan.json
  --findings <file>      security check findings: a JSON array of findings or
                         { "findings": [...] }; repeatable (default: <current>/checks-report.json,
                         the report of npm run check, when it exists)
  --stack <name>         review only this stack; repeatable (default: every stack)
  --diagram              print only the permission diagram of each stack (Mermaid)
  --no-diagrams          leave the permission diagrams out of the review
  -o, --output <file>    write the review to a file instead of standard output
  -q, --quiet            no progress messages on standard error
  -h, --help             show this help

Without --base or --plan, every resource of the current output is reported as added.
Exit status: 0 when the review was written, 2 for bad arguments or input files, 1 otherwise.

Examples:
  npm run synth && npm run review -- --base main
  npm run review -- --plan fargate-runner-dev=plan.json --findings checks.json
  npm run review -- --diagram --stack fargate-runner-dev`;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const DEFAULT_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** Runs the command with `argv` (without node and script) and returns the exit status. */
export function main(argv: readonly string[], io: CliIo = DEFAULT_IO): number {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const progress = options.quiet ? () => undefined : (m: string) => io.stderr(`review: ${m}\n`);
    const review = run(options, io.cwd, progress);
    if (options.output) {
      fs.writeFileSync(options.output, review);
      progress(`wrote ${options.output}`);
    } else {
      io.stdout(review);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${COMMAND}: ${error.message}\nRun ${COMMAND} --help for usage.\n`);
      return 2;
    }
    io.stderr(`${COMMAND}: ${(error as Error).message}\n`);
    return 1;
  }
}

interface Options {
  readonly base?: string;
  readonly current?: string;
  readonly plan: readonly string[];
  readonly findings: readonly string[];
  readonly stack: readonly string[];
  readonly diagram: boolean;
  readonly noDiagrams: boolean;
  readonly output?: string;
  readonly quiet: boolean;
  readonly help: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        current: { type: 'string' },
        plan: { type: 'string', multiple: true },
        findings: { type: 'string', multiple: true },
        stack: { type: 'string', multiple: true },
        diagram: { type: 'boolean' },
        'no-diagrams': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\. To specify|\n/)[0]);
  }
  for (const [name, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v === '')) throw new UsageError(`--${name} needs a value`);
  }
  if (values.diagram && values['no-diagrams']) {
    throw new UsageError('--diagram and --no-diagrams contradict each other: choose one');
  }
  return {
    base: values.base,
    current: values.current,
    plan: values.plan ?? [],
    findings: values.findings ?? [],
    stack: values.stack ?? [],
    diagram: values.diagram ?? false,
    noDiagrams: values['no-diagrams'] ?? false,
    output: values.output,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}

function run(options: Options, cwd: string, progress: Progress): string {
  const plans = readPlans(options.plan);
  const current = readCurrent(options, plans.size > 0, progress);
  const findings: Finding[] = findingFiles(options, current !== undefined, progress).flatMap(
    (file) => readFindings(file),
  );
  if (options.diagram) {
    if (!current)
      throw new UsageError(
        '--diagram needs synthesized stacks: run npm run synth or pass --current',
      );
    return renderDiagrams(
      select(reviewStacks({ current, stacks: stacksOption(options) }), options),
    );
  }
  const base = options.base === undefined ? undefined : readBase(options.base, cwd, progress);
  progress('reviewing');
  const stacks = select(
    reviewStacks({
      base,
      current,
      plans,
      stacks: stacksOption(options),
      diagrams: !options.noDiagrams,
    }),
    options,
  );
  const context = [
    options.base !== undefined && `Base: ${code(options.base)}`,
    current && `Current: ${code(options.current ?? 'cdktf.out')}`,
    plans.size > 0 && `Plans: ${[...plans.keys()].map(code).join(', ')}`,
  ].filter((line): line is string => typeof line === 'string');
  const selected =
    options.stack.length > 0 ? findings.filter((f) => options.stack.includes(f.stack)) : findings;
  return renderReview(stacks, { findings: selected, context });
}

/** The --findings files, or else the checks report beside the synthesized stacks, if any. */
function findingFiles(
  options: Options,
  hasCurrent: boolean,
  progress: Progress,
): readonly string[] {
  if (options.findings.length > 0 || !hasCurrent || options.diagram) return options.findings;
  const report = path.join(options.current ?? 'cdktf.out', CHECKS_REPORT);
  if (!fs.existsSync(report)) return [];
  progress(`reading findings from ${report}`);
  return [report];
}

function stacksOption(options: Options): string[] | undefined {
  return options.stack.length > 0 ? [...options.stack] : undefined;
}

/** Fails on a --stack that names no stack, rather than printing an empty review. */
function select<T extends { stack: string }>(stacks: T[], options: Options): T[] {
  const missing = options.stack.filter((name) => !stacks.some((s) => s.stack === name));
  if (missing.length > 0) {
    throw new UsageError(
      `--stack ${missing.join(', ')}: no such stack in the synth output or plans`,
    );
  }
  return stacks;
}

function readCurrent(
  options: Options,
  hasPlans: boolean,
  progress: Progress,
): SynthOutput | undefined {
  const directory = options.current ?? 'cdktf.out';
  if (options.current === undefined && hasPlans && !fs.existsSync(directory)) {
    progress('no cdktf.out: reviewing the plans only, without diagrams');
    return undefined;
  }
  progress(`reading ${directory}`);
  return readSynthOutput(directory);
}

function readBase(base: string, cwd: string, progress: Progress): SynthOutput {
  if (fs.existsSync(base) && fs.statSync(base).isDirectory()) {
    progress(`reading base ${base}`);
    return readSynthOutput(base);
  }
  if (!isGitRef(cwd, base)) {
    throw new UsageError(`--base ${base} is neither a directory nor a git ref of this repository`);
  }
  return synthesizeGitRef(cwd, base, progress);
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
