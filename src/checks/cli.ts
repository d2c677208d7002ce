#!/usr/bin/env node
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import type * as PlanFiles from '../review/plan-files';
import { checkPlans, checkStacks, type PlanInput, type StackInput } from './engine';
import { formatTable, jsonReport, summarize } from './report';
import { parseChecksConfig, type ChecksConfig } from './suppressions';
import { type Finding } from './types';

/** The installed binary's name, used in the help and in every error line. */
export const COMMAND = 'fargate-runner-check';

const USAGE = `Usage: ${COMMAND} [options]
       npm run check -- [options]

Checks the synthesized Terraform of every stack (<out>/stacks/*/cdk.tf.json) for IAM and ECS
security problems, or with --plan the plans Terraform made of them (where jsonencode(...) and
references are evaluated). Exits 1 when an error is not suppressed, 2 on bad arguments or input.

Options:
  --out <dir>            cdktf output directory (default: cdktf.out)
  --plan <plan>          check a plan from \`terraform show -json <planfile>\` instead; repeatable.
                         <plan> is <file>, <stack>=<file> or a directory of <stack>.json files
  --json <file>          where to write the JSON report (default: <out>/checks-report.json;
                         with --plan: no report file unless given)
  --suppressions <file>  suppressions and wildcard allow-list (default: checks.suppressions.json, if present)
  --help                 show this help`;

const DEFAULT_CONFIG = 'checks.suppressions.json';

/** The plan reader, loaded only for `--plan`: a synth, which checks its own output, never needs it. */
function planFiles(): typeof PlanFiles {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../review/plan-files') as typeof PlanFiles;
}

interface Arguments {
  out: string;
  plan: string[];
  json?: string;
  suppressions?: string;
  help: boolean;
}

/** Runs the checks as `fargate-runner-check` (and the `check` npm script) does; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: Arguments;
  let input: { stacks: StackInput[] } | { plans: PlanInput[] };
  let config: ChecksConfig;
  try {
    args = parseArguments(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    input =
      args.plan.length > 0
        ? { plans: [...planFiles().readPlans(args.plan)].map(([name, plan]) => ({ name, plan })) }
        : { stacks: readStacks(args.out) };
    config = readConfig(args.suppressions);
  } catch (error) {
    console.error(`${COMMAND}: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if ('plans' in input) {
    return printReport(await checkPlans(input.plans, config), args.json);
  }
  return report(input.stacks, config, args.json ?? join(args.out, 'checks-report.json'));
}

/**
 * Checks a synthesized output directory as part of a synth: prints the table, writes the JSON
 * report to `reportFile` (shown as `shownAs`, e.g. where it ends up after the output is moved
 * into place) and returns 1 when an error finding is not suppressed.
 */
export async function checkOutput(
  out: string,
  reportFile: string,
  shownAs = reportFile,
): Promise<number> {
  return report(readStacks(out), readConfig(undefined), reportFile, shownAs);
}

/**
 * Checks the synthesized stacks in `out` (with `checks.suppressions.json`) and writes the JSON
 * report, printing nothing: for callers that show the findings their own way.
 */
export async function checkSynthOutput(out: string, reportFile: string): Promise<Finding[]> {
  const findings = await checkStacks(readStacks(out), readConfig(undefined));
  writeReport(findings, reportFile);
  return findings;
}

function writeReport(findings: readonly Finding[], reportFile: string): void {
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify(jsonReport([...findings]), null, 2)}\n`);
}

async function report(
  stacks: StackInput[],
  config: ChecksConfig,
  reportFile: string,
  shownAs = reportFile,
): Promise<number> {
  return printReport(await checkStacks(stacks, config), reportFile, shownAs);
}

function printReport(
  findings: Finding[],
  reportFile: string | undefined,
  shownAs = reportFile,
): number {
  console.log(formatTable(findings));
  if (reportFile !== undefined) {
    writeReport(findings, reportFile);
    console.log(`Report: ${shownAs}`);
  }
  return summarize(findings).errors > 0 ? 1 : 0;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { out: 'cdktf.out', plan: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const option = argv[i];
    if (option === '--help' || option === '-h') {
      args.help = true;
      continue;
    }
    if (!['--out', '--json', '--suppressions', '--plan'].includes(option)) {
      throw new Error(`unknown argument "${option}"`);
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${option} needs a value`);
    if (option === '--plan') args.plan.push(value);
    else args[option.slice(2) as 'out' | 'json' | 'suppressions'] = value;
    i += 1;
  }
  return args;
}

function readStacks(out: string): StackInput[] {
  const stacksDir = join(out, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new Error(`no ${stacksDir} directory: run "cdktf synth" first, or pass --out <dir>`);
  }
  const stacks = readdirSync(stacksDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(stacksDir, entry.name, 'cdk.tf.json')),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, json: readJson(join(stacksDir, name, 'cdk.tf.json')) as object }));
  if (stacks.length === 0)
    throw new Error(`no stack in ${stacksDir} (expected <stack>/cdk.tf.json)`);
  return stacks;
}

function readConfig(file: string | undefined): ChecksConfig {
  const path = file ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (path === undefined) return { suppressions: [], wildcardAllowList: [] };
  return parseChecksConfig(readJson(path), path);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
