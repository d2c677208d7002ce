// One Terraform command in a working directory, its output captured: what a verify target is
// made of. Terraform's own colour, prompts and update check are off.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';

/**
 * The environment Terraform runs in: nothing is asked for and no update check is made. With a
 * CLI configuration (the stand-in provider's), that configuration alone says where providers
 * come from; without one, the user's configuration and plugin cache apply.
 */
export function terraformEnvironment(cliConfigFile) {
  const automation = { TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  if (!cliConfigFile) return { ...process.env, ...automation };
  return {
    ...process.env,
    ...automation,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_PLUGIN_CACHE_DIR: '',
  };
}

/**
 * Runs `terraform <args>` in `cwd`; resolves with the exit code and output (never rejects on
 * a non-zero exit: the caller decides which codes are a failure).
 */
export function terraform(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

/**
 * The first error Terraform reported, on one line: its summary and the first paragraph of its
 * detail (the source location and snippet left out).
 */
export function firstError({ stdout, stderr }) {
  const lines = `${stderr}\n${stdout}`.split('\n').map((line) => line.replace(/^[│╷╵]?\s*/, ''));
  const at = lines.findIndex((line) => line.startsWith('Error: '));
  if (at < 0) return lines.filter((line) => line.trim() !== '').at(-1) ?? 'failed';
  const paragraphs = lines
    .slice(at + 1)
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  const end = paragraphs.findIndex((p) => p.startsWith('Error: ') || p.startsWith('Warning: '));
  const detail = paragraphs.slice(0, end < 0 ? undefined : end).find((p) => !p.startsWith('on '));
  return detail ? `${lines[at]}: ${detail.replace(/\s*\n\s*/g, ' ')}` : lines[at];
}

/** A failed step of a target: the step's name and Terraform's first error. */
export class StepFailure extends Error {
  constructor(step, message) {
    super(`${step}: ${message}`);
    this.step = step;
  }
}

/**
 * Runs one step of a target and returns its result; a step that exits with a code not in
 * `okCodes` throws a StepFailure naming the step and Terraform's first error.
 */
export async function step(name, args, options, okCodes = [0]) {
  const result = await terraform(args, options);
  if (!okCodes.includes(result.code)) throw new StepFailure(name, firstError(result));
  return result;
}
