import { type Statement } from '../model/policy';
import { maskTemplate } from '../model/template';

/**
 * What a condition key's values must be for the condition to restrict a grant to exactly one
 * thing (or a list of exact things):
 * - `service`: a service principal or endpoint (`ecs-tasks.amazonaws.com`, `secretsmanager.<region>.amazonaws.com`);
 * - `account`: a 12-digit account ID;
 * - `arn`: one exact ARN of a service and resource type (no wildcard anywhere);
 * - `source-arn`: an ARN whose partition, service, region and account are exact (a wildcard
 *   only in the resource part, which scopes within the account);
 * - `string`: one exact string (no wildcard).
 * A Terraform reference (`${…}`) stands for one value: it counts as exact here; a plan's
 * evaluated values are judged by the same rules.
 */
export type ValueKind =
  | { readonly kind: 'service' }
  | { readonly kind: 'account' }
  | { readonly kind: 'arn'; readonly service: string; readonly resourceType: string }
  | { readonly kind: 'source-arn' }
  | { readonly kind: 'string' };

/** The verdict on one condition key of a statement. */
export type Restriction =
  | { readonly restricts: true; readonly values: readonly string[] }
  /** `present` is false when no condition tests the key at all. */
  | { readonly restricts: false; readonly present: boolean; readonly reason: string };

/** Operators that compare a key with exact values (with `Like`/`Arn`: wildcards count as wildcards). */
const EXACT = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'ArnEquals',
  'ArnLike',
  'StringLike',
]);
/** Operators whose values are patterns: `*` and `?` in them match anything. ArnEquals matches like ArnLike. */
const PATTERN = new Set(['StringLike', 'ArnEquals', 'ArnLike']);

/**
 * Whether the statement's conditions restrict `key` to exact values of the given kind.
 * Conditions are ANDed: one restricting entry is enough. Negated operators (`StringNotEquals`,
 * `ArnNotLike` …), `Null`, `…IfExists` (true when the key is absent), set operators
 * (`ForAnyValue:`/`ForAllValues:`, true for an empty set), other operator families, wildcard
 * values and values of the wrong shape do not restrict.
 */
export function restriction(statement: Statement, key: string, kind: ValueKind): Restriction {
  const wanted = key.toLowerCase();
  const reasons: string[] = [];
  for (const [operator, keys] of Object.entries(statement.conditions)) {
    for (const [name, values] of Object.entries(keys)) {
      if (name.toLowerCase() !== wanted) continue;
      const problem = entryProblem(operator, values, kind);
      if (problem === undefined) return { restricts: true, values };
      reasons.push(`${operator} ${name} = ${shown(values)} ${problem}`);
    }
  }
  return reasons.length === 0
    ? { restricts: false, present: false, reason: `without an ${key} condition` }
    : {
        restricts: false,
        present: true,
        reason: `with a condition that does not restrict ${key} (${reasons.join('; ')})`,
      };
}

function shown(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : JSON.stringify(values);
}

/** Why one operator entry does not restrict its key, or undefined when it does. */
function entryProblem(
  operator: string,
  values: readonly string[],
  kind: ValueKind,
): string | undefined {
  if (/^For(?:Any|All)Values:/i.test(operator)) {
    return 'uses a set operator, which a single-valued key satisfies vacuously or by any one value';
  }
  if (/IfExists$/.test(operator)) return 'uses …IfExists, which is true when the key is absent';
  if (operator === 'Null') return 'only tests whether the key is present';
  if (/Not/.test(operator)) return 'is negated: it allows every other value';
  if (!EXACT.has(operator)) return `compares with ${operator}, not with exact values`;
  if (values.length === 0) return 'has no value';
  for (const value of values) {
    const masked = maskTemplate(value);
    if (PATTERN.has(operator) && /[*?]/.test(masked) && kind.kind !== 'source-arn') {
      return `has a wildcard: ${operator} matches it as a pattern, not one value`;
    }
    const problem = valueProblem(masked, kind, PATTERN.has(operator));
    if (problem) return problem;
  }
  return undefined;
}

const SERVICE = /^[a-z0-9-]+(?:\.(?:[a-z0-9-]+|\{ref\}))+$/;
const ACCOUNT = /^\d{12}$/;

function valueProblem(masked: string, kind: ValueKind, pattern: boolean): string | undefined {
  if (masked === '{ref}') return undefined;
  switch (kind.kind) {
    case 'service':
      return SERVICE.test(masked)
        ? undefined
        : 'is not a service name such as ecs-tasks.amazonaws.com';
    case 'account':
      return ACCOUNT.test(masked) ? undefined : 'is not a 12-digit account ID';
    case 'string':
      return masked === '' ? 'is empty' : undefined;
    case 'arn': {
      const arn = arnParts(masked);
      if (
        !arn ||
        arn.service !== kind.service ||
        !arn.resource.startsWith(`${kind.resourceType}/`)
      ) {
        return `is not an ${kind.service} ${kind.resourceType} ARN`;
      }
      if (arn.region === '' || !accountOk(arn.account))
        return `is not an exact ${kind.service} ${kind.resourceType} ARN`;
      return arn.resource.length > kind.resourceType.length + 1 ? undefined : 'names no resource';
    }
    case 'source-arn': {
      const arn = arnParts(masked);
      if (!arn) return 'is not an ARN';
      const head = [arn.partition, arn.service, arn.region, arn.account];
      if (pattern && head.some((p) => /[*?]/.test(p))) {
        return 'has a wildcard in its partition, service, region or account: it matches other accounts';
      }
      if (!accountOk(arn.account)) return 'does not name one account';
      return undefined;
    }
  }
}

function accountOk(account: string): boolean {
  return account === '{ref}' || ACCOUNT.test(account);
}

function arnParts(
  masked: string,
):
  | { partition: string; service: string; region: string; account: string; resource: string }
  | undefined {
  const parts = masked.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] === '') return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/**
 * The condition keys whose meaning the checks judge wherever they appear in an Allow statement,
 * with what their values must be.
 */
export const SECURITY_KEYS: Readonly<Record<string, ValueKind>> = {
  'iam:passedtoservice': { kind: 'service' },
  'ecs:cluster': { kind: 'arn', service: 'ecs', resourceType: 'cluster' },
  'aws:sourceaccount': { kind: 'account' },
  'aws:sourcearn': { kind: 'source-arn' },
  'kms:viaservice': { kind: 'service' },
  'kms:calleraccount': { kind: 'account' },
  'aws:resourceaccount': { kind: 'account' },
  'aws:principalaccount': { kind: 'account' },
  'ecs:createaction': { kind: 'string' },
};
