/** `Allow` or `Deny`. */
export type Effect = 'Allow' | 'Deny';

/**
 * Conditions as IAM writes them: operator → condition key → value(s).
 *
 * @example { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs' } }
 */
export type Conditions = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

/** The principals of a resource-based (e.g. trust) policy statement. */
export interface Principals {
  /** Service principals, e.g. `ecs-tasks.amazonaws.com`. */
  readonly Service?: readonly string[];
  /** AWS principals: account, role or user ARNs. */
  readonly AWS?: readonly string[];
}

/** One policy statement. */
export interface PolicyStatement {
  /**
   * Statement ID: letters and digits only. Statements with the same Sid, effect, actions,
   * principals and conditions are merged into one with the union of their resources.
   */
  readonly sid: string;
  /** @default 'Allow' */
  readonly effect?: Effect;
  /** Actions such as `ecr:BatchGetImage`. */
  readonly actions: readonly string[];
  /**
   * Resource ARNs; `*` only where the action supports no resource type.
   *
   * @default - none (trust policies have principals instead)
   */
  readonly resources?: readonly string[];
  /** @default - none */
  readonly principals?: Principals;
  /** @default - unconditional */
  readonly conditions?: Conditions;
}

/** A statement in canonical form: every list sorted and de-duplicated, defaults applied. */
export interface CanonicalStatement {
  readonly sid: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals?: Principals;
  readonly conditions?: Conditions;
}

/** Sorted, de-duplicated copy of a list of strings (code-point order: same on every machine). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Locale-independent string comparison. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Brings a statement into canonical form. */
export function canonicalStatement(statement: PolicyStatement): CanonicalStatement {
  return {
    sid: statement.sid,
    effect: statement.effect ?? 'Allow',
    actions: sortedUnique(statement.actions),
    resources: sortedUnique(statement.resources ?? []),
    ...(statement.principals && { principals: canonicalPrincipals(statement.principals) }),
    ...(statement.conditions &&
      Object.keys(statement.conditions).length > 0 && {
        conditions: canonicalConditions(statement.conditions),
      }),
  };
}

function canonicalPrincipals(principals: Principals): Principals {
  return {
    ...(principals.AWS && { AWS: sortedUnique(principals.AWS) }),
    ...(principals.Service && { Service: sortedUnique(principals.Service) }),
  };
}

function canonicalConditions(conditions: Conditions): Conditions {
  const result: Record<string, Record<string, string | readonly string[]>> = {};
  for (const operator of Object.keys(conditions).sort(compareStrings)) {
    const keys: Record<string, string | readonly string[]> = {};
    for (const key of Object.keys(conditions[operator]).sort(compareStrings)) {
      const value = conditions[operator][key];
      keys[key] = typeof value === 'string' ? value : sortedUnique(value);
    }
    result[operator] = keys;
  }
  return result;
}

/**
 * The part of a statement that decides whether two statements may be merged: everything
 * but the resources.
 */
export function mergeKey(statement: CanonicalStatement): string {
  return JSON.stringify([
    statement.sid,
    statement.effect,
    statement.actions,
    statement.principals ?? null,
    statement.conditions ?? null,
  ]);
}
