import * as fs from 'fs';
import * as path from 'path';
import { type PlanJson } from './plan-json';
import { readJson } from './terraform-json';
import { UsageError } from './usage-error';

/** File names that say nothing about the stack: the stack is then the directory's name. */
const GENERIC_NAMES = new Set(['plan', 'tfplan', 'terraform']);

/**
 * Reads plans given as `[<stack>=]<file>` or a directory of `<stack>.json` / `<stack>.plan.json`
 * files. A file's stack is named explicitly, by the file name, or by its directory for generic
 * names such as `plan.json` (e.g. `cdktf.out/stacks/<stack>/plan.json`).
 */
export function readPlans(specs: readonly string[]): Map<string, PlanJson> {
  const plans = new Map<string, PlanJson>();
  for (const spec of specs) {
    for (const [stack, file] of planFiles(spec)) {
      if (plans.has(stack))
        throw new UsageError(`--plan: two plans for stack ${stack} (the second is ${file})`);
      plans.set(stack, checkPlan(readJson<unknown>(file), file));
    }
  }
  return plans;
}

function planFiles(spec: string): Array<[string, string]> {
  const match = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(spec);
  if (match && !fs.existsSync(spec)) return [[match[1], match[2]]];
  if (!fs.existsSync(spec)) throw new UsageError(`--plan ${spec}: no such file or directory`);
  if (!fs.statSync(spec).isDirectory()) return [[stackOf(spec), spec]];
  const files = fs
    .readdirSync(spec)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(spec, name));
  if (files.length === 0) throw new UsageError(`--plan ${spec}: the directory holds no .json plan`);
  return files.map((file) => [stackOf(file), file]);
}

function stackOf(file: string): string {
  const name = path.basename(file).replace(/(\.plan)?\.json$/, '');
  return GENERIC_NAMES.has(name) ? path.basename(path.dirname(path.resolve(file))) : name;
}

function checkPlan(data: unknown, file: string): PlanJson {
  const plan = data as PlanJson | null;
  if (typeof plan !== 'object' || plan === null || typeof plan.format_version !== 'string') {
    throw new UsageError(
      `${file} is not a Terraform plan in JSON (no format_version): create it with terraform show -json <planfile>`,
    );
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new UsageError(`${file}: resource_changes is not a list`);
  }
  return plan;
}
