#!/usr/bin/env node
// `npm run verify:terraform`: real Terraform on everything the project emits, offline, through
// the stand-in AWS provider of the tests (test/support/terraform-provider):
// - `terraform fmt -check` on every .tf file the project ships or generates;
// - each module (the hand-written HCL of modules/<name>): init + validate;
// - each example (examples/<scenario>, using the modules by relative path): init + validate + plan;
// - an example whose modules come from a git repository (`git::file://…//modules/<name>?ref=…`),
//   as a user of a release consumes them: the tracked files alone, no build step;
// - each environment stack, as JSON and as HCL: init + validate + plan + show -json, apply into
//   local state, then a second plan that must show no changes; the security checks on the plan
//   (where jsonencode and references are evaluated) find no error; the HCL plans what the JSON
//   plans;
// - `cdktf deploy` of every environment, twice, the second changing nothing.
// One line per target (PASS/FAIL and the first error), then a summary line; exit 1 on a failure.
//
// Options:
//   --only <text>      only the targets whose name contains the text (repeatable: any of them)
//   --module <dir>     verify this directory as a module instead (repeatable)
//   --root <dir>       verify this directory as a root configuration instead (repeatable)
//   --registry         use the real provider from the registry (network and Terraform's own
//                      CLI configuration): fmt and validate only, as the GitHub workflow runs it
//   --jobs <n>         targets run at once (default: the number of CPUs, at least 2; 1 with
//                      --registry, as Terraform's plugin cache is not safe for concurrent use)
//   --plans <dir>      keep each plan's `terraform show -json` there
//   --keep             keep the scratch directory
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './command-line.mjs';
import { installStandInProvider } from '../test/support/terraform-provider/install.mjs';
import { copyProject, verifyDeploy } from './terraform/deploy.mjs';
import { runTargets } from './terraform/pool.mjs';
import { firstError, terraform, terraformEnvironment } from './terraform/run-terraform.mjs';
import {
  assertSamePlan,
  checkPlan,
  useLocalState,
  verifyModule,
  verifyRoot,
} from './terraform/targets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STACKS = ['fargate-runner-dev', 'fargate-runner-staging', 'fargate-runner-prod'];

const USAGE = `Usage: npm run verify:terraform [-- <options>]

Real Terraform (fmt, init, validate, plan, apply, a no-change re-plan, cdktf deploy) on every
module, example and environment stack, offline, through the stand-in AWS provider.

Options:
  --only <text>   only the targets whose name contains the text (repeatable)
  --module <dir>  verify this directory as a module instead (repeatable)
  --root <dir>    verify this directory as a root configuration instead (repeatable)
  --registry      the real provider from the registry: fmt and validate only
  --jobs <n>      targets run at once (default: the number of CPUs, at least 2)
  --plans <dir>   keep each plan's terraform show -json there
  --keep          keep the scratch directory
  -h, --help      this text

Exit codes: 0 every target passed, 1 a target failed or the run could not start,
2 wrong usage (nothing run).`;

const { values: options } = parseCommandLine(USAGE, {
  options: {
    only: { type: 'string', multiple: true, default: [] },
    module: { type: 'string', multiple: true, default: [] },
    root: { type: 'string', multiple: true, default: [] },
    registry: { type: 'boolean', default: false },
    jobs: { type: 'string' },
    plans: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const givenDirectories = options.module.length > 0 || options.root.length > 0;

const started = Date.now();
const scratch = mkdtempSync(path.join(tmpdir(), 'fargate-runner-terraform-'));

/** Runs a script of the project with node, quietly (its errors are shown if it fails). */
const node = (args, env = {}) =>
  execFileSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });

/** Where Terraform gets the AWS provider: the stand-in, installed once per content. */
function terraformContext() {
  if (options.registry) return { env: terraformEnvironment() };
  const cache = path.join(root, 'node_modules', '.cache', 'terraform-provider');
  const provider = installStandInProvider(cache);
  return { pluginDir: provider.pluginDir, env: terraformEnvironment(provider.cliConfigFile) };
}

/** The modules (their Terraform files) and the examples, as a checkout of the repository has them. */
const MODULE_FILE = /\.tf$|^runner\.zip$/;
const projectFiles = () =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);

