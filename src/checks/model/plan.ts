import { type PlanJson } from '../../review/plan-json';
import { isRecord, UnknownValue, type Config, type TerraformResource } from './terraform';

/** One module of a plan's `configuration` (the root module or a called module). */
interface ConfigModule {
  readonly resources?: ReadonlyArray<{
    readonly address?: string;
    readonly expressions?: Readonly<Record<string, unknown>>;
  }>;
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** One module of `planned_values` (the root module or a child module). */
interface PlannedModule {
  readonly resources?: ReadonlyArray<{
    readonly address: string;
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly values?: Config;
  }>;
  readonly child_modules?: readonly PlannedModule[];
}

/** What the checks read from a plan: its resources with evaluated values, and whether it is production. */
export interface PlanResources {
  readonly resources: TerraformResource[];
  readonly production: boolean;
}

/**
 * Reads the resources of a `terraform show -json` plan, in every module, with the values they
 * will have after apply: `jsonencode(…)` and references are evaluated. A value the plan does
 * not know yet (`after_unknown`) becomes an {@link UnknownValue}, except a top-level attribute
 * that the configuration sets to a plain reference (`policy_arn = aws_iam_policy.x.arn`): it
 * becomes that reference (`${module.m.aws_iam_policy.x.arn}`), so that attachments still find
 * the policy they attach. Resources being destroyed are left out.
 */
export function planResources(plan: PlanJson): PlanResources {
  const expressions = configurationExpressions(plan.configuration?.root_module as ConfigModule);
  const resources = new Map<string, TerraformResource>();
  const changed = new Set((plan.resource_changes ?? []).map((c) => c.address));
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change.actions;
    if (change.deposed !== undefined || (actions.length === 1 && actions[0] === 'delete')) continue;
    if (!isRecord(change.change.after)) continue;
    const mode = change.mode === 'data' ? 'data' : 'resource';
    const values = withUnknowns(change.change.after, change.change.after_unknown) as Config;
    const configured = expressions.get(configAddress(change.address)) ?? {};
    for (const [attribute, value] of Object.entries(values)) {
      const reference =
        value instanceof UnknownValue ? soleReference(attribute, configured[attribute]) : undefined;
      if (reference) values[attribute] = `\${${modulePrefix(change.address)}${reference}}`;
    }
    resources.set(change.address, resource(mode, change.type, change.address, values));
  }
  // Resources without a change entry (older or filtered plans) as planned.
  const visit = (module: PlannedModule | undefined): void => {
    for (const r of module?.resources ?? []) {
      if (changed.has(r.address)) continue;
      const mode = r.mode === 'data' ? 'data' : 'resource';
      resources.set(r.address, resource(mode, r.type, r.address, { ...(r.values ?? {}) }));
    }
    module?.child_modules?.forEach(visit);
  };
  visit((plan.planned_values as { root_module?: PlannedModule } | undefined)?.root_module);
  return { resources: [...resources.values()], production: planIsProduction(plan) };
}

function resource(
  mode: 'resource' | 'data',
  type: string,
  address: string,
  config: Config,
): TerraformResource {
  const name = /([^.]+)$/.exec(address.replace(/\[[^\]]*\]$/, ''))?.[1] ?? address;
  return { mode, type, name, address, config };
}

/**
 * Merges `after` with its `after_unknown` mask: unknown leaves become {@link UnknownValue}, and
 * null attributes (unset, which synthesized JSON leaves out) are left out.
 */
function withUnknowns(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return new UnknownValue();
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? value : [];
    const length = Math.max(list.length, unknown.length);
    return Array.from({ length }, (_, i) => withUnknowns(list[i], unknown[i]));
  }
  if (isRecord(unknown)) {
    const object = isRecord(value) ? value : {};
    const keys = new Set([...Object.keys(object), ...Object.keys(unknown)]);
    const entries = [...keys].map((k) => [k, withUnknowns(object[k], unknown[k])] as const);
    return Object.fromEntries(entries.filter(([, v]) => v !== null && v !== undefined));
  }
  if (isRecord(value)) return withUnknowns(value, {});
  if (Array.isArray(value)) return value.map((item) => withUnknowns(item, undefined));
  return value;
}

/** `module.a.module.b.` for `module.a.module.b["x"].aws_iam_role.r[0]`. */
function modulePrefix(address: string): string {
  return /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address)?.[1] ?? '';
}

/** The configuration address of an instance: module and resource indexes removed. */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** Every configured resource's expressions, by configuration address (`module.a.aws_x.y`). */
function configurationExpressions(
  root: ConfigModule | undefined,
): Map<string, Readonly<Record<string, unknown>>> {
  const result = new Map<string, Readonly<Record<string, unknown>>>();
  const visit = (module: ConfigModule | undefined, prefix: string): void => {
    for (const r of module?.resources ?? []) {
      if (r.address) result.set(`${prefix}${r.address}`, r.expressions ?? {});
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      visit(call.module, `${prefix}module.${name}.`);
    }
  };
  visit(root, '');
  return result;
}

/** Attributes that name another resource: an unknown value is kept as the reference it is configured as. */
const LINKS = new Set([
  'role',
  'roles',
  'role_name',
  'policy_arn',
  'function_name',
  'execution_role_arn',
  'task_role_arn',
]);
/** Policy attributes: only a policy document data source is kept as a reference (its statements are read). */
const POLICIES = new Set(['policy', 'assume_role_policy']);

/**
 * The attribute reference an expression is made of (`aws_iam_policy.x.arn`), when the
 * attribute links resources or is a policy document data source's `json`.
 */
function soleReference(attribute: string, expression: unknown): string | undefined {
  if (!isRecord(expression) || !Array.isArray(expression.references)) return undefined;
  const [first] = expression.references as unknown[];
  if (typeof first !== 'string') return undefined;
  if (!/^(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z0-9_]+$/.test(first)) return undefined;
  if (LINKS.has(attribute)) return first;
  return POLICIES.has(attribute) &&
    /^data\.aws_iam_policy_document\.[^.]+\.(?:minified_)?json$/.test(first)
    ? first
    : undefined;
}

const PRODUCTION = new Set(['prod', 'production']);

/** Production when an AWS provider's default tags say `environment` = `prod`/`production`, as for synthesized stacks. */
function planIsProduction(plan: PlanJson): boolean {
  const providers = (
    plan.configuration as { provider_config?: Record<string, unknown> } | undefined
  )?.provider_config;
  return Object.values(providers ?? {}).some((provider) => {
    if (!isRecord(provider) || provider.name !== 'aws' || !isRecord(provider.expressions))
      return false;
    const defaults = provider.expressions.default_tags;
    return (Array.isArray(defaults) ? defaults : [defaults]).some((block: unknown) => {
      const tags = isRecord(block) && isRecord(block.tags) ? block.tags.constant_value : undefined;
      return (
        isRecord(tags) &&
        Object.entries(tags).some(
          ([key, value]) =>
            key.toLowerCase() === 'environment' &&
            typeof value === 'string' &&
            PRODUCTION.has(value.toLowerCase()),
        )
      );
    });
  });
}
