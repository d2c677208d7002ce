import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Progress } from './progress';
import { readSynthOutput, type SynthOutput } from './terraform-json';
import { UsageError } from './usage-error';

/** Whether `ref` names a commit in the repository at `repo`. */
export function isGitRef(repo: string, ref: string): boolean {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: repo,
    encoding: 'utf8',
  });
  return result.status === 0;
}

/**
 * Synthesizes the stacks at a git ref: checks the ref out in a temporary `git worktree`,
 * installs dependencies (reusing this checkout's `node_modules` when the lock file is the same,
 * else `npm ci`) and runs its `synth` script there with `CDKTF_OUTDIR` pointing to a temporary
 * directory. A ref without a `synth` script has no stacks: everything is new. The worktree is
 * removed afterwards.
 */
export function synthesizeGitRef(repo: string, ref: string, progress: Progress): SynthOutput {
  const root = git(repo, ['rev-parse', '--show-toplevel']).trim();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'fargate-runner-review-'));
  const worktree = path.join(temp, 'worktree');
  const outdir = path.join(temp, 'cdktf.out');
  progress(`checking out ${ref} in a temporary worktree`);
  git(root, ['worktree', 'add', '--detach', '--quiet', worktree, ref]);
  try {
    const scripts = readScripts(worktree);
    if (scripts.synth === undefined) {
      progress(`${ref} has no synth script: reviewing every stack as new`);
      return new Map();
    }
    installDependencies(root, worktree, progress);
    seedTranspiled(root, worktree);
    const [command, args] = synthCommand(scripts.synth);
    progress(
      `synthesizing ${ref} (${[command === process.execPath ? 'node' : command, ...args].join(' ')})`,
    );
    run(command, args, worktree, {
      CDKTF_OUTDIR: outdir,
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: '1',
      ...codeCacheReadOnly(),
    });
    return fs.existsSync(outdir) ? readSynthOutput(outdir) : new Map();
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root });
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * How to run a `synth` script: a plain `node <file> <arguments>` (words without shell syntax)
 * runs with this node directly, sparing npm's own start-up; anything else through
 * `npm run synth`.
 */
export function synthCommand(script: string): [command: string, args: string[]] {
  const words = script.trim().split(/\s+/);
  return words[0] === 'node' && words.every((word) => /^[\w./@=:-]+$/.test(word))
    ? [process.execPath, words.slice(1)]
    : ['npm', ['run', '--silent', 'synth']];
}

/**
 * Copies this checkout's transpiled sources (`.gen/`, see scripts/transpile.mjs) into the
 * worktree. Each of its directories carries the hash of what it was built from (the sources, the
 * bundled packages' manifests), and the files bundled with a package are kept by content in
 * `.gen/.bundles`, so the base's synth reuses what is the same at both refs and rebuilds the
 * rest: the same output as a build from scratch, without transpiling or bundling what did not
 * change. The V8 code cache (`.gen/code-cache`, scripts/code-cache.mjs: megabytes per Node
 * version) is linked, not copied; the base's synth only reads it ({@link codeCacheReadOnly}).
 */
function seedTranspiled(root: string, worktree: string): void {
  const transpiled = path.join(root, '.gen');
  if (!fs.existsSync(transpiled)) return;
  const codeCache = path.join(transpiled, 'code-cache');
  fs.cpSync(transpiled, path.join(worktree, '.gen'), {
    recursive: true,
    filter: (source) => source !== codeCache,
  });
  if (fs.existsSync(codeCache))
    fs.symlinkSync(codeCache, path.join(worktree, '.gen', 'code-cache'), 'dir');
}

/**
 * The base's synth reads this checkout's code cache and never writes it: its entries for what
 * differs at the base would be dropped by this checkout's next synth. Off stays off.
 */
function codeCacheReadOnly(): Record<string, string> {
  return {
    FARGATE_RUNNER_CODE_CACHE: process.env.FARGATE_RUNNER_CODE_CACHE === '0' ? '0' : 'read-only',
  };
}

function readScripts(directory: string): Record<string, string> {
  const file = path.join(directory, 'package.json');
  if (!fs.existsSync(file)) return {};
  return (
    (JSON.parse(fs.readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ??
    {}
  );
}

function installDependencies(root: string, worktree: string, progress: Progress): void {
  const lock = (dir: string) => {
    const file = path.join(dir, 'package-lock.json');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  const baseLock = lock(worktree);
  if (baseLock === undefined) return;
  if (baseLock === lock(root) && fs.existsSync(path.join(root, 'node_modules'))) {
    progress('same package-lock.json: reusing node_modules');
    const link = path.join(worktree, 'node_modules');
    // A ref may track a node_modules link of its own: this checkout's takes its place.
    if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
    fs.symlinkSync(path.join(root, 'node_modules'), link, 'dir');
    return;
  }
  progress('installing the base dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund'], worktree, {});
}

function git(cwd: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new UsageError(
      `git ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim()}`,
    );
  }
  return result.stdout;
}

/** Runs a command, keeping its output unless it fails: then the output explains why. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>): void {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(
      `${command} ${args.join(' ')} failed in the base worktree (exit ${result.status ?? result.signal}):\n${output}`,
    );
  }
}
