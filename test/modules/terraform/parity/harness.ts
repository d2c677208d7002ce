// Parity of the two faces of each module, proven by real plans: every input set is given once
// to the construct (in one cdktf stack) and once to the Terraform module (one `module` block in
// one root configuration); both are planned by Terraform through the stand-in provider, and each
// input set's planned resources must be the same, with IAM policies compared as parsed documents.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { standInProvider, terraformEnv } from '../../../support/terraform';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const REGION = 'eu-west-1';

/** One input set of one module. */
export interface ParityCase {
  /** The module under test (its folder under modules/). */
  readonly module: string;
  /** What the input set exercises. */
  readonly title: string;
  /** Builds the construct with these inputs in `scope` (a construct of its own per case). */
  readonly construct: (scope: Construct) => void;
  /**
   * The module block's arguments (JSON syntax: "${…}" strings are expressions; `@case` stands
   * for the case's id, e.g. `${module.@case_exec.role_name}` for a helper's output).
   */
  readonly inputs: Record<string, unknown>;
  /** Other module blocks the case needs (e.g. a shared execution role), by name suffix. */
  readonly helpers?: Record<string, { module: string; inputs: Record<string, unknown> }>;
  /**
   * The construct merges what the module splits into policies of their own (a shared role's
   * task definitions): compare the roles' permissions, not the policies' names.
   */
  readonly splitPolicies?: boolean;
}

/** A case with its id (`c01` …), which prefixes every address it plans. */
export interface NumberedCase extends ParityCase {
  readonly id: string;
}

export const numbered = (cases: readonly ParityCase[]): NumberedCase[] =>
  cases.map((c, i) => ({ ...c, id: `c${String(i + 1).padStart(2, '0')}` }));

/** A planned resource: its type, its address and its planned values. */
export interface Planned {
  readonly type: string;
  readonly address: string;
  readonly values: Record<string, unknown>;
  /** Top-level attributes unknown until apply. */
  readonly unknown: readonly string[];
}

/** Runs terraform asynchronously against the stand-in (two plans run at once). */
function terraformAsync(dir: string, args: readonly string[]): Promise<string> {
  const env = terraformEnv();
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args, '-no-color'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(`terraform ${args.join(' ')} in ${dir} exited ${code}:\n${stderr}${stdout}`),
          ),
    );
  });
}

/** `init`, `plan` and `show -json` in `dir`: the managed resources planned. */
async function plan(dir: string): Promise<Planned[]> {
  await terraformAsync(dir, ['init', '-input=false', `-plugin-dir=${standInProvider().pluginDir}`]);
  await terraformAsync(dir, ['plan', '-input=false', '-lock=false', '-out=tfplan']);
  const shown = JSON.parse(await terraformAsync(dir, ['show', '-json', 'tfplan'])) as {
    resource_changes?: Array<{
      address: string;
      type: string;
      mode: string;
      change: { after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
    }>;
  };
  return (shown.resource_changes ?? [])
    .filter((change) => change.mode === 'managed' && change.change.after)
    .map((change) => ({
      type: change.type,
      address: change.address,
      values: change.change.after!,
      unknown: Object.keys(change.change.after_unknown ?? {}).filter(
        (key) => change.change.after_unknown![key] === true,
      ),
    }));
}

/** The root configuration with one module block per case (and its helpers), as JSON. */
export function moduleRoot(
  cases: readonly NumberedCase[],
  modulesDir = path.join(ROOT, 'modules'),
  dir: string,
): string {
  const modules: Record<string, unknown> = {};
  const ofCase = (id: string, inputs: Record<string, unknown>) =>
    JSON.parse(JSON.stringify(inputs).replaceAll('@case', id)) as Record<string, unknown>;
  for (const c of cases) {
    modules[c.id] = { source: path.join(modulesDir, c.module), ...ofCase(c.id, c.inputs) };
    for (const [suffix, helper] of Object.entries(c.helpers ?? {})) {
      modules[`${c.id}_${suffix}`] = {
        source: path.join(modulesDir, helper.module),
        ...ofCase(c.id, helper.inputs),
      };
    }
  }
  mkdirSync(dir, { recursive: true });
  const config = {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } },
    provider: { aws: { region: REGION } },
    module: modules,
  };
  writeFileSync(path.join(dir, 'main.tf.json'), `${JSON.stringify(config, null, 2)}\n`);
  return dir;
}

/** The cdktf stack with every case's construct, synthesized into `dir`. */
export function constructRoot(cases: readonly NumberedCase[], dir: string): string {
  const outdir = path.join(dir, 'cdktf.out');
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, skipValidation: false });
  const stack = new TerraformStack(app, 'parity');
  new AwsProvider(stack, 'aws', { region: REGION });
  for (const c of cases) c.construct(new Construct(stack, c.id));
  app.synth();
  const stackDir = path.join(dir, 'stack');
  cpSync(path.join(outdir, 'stacks', 'parity'), stackDir, { recursive: true });
  return stackDir;
}

/** Plans both faces of every case: the planned resources of each, by case id. */
export async function planBoth(
  cases: readonly NumberedCase[],
  scratch: string,
  modulesDir?: string,
): Promise<{ construct: Map<string, Planned[]>; module: Map<string, Planned[]> }> {
  const constructDir = constructRoot(cases, path.join(scratch, 'construct'));
  const moduleDir = moduleRoot(cases, modulesDir, path.join(scratch, 'module'));
  const [fromConstruct, fromModule] = await Promise.all([plan(constructDir), plan(moduleDir)]);
  const byCase = (planned: Planned[], caseOf: (address: string) => string | undefined) => {
    const map = new Map<string, Planned[]>(cases.map((c) => [c.id, []]));
    for (const resource of planned) {
      const id = caseOf(resource.address);
      if (id) map.get(id)?.push(resource);
    }
    return map;
  };
  return {
    construct: byCase(fromConstruct, (address) => /^[\w]+\.(c\d\d)_/.exec(address)?.[1]),
    module: byCase(fromModule, (address) => /^module\.(c\d\d)[._]/.exec(address)?.[1]),
  };
}
