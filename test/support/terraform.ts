import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/** The stand-in AWS provider, installed (test/support/terraform-provider/install.mjs). */
export interface StandInProvider {
  readonly pluginDir: string;
  readonly cliConfigFile: string;
  readonly version: string;
  /** The generated schema, one JSON line per resource or data source. */
  readonly schemaFile: string;
}

const ROOT = path.resolve(__dirname, '../..');
/** The same installation as `npm run verify:terraform` uses: made once per content. */
export const INSTALL_DIR = path.join(ROOT, 'node_modules', '.cache', 'terraform-provider');

/** A module of this repository as a quoted Terraform `source`. */
export const moduleSource = (name: string) => JSON.stringify(path.join(ROOT, 'modules', name));

/**
 * A `lambda-runner` module block named `name`, bound by default to one task, `report` (with the
 * given task role, by default its own), or to the `tasks` map given as HCL; with `extra` HCL
 * lines in the block.
 */
export function runnerModule(
  name: string,
  {
    taskRoleArn = 'arn:aws:iam::123456789012:role/jobs-report-task',
    tasks = `{
    report = {
      family             = "jobs-report"
      execution_role_arn = "arn:aws:iam::123456789012:role/jobs-report-execution"
      task_role_arn      = ${JSON.stringify(taskRoleArn)}
      container          = "app"
    }
  }`,
    extra = '',
  } = {},
): string {
  return `
module ${JSON.stringify(name)} {
  source             = ${moduleSource('lambda-runner')}
  function_name      = ${JSON.stringify(name)}
  cluster_name       = "jobs"
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = ["sg-0123456789abcdef0"]
  tasks              = ${tasks}
  ${extra}
}
`;
}

let installed: StandInProvider | undefined;

/** Installs the stand-in provider (a no-op when it is up to date) and returns where it is. */
export function standInProvider(): StandInProvider {
  installed ??= JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'test/support/terraform-provider/install.mjs'), INSTALL_DIR],
      { encoding: 'utf8' },
    ),
  ) as StandInProvider;
  return installed;
}

/** The environment Terraform runs in against the stand-in provider. */
export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: standInProvider().cliConfigFile,
    TF_PLUGIN_CACHE_DIR: '',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete env.TF_LOG;
  return env;
}

/** The start of a root configuration for tests: the AWS provider, in eu-west-1. */
export const AWS_ROOT_CONFIG = `
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
`;

/** Runs `terraform <args>` in `dir` against the stand-in provider: its exit status and output. */
export function runTerraform(dir: string, args: readonly string[]) {
  return spawnSync('terraform', args, { cwd: dir, env: terraformEnv(), encoding: 'utf8' });
}

/** Runs `terraform <args> -no-color` in `dir`; throws with its output unless it exits with an ok code. */
export function terraform(dir: string, args: readonly string[], okCodes = [0]): string {
  const result = runTerraform(dir, [...args, '-no-color']);
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(
      `terraform ${args.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** `terraform init` of a root configuration with local state, against the stand-in provider. */
export function initWithLocalState(dir: string): void {
  const override = { terraform: { backend: { local: { path: 'terraform.tfstate' } } } };
  writeFileSync(path.join(dir, 'backend_override.tf.json'), JSON.stringify(override));
  terraform(dir, ['init', '-input=false', `-plugin-dir=${standInProvider().pluginDir}`]);
}

/**
 * Each diagnostic in a plan's output whose message matches `message` (a regular expression's
 * source): the module it is in, then the message's own captures. A message is paired with the
 * nearest module named before it, never with an earlier one across another module's name.
 */
export function moduleDiagnostics(output: string, message: string): string[][] {
  const pattern = new RegExp(`in module "([\\w-]+)"(?:(?!in module ").)*?${message}`, 'g');
  return [...output.matchAll(pattern)].map(([, ...captures]) => captures);
}

/**
 * Plans a root configuration (`main.tf`) in a scratch directory with local state, against the
 * stand-in provider: the exit status and the output, whitespace and box-drawing collapsed to
 * single spaces (Terraform wraps its messages).
 */
export function planConfiguration(config: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-'));
  try {
    writeFileSync(path.join(dir, 'main.tf'), config);
    initWithLocalState(dir);
    const plan = runTerraform(dir, ['plan', '-input=false', '-no-color', '-lock=false']);
    return { status: plan.status, output: `${plan.stdout}${plan.stderr}`.replace(/[\s│]+/g, ' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
