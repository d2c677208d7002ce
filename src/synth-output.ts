import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';

/** What Terraform keeps in a stack's working directory between runs: provider plugins and their lock. */
const KEPT_PER_STACK = ['.terraform', '.terraform.lock.hcl'];

/** Options of {@link synthesizeAtomically}. */
export interface SynthesizeOptions {
  /**
   * The caller's word that no stack of the app references another's resources (each is built
   * from inputs of its own): cdktf's preparing pass, which exists to find such references, is
   * then left out for every stack (see {@link withoutPreparingPass}).
   *
   * @default false - left out only in an app of one stack
   */
  readonly independentStacks?: boolean;
}

/**
 * Synthesizes into a fresh directory beside `outdir`, lets `finish` check or convert what was
 * written there, and only then replaces `outdir` with it. A synth that fails (bad settings, a
 * validation error, a `finish` that throws) leaves the previous output untouched; one that
 * succeeds leaves no stale stack or file behind. Terraform's provider plugins and lock file in
 * each stack directory are carried over, so `cdktf deploy` need not download them again.
 */
export async function synthesizeAtomically(
  outdir: string,
  build: (app: App) => void,
  finish: (staging: string) => void | Promise<void> = () => undefined,
  options: SynthesizeOptions = {},
): Promise<void> {
  const target = path.resolve(outdir);
  const staging = fs.mkdtempSync(`${target}.next-`);
  try {
    withoutTokenCreationStacks(() => {
      const app = new App({ outdir: staging, stackTraces: false });
      build(app);
      withoutPreparingPass(app, options);
      app.synth();
    });
    await finish(staging);
    carryOverTerraformState(target, staging);
    replaceDirectory(target, staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * cdktf's `App.synth` resolves every token of every stack twice: first in a "preparing" pass
 * (`TerraformStack.prepareStack`), whose only effect besides adding the default local backend is
 * to find cross-stack references (a token of one stack resolved in another, which adds an
 * output and a remote state), then again to write the stack. An app of one stack has no other
 * stack to reference, so there the preparing pass is left out and only the backend is added:
 * the output is the same bytes, about a quarter sooner for a large stack. Apps of several
 * stacks keep both passes, unless the caller says they are independent.
 */
export function withoutPreparingPass(app: App, options: SynthesizeOptions = {}): void {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  if (stacks.length !== 1 && !options.independentStacks) return;
  for (const stack of stacks) {
    stack.prepareStack = () => {
      stack.ensureBackendExists();
    };
  }
}

/**
 * cdktf records the full stack trace of every token it creates (each resource attribute read,
 * each Lazy), only to show where a token was created if it later fails to resolve. Capturing
 * and formatting those traces was most of the time of a large synth, and their memory grew it
 * faster than linearly. While `run` runs, token creation stacks are left empty (cdktf captures
 * into a plain object, which is skipped); errors keep their stacks. Set
 * FARGATE_RUNNER_TOKEN_STACKS=1 to record them when chasing a token that fails to resolve.
 */
export function withoutTokenCreationStacks<T>(run: () => T): T {
  if (process.env.FARGATE_RUNNER_TOKEN_STACKS === '1') return run();
  const capture = Error.captureStackTrace;
  // cdktf captures into a plain object ({ stack: '' }); errors are still captured as usual.
  Error.captureStackTrace = (...args: Parameters<typeof capture>) => {
    if (args[0] instanceof Error) capture(...args);
  };
  try {
    return run();
  } finally {
    Error.captureStackTrace = capture;
  }
}

function carryOverTerraformState(previous: string, next: string): void {
  const stacks = path.join(previous, 'stacks');
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks)) {
    const destination = path.join(next, 'stacks', stack);
    if (!fs.existsSync(destination)) continue;
    for (const kept of KEPT_PER_STACK) {
      const source = path.join(stacks, stack, kept);
      if (fs.existsSync(source)) fs.renameSync(source, path.join(destination, kept));
    }
  }
}

function replaceDirectory(target: string, replacement: string): void {
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(replacement, target);
  fs.rmSync(old, { recursive: true, force: true });
}
