import { abbreviateReferences, unescapeTemplate } from './references';

/** One policy statement, normalized for comparison: every list sorted and de-duplicated. */
export interface Statement {
  /** The statement's Sid, or `#<n>` (its position) when it has none. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** `Service:ecs-tasks.amazonaws.com`, `AWS:arn:…`, or `*`. */
  readonly principals: readonly string[];
  /** One entry per operator, key and value set: `StringEquals aws:SourceAccount = <account>`. */
  readonly conditions: readonly string[];
  /** The condition keys the statement tests, e.g. `aws:SourceArn`. */
  readonly conditionKeys: readonly string[];
}

/** A policy document as read from synthesized or planned Terraform. */
export type Policy =
  | { readonly kind: 'document'; readonly statements: readonly Statement[] }
  /** Not a JSON document the review can read: a reference, a function call, or a sensitive value. */
  | { readonly kind: 'opaque'; readonly text: string };

type JsonStatement = Record<string, unknown>;

/**
 * Reads a policy given as a Terraform string: a JSON document that may hold references such as
 * `${data.aws_partition.current.partition}` (shown as `<partition>`) and escaped IAM
 * variables (`$${aws:username}`, shown as `${aws:username}`).
 */
export function parsePolicy(value: unknown): Policy {
  if (typeof value !== 'string') return { kind: 'opaque', text: JSON.stringify(value) ?? '' };
  let document: unknown;
  try {
    document = JSON.parse(value);
  } catch {
    return { kind: 'opaque', text: abbreviateReferences(value) };
  }
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  if (raw === undefined) return { kind: 'opaque', text: abbreviateReferences(value) };
  const list = (Array.isArray(raw) ? raw : [raw]) as JsonStatement[];
  return { kind: 'document', statements: list.map((s, i) => normalizeStatement(s, i)) };
}

function normalizeStatement(statement: JsonStatement, index: number): Statement {
  const conditions = readConditions(statement.Condition);
  return {
    sid:
      typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : `#${index + 1}`,
    effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: stringList(statement.Action),
    notActions: stringList(statement.NotAction),
    resources: stringList(statement.Resource),
    notResources: stringList(statement.NotResource),
    principals: readPrincipals(statement.Principal ?? statement.NotPrincipal),
    conditions: conditions.map((c) => `${c.operator} ${c.key} = ${c.values.join(', ')}`).sort(),
    conditionKeys: [...new Set(conditions.map((c) => c.key))].sort(),
  };
}

function text(value: string): string {
  return abbreviateReferences(unescapeTemplate(value));
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.map((v) => text(String(v))))].sort();
}

function readPrincipals(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [text(value)];
  return Object.entries(value as Record<string, unknown>)
    .flatMap(([type, ids]) => stringList(ids).map((id) => `${type}:${id}`))
    .sort();
}

function readConditions(
  value: unknown,
): Array<{ operator: string; key: string; values: string[] }> {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, Record<string, unknown>>).flatMap(
    ([operator, keys]) =>
      Object.entries(keys ?? {}).map(([key, values]) => ({
        operator,
        key,
        values: stringList(values),
      })),
  );
}