/**
 * What the project emits, in the scratch directory: the stacks as JSON and HCL; and copies of
 * the Terraform modules and examples, in the repository's layout (`repo/modules/<name>`,
 * `repo/examples/<scenario>`), which is also committed into a git repository for the git target.
 */
function emit() {
  node(['scripts/app.mjs'], { CDKTF_OUTDIR: path.join(scratch, 'json') });
  node(['scripts/app.mjs', '--hcl'], { CDKTF_OUTDIR: path.join(scratch, 'hcl') });
  const repo = path.join(scratch, 'repo');
  for (const file of projectFiles()) {
    const [top, name, ...rest] = file.split('/');
    const wanted =
      (top === 'modules' && rest.length === 1 && MODULE_FILE.test(rest[0])) ||
      (top === 'examples' && name !== undefined && rest.length >= 1);
    if (!wanted || !existsSync(path.join(root, file))) continue;
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(repo, file));
  }
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git(
    '-c',
    'user.name=verify',
    '-c',
    'user.email=verify@example.com',
    'commit',
    '--quiet',
    '-m',
    'modules',
  );
  git('tag', GIT_REF);
}

const GIT_REF = 'v0.0.0-verify';

/** The example rewritten to take its modules from the git repository, as `git::` sources. */
function gitExample(name) {
  const dir = path.join(scratch, 'work', `git-${name}`);
  cpSync(path.join(scratch, 'repo', 'examples', name), dir, { recursive: true });
  const repoUrl = `git::file://${path.join(scratch, 'repo')}`;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tf'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const rewritten = text.replace(
      /"\.\.\/\.\.\/modules\/([\w-]+)"/g,
      (_, module) => `"${repoUrl}//modules/${module}?ref=${GIT_REF}"`,
    );
    writeFileSync(path.join(dir, file), rewritten);
  }
  return dir;
}

/** A copy of `source` in the scratch directory, to run Terraform in. */
function workCopy(source, name) {
  const dir = path.join(scratch, 'work', name);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(source, dir, { recursive: true });
  return dir;
}

const planFile = (name) =>
  options.plans ? path.join(path.resolve(options.plans), `${name}.json`) : undefined;

/** `terraform fmt -check` over the directories given, as one target. */
function fmtTarget(dirs, context) {
  return {
    name: 'fmt: every .tf file',
    run: async () => {
      const args = ['fmt', '-check', '-recursive', '-list=true', '-no-color', ...dirs];
      const result = await terraform(args, { cwd: scratch, env: context.env });
      if (result.code === 3) {
        const files = result.stdout.trim().split('\n');
        const shown = files.map((file) => path.relative(scratch, path.resolve(scratch, file)));
        throw new Error(`not formatted (run terraform fmt): ${shown.join(', ')}`);
      }
      if (result.code !== 0) throw new Error(firstError(result));
      return { summary: `${dirs.length} directories formatted` };
    },
  };
}

/** The directories holding the .tf files the project ships or generates. */
function terraformDirectories() {
  const dirs = projectFiles()
    .filter((file) => file.endsWith('.tf') && existsSync(path.join(root, file)))
    .map((file) => path.join(root, path.dirname(file)));
  return [path.join(scratch, 'hcl'), ...new Set(dirs)];
}

