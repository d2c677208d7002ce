// What verify-terraform runs on each kind of target: a module is initialized and validated; a
// root configuration (an environment stack, an example) is also planned, and with `apply`
// applied into local state and planned again, which must report no changes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { step, StepFailure } from './run-terraform.mjs';

/** Replaces a root configuration's backend with local state in its own directory. */
export function useLocalState(dir) {
  const override = { terraform: { backend: { local: { path: 'terraform.tfstate' } } } };
  writeFileSync(path.join(dir, 'backend_override.tf.json'), `${JSON.stringify(override)}\n`);
}

/** `init` + `validate`: what every configuration must pass. */
async function initAndValidate(dir, context, { backend = true } = {}) {
  const options = { cwd: dir, env: context.env };
  const init = ['init', '-input=false', '-no-color', `-plugin-dir=${context.pluginDir}`];
  await step('init', backend ? init : [...init, '-backend=false'], options);
  await step('validate', ['validate', '-no-color'], options);
}

/** A module: `init -backend=false` and `validate`. */
export async function verifyModule(dir, context) {
  await initAndValidate(dir, context, { backend: false });
  return { summary: 'validate' };
}

/** Counts of a plan's actions: `15 to add, 0 to change, 0 to destroy`. */
export function planCounts(plan) {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const change of plan.resource_changes ?? []) {
    for (const action of change.change.actions) if (action in counts) counts[action] += 1;
  }
  return `${counts.create} to add, ${counts.update} to change, ${counts.delete} to destroy`;
}

/** The addresses a plan would change (anything but no-op and read). */
const changedAddresses = (plan) =>
  (plan.resource_changes ?? [])
    .filter((change) => !change.change.actions.every((a) => a === 'no-op' || a === 'read'))
    .map((change) => `${change.address} (${change.change.actions.join('/')})`);

/**
 * A root configuration: `init`, `validate`, `plan`, `show -json` (written to `planFile`); with
 * `apply`, `apply` of that plan and a second `plan` that must show no changes.
 */
export async function verifyRoot(dir, context, { apply = false, planFile } = {}) {
  const options = { cwd: dir, env: context.env };
  await initAndValidate(dir, context);
  await step('plan', ['plan', '-input=false', '-no-color', '-lock=false', '-out=tfplan'], options);
  const show = await step('show -json', ['show', '-json', '-no-color', 'tfplan'], options);
  const plan = JSON.parse(show.stdout);
  if (planFile) writeFileSync(planFile, show.stdout);
  const steps = [`validate, plan (${planCounts(plan)})`];
  if (apply) {
    await step('apply', ['apply', '-input=false', '-no-color', '-lock=false', 'tfplan'], options);
    const again = ['plan', '-input=false', '-no-color', '-lock=false', '-detailed-exitcode'];
    const replan = await step('re-plan', [...again, '-out=replan'], options, [0, 2]);
    if (replan.code === 2) {
      const second = await step('show -json', ['show', '-json', '-no-color', 'replan'], options);
      const changed = changedAddresses(JSON.parse(second.stdout));
      throw new StepFailure('re-plan after apply', `changes remain: ${changed.join(', ')}`);
    }
    steps.push('apply, re-plan: no changes');
  }
  return { summary: steps.join(', '), plan };
}

/** A plan's resource changes as comparable data: address → actions and planned values. */
function plannedChanges(plan) {
  return Object.fromEntries(
    (plan.resource_changes ?? []).map((change) => [
      change.address,
      {
        actions: change.change.actions,
        after: change.change.after,
        after_unknown: change.change.after_unknown,
        after_sensitive: change.change.after_sensitive,
      },
    ]),
  );
}

/** The first difference between two values, as a dotted path, or undefined when equal. */
export function firstDifference(a, b, at = '') {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return at || '.';
  if (Array.isArray(a) !== Array.isArray(b)) return at || '.';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const difference = firstDifference(a[key], b[key], at ? `${at}.${key}` : key);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/** Fails unless the plan of a stack's HCL form is the plan of its JSON form. */
export function assertSamePlan(hclPlan, jsonPlan) {
  const difference = firstDifference(plannedChanges(hclPlan), plannedChanges(jsonPlan));
  if (difference !== undefined) {
    throw new StepFailure('same plan as JSON', `the HCL plans differently at ${difference}`);
  }
}

/** Reads a JSON file. */
export const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The project's security checks on a plan's evaluated values (`npm run check -- --plan`):
 * fails the target on an unsuppressed error; returns the counts.
 */
export function checkPlan(root, stack, planFile) {
  const report = `${planFile}.checks.json`;
  const result = spawnSync(
    process.execPath,
    ['scripts/run.mjs', 'src/checks/cli.ts', '--plan', `${stack}=${planFile}`, '--json', report],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status === 2 || !existsSync(report)) {
    throw new StepFailure('security checks', (result.stderr || result.stdout).trim());
  }
  const { summary, findings } = readJson(report);
  if (summary.errors > 0) {
    const first = findings.find((f) => f.severity === 'error' && !f.suppressed);
    throw new StepFailure(
      'security checks',
      `${summary.errors} error(s), first ${first.ruleId} ${first.address}: ${first.message}`,
    );
  }
  return `checks: ${summary.errors} errors, ${summary.warnings} warnings`;
}
