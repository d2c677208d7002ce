// The review benchmark's fixture: a temporary git repository holding this checkout's tracked
// files as they are now (node_modules linked), committed, then a one-line change to the dev
// environment's settings, synthesized. Everything is under `work`, which the caller deletes;
// the review's own temporary worktree is removed by the review itself.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';

const SETTINGS = path.join('stacks', 'environments', 'dev.ts');
const BEFORE = 'logRetentionDays: 7,';
const AFTER = 'logRetentionDays: 14,';

function run(command, args, cwd, env = {}) {
  const child = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr}${child.stdout}`);
  return child.stdout;
}

/** Whether `root` is a git checkout (a copy from a tarball is not: the review rows are skipped). */
export const isGitCheckout = (root) =>
  spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root }).status === 0;

/**
 * Makes the fixture; returns the repository (its cdktf.out holds the changed synth) and the
 * directory holding the base commit's synth output.
 */
export function reviewFixture(root, work) {
  const repo = path.join(work, 'review-repo');
  const files = run('git', ['ls-files', '-z'], root).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(root, file))) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(repo, file));
  }
  const git = ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost'];
  run('git', ['init', '-q'], repo);
  run('git', [...git, 'add', '-A'], repo);
  run('git', [...git, 'commit', '-q', '-m', 'base'], repo);
  // Linked after the commit: a link is not ignored by .gitignore's `node_modules/`.
  symlinkSync(path.join(root, 'node_modules'), path.join(repo, 'node_modules'), 'dir');

  const cdktf = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };
  const baseOut = path.join(work, 'review-base.out');
  run('npm', ['run', '--silent', 'synth'], repo, { ...cdktf, CDKTF_OUTDIR: baseOut });
  const settings = path.join(repo, SETTINGS);
  const text = readFileSync(settings, 'utf8');
  if (!text.includes(BEFORE)) throw new Error(`${SETTINGS} has no "${BEFORE}" to change`);
  writeFileSync(settings, text.replace(BEFORE, AFTER));
  run('npm', ['run', '--silent', 'synth'], repo, cdktf);
  return { repo, baseOut };
}