/** Every target of a full run, the longest first. */
function projectTargets(context) {
  const validateOnly = options.registry;
  const modules = readdirSync(path.join(scratch, 'repo', 'modules')).sort();
  const plans = {};
  const stack = (name, form) => ({
    name: `stack ${name} (${form})`,
    run: async () => {
      const dir = workCopy(path.join(scratch, form, 'stacks', name), `${name}-${form}`);
      if (validateOnly) return verifyModule(dir, context);
      useLocalState(dir);
      const file = planFile(`${name}-${form}`) ?? path.join(dir, 'plan.json');
      const result = await verifyRoot(dir, context, { apply: true, planFile: file });
      plans[`${name}-${form}`] = result.plan;
      return { summary: `${result.summary}, ${checkPlan(root, name, file)}` };
    },
  });
  const samePlan = (name) => ({
    name: `stack ${name}: HCL plans what JSON plans`,
    after: [`stack ${name} (json)`, `stack ${name} (hcl)`],
    run: async () => {
      assertSamePlan(plans[`${name}-hcl`], plans[`${name}-json`]);
      return { summary: 'the same resource changes and planned values' };
    },
  });
  const deploy = {
    name: 'cdktf deploy of every environment, twice',
    run: () => {
      const project = path.join(scratch, 'project');
      copyProject(root, project);
      return verifyDeploy(project, STACKS, context);
    },
  };
  const examples = readdirSync(path.join(scratch, 'repo', 'examples')).sort();
  const example = (name) => ({
    name: `example examples/${name}`,
    run: () => {
      const dir = workCopy(path.join(scratch, 'repo', 'examples', name), `example-${name}`);
      // The copy sits elsewhere: its modules are those of the repository copy, by absolute path.
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.tf'))) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const modules = `${path.join(scratch, 'repo', 'modules')}/`;
        writeFileSync(path.join(dir, file), text.replaceAll('"../../modules/', `"${modules}`));
      }
      if (validateOnly) return verifyModule(dir, context);
      return verifyRoot(dir, context, { planFile: planFile(`example-${name}`) });
    },
  });
  const fromGit = (name) => ({
    name: `example examples/${name} from git::file://…//modules/<name>?ref=${GIT_REF}`,
    run: async () => {
      const result = await verifyRoot(gitExample(name), context);
      return { ...result, summary: `${result.summary}, the modules cloned by Terraform` };
    },
  });
  return [
    ...(validateOnly ? [] : [deploy]),
    ...STACKS.flatMap((name) => [stack(name, 'json'), stack(name, 'hcl')]),
    ...examples.map(example),
    ...(validateOnly ? [] : examples.slice(0, 1).map(fromGit)),
    ...modules.map((name) => ({
      name: `module modules/${name}`,
      run: () => verifyModule(workCopy(path.join(scratch, 'repo', 'modules', name), name), context),
    })),
    fmtTarget(terraformDirectories(), context),
    ...(validateOnly ? [] : STACKS.map(samePlan)),
  ];
}

/** The directories given on the command line. */
function givenTargets(context) {
  const copy = (dir, kind) => workCopy(path.resolve(dir), `${kind}-${path.basename(dir)}`);
  return [
    ...options.module.map((dir) => ({
      name: `module ${dir}`,
      run: () => verifyModule(copy(dir, 'module'), context),
    })),
    ...options.root.map((dir) => ({
      name: `root ${dir}`,
      run: () => verifyRoot(copy(dir, 'root'), context, { apply: true }),
    })),
  ];
}

/** One line per target as it ends. */
function report(result) {
  const seconds = `${result.seconds.toFixed(1)} s`;
  console.log(
    result.ok
      ? `PASS  ${result.name}: ${result.summary} (${seconds})`
      : `FAIL  ${result.name}: ${result.error} (${seconds})`,
  );
}

let failed = 0;
try {
  if (options.plans) mkdirSync(path.resolve(options.plans), { recursive: true });
  const context = terraformContext();
  if (!givenDirectories) emit();
  const all = givenDirectories ? givenTargets(context) : projectTargets(context);
  const only = options.only;
  const targets = only.length > 0 ? all.filter((t) => only.some((o) => t.name.includes(o))) : all;
  const jobs = Number(options.jobs ?? (options.registry ? 1 : Math.max(2, availableParallelism())));
  const results = await runTargets(targets, jobs, report);
  failed = results.filter((result) => !result.ok).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\nverify:terraform: ${results.length - failed} passed, ${failed} failed in ${seconds} s`,
  );
} catch (error) {
  failed = 1;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`verify:terraform could not run: ${message}`);
} finally {
  if (options.keep || failed > 0) console.log(`Working files: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed > 0 ? 1 : 0;
