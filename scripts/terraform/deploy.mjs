// `cdktf deploy` of every environment, twice, as users run it: in a copy of the project, with
// local state (FARGATE_RUNNER_LOCAL_STATE) and a Terraform CLI configuration whose filesystem
// mirror holds the stand-in provider. The second deploy must change nothing: the state files
// are byte-identical after it.
import { Buffer } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { StepFailure } from './run-terraform.mjs';

/** Copies the project's files (tracked and new, not ignored) to `dir`, sharing node_modules. */
export function copyProject(root, dir) {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(root, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(dir, file));
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
}

/** Runs the cdktf CLI in `cwd`; resolves with its exit code and output. */
function cdktf(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const cli = path.join(cwd, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, output: Buffer.concat(output).toString('utf8') }),
    );
  });
}

/** The last line of cdktf's output that reports an error, or its last line. */
function cdktfError(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /error/i.test(line)) ?? lines.at(-1) ?? 'failed';
}

/** Deploys `stacks` in `projectDir` twice; the second deploy must leave every state file as it was. */
export async function verifyDeploy(projectDir, stacks, context) {
  const env = {
    ...context.env,
    FARGATE_RUNNER_LOCAL_STATE: '1',
    CI: 'true',
    FORCE_COLOR: '0',
  };
  const deploy = ['deploy', ...stacks, '--auto-approve', '--skip-provider-lock'];
  const stateFile = (stack) => path.join(projectDir, `terraform.${stack}.tfstate`);
  const first = await cdktf(deploy, { cwd: projectDir, env });
  if (first.code !== 0) throw new StepFailure('first deploy', cdktfError(first.output));
  const states = stacks.map((stack) => {
    if (!existsSync(stateFile(stack)))
      throw new StepFailure('first deploy', `no state for ${stack}`);
    return readFileSync(stateFile(stack), 'utf8');
  });
  const second = await cdktf(deploy, { cwd: projectDir, env });
  if (second.code !== 0) throw new StepFailure('second deploy', cdktfError(second.output));
  const changed = stacks.filter((stack, i) => readFileSync(stateFile(stack), 'utf8') !== states[i]);
  if (changed.length > 0)
    throw new StepFailure('second deploy', `changed the state of ${changed.join(', ')}`);
  const resources = states.map(
    (state) => JSON.parse(state).resources.filter((r) => r.mode === 'managed').length,
  );
  return {
    summary: `deployed twice, the second changing nothing (${stacks.map((s, i) => `${s}: ${resources[i]} resources`).join(', ')})`,
  };
}
