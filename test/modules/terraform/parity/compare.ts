// What the parity test compares: each case's planned resources in a canonical form. IAM policies
// are parsed documents whose lists are sorted (a single value and a one-item list are the same,
// as IAM reads them); JSON strings (container definitions, the runner's configuration, a
// trigger's input) are compared parsed; a Sid's number (`S3ListBucket2`) is not compared, as the
// construct numbers statements by their order after merging and the module by their position.
import { type Planned } from './harness';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value with object keys sorted, recursively: equal values stringify equally. */
export function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value as Json;
}

const sortedList = (value: unknown): string[] =>
  [...new Set((Array.isArray(value) ? value : [value]).map(String))].sort();

/** A policy statement with its lists sorted and its Sid without a number. */
function normalizeStatement(statement: Record<string, unknown>): Json {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (key === 'Sid') out.Sid = String(value).replace(/\d+$/, '');
    else if (['Action', 'NotAction', 'Resource', 'NotResource'].includes(key))
      out[key] = sortedList(value);
    else if (key === 'Principal' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value).map(([type, ids]) => [type, sortedList(ids)]),
      );
    else if (key === 'Condition' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([test, keys]) => [
          test,
          Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, sortedList(v)])),
        ]),
      );
    else out[key] = value;
  }
  return canonical(out);
}

/** A policy document as a sorted set of normalized statements. */
export function normalizePolicy(document: { Version?: string; Statement?: unknown }): Json {
  const statements = (
    Array.isArray(document.Statement) ? document.Statement : [document.Statement]
  ) as Array<Record<string, unknown>>;
  const normalized = statements.map(normalizeStatement);
  return {
    Version: document.Version ?? null,
    Statement: [...new Set(normalized.map((s) => JSON.stringify(s)))]
      .sort()
      .map((s) => JSON.parse(s) as Json),
  };
}

/** JSON strings parsed (policies normalized), tags {} as null, derived and local-only values dropped. */
export function normalizeValue(value: unknown, key = ''): Json {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && 'Statement' in parsed)
        return normalizePolicy(parsed as { Statement: unknown });
      return normalizeValue(parsed);
    } catch {
      return value;
    }
  }
  if (key === 'tags' && value && typeof value === 'object' && Object.keys(value).length === 0)
    return null;
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item));
  if (value && typeof value === 'object') {
    return canonical(
      Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v, k)] as const)),
    );
  }
  return value as Json;
}

/** Attributes that differ by where the configuration lives, not by what it creates. */
const LOCAL_ONLY: Record<string, readonly string[]> = {
  // The package's path: the stack's asset directory vs the module's folder (the hash is compared).
  aws_lambda_function: ['filename'],
};

/** Every (effect, action, resource, condition) a role's inline policies allow or deny. */
function permissions(policies: readonly Planned[]): Record<string, string[]> {
  const byRole: Record<string, Set<string>> = {};
  for (const policy of policies) {
    const role = String(policy.values.role);
    const document = normalizeValue(policy.values.policy) as {
      Statement: Array<Record<string, Json>>;
    };
    for (const statement of document.Statement) {
      const condition = JSON.stringify(statement.Condition ?? null);
      for (const action of (statement.Action ?? []) as string[]) {
        for (const resource of (statement.Resource ?? ['(none)']) as string[]) {
          (byRole[role] ??= new Set()).add(
            `${String(statement.Effect)} ${action} ${resource} ${condition}`,
          );
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(byRole).map(([role, set]) => [role, [...set].sort()]));
}

/**
 * The attributes, by resource type, that either face knows only after apply (e.g. a task
 * definition's execution_role_arn: the construct refers to the role resource, the module takes
 * the ARN built from the role's name): they cannot be compared in a plan.
 */
export function unknownAttributes(...planned: ReadonlyArray<readonly Planned[]>) {
  const keys: Record<string, Set<string>> = {};
  for (const resource of planned.flat())
    for (const key of resource.unknown) (keys[resource.type] ??= new Set()).add(key);
  return keys;
}

/** A case's planned resources, comparable with `toEqual` (the `unknown` attributes left out). */
export function comparable(
  planned: readonly Planned[],
  splitPolicies = false,
  unknown: Record<string, Set<string>> = unknownAttributes(planned),
) {
  const resources: Record<string, Json[]> = {};
  const rolePolicies = planned.filter((r) => r.type === 'aws_iam_role_policy');
  for (const resource of planned) {
    if (splitPolicies && resource.type === 'aws_iam_role_policy') continue;
    const values = { ...resource.values };
    const dropped = [
      'tags_all',
      ...(LOCAL_ONLY[resource.type] ?? []),
      ...(unknown[resource.type] ?? []),
    ];
    for (const key of dropped) delete values[key];
    (resources[resource.type] ??= []).push(normalizeValue(values));
  }
  for (const list of Object.values(resources))
    list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { resources: canonical(resources), permissions: permissions(rolePolicies) };
}
