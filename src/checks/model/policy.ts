import { blocks, isRecord, stringList, type Config } from './terraform';

/** One statement of an IAM policy, normalized: every list a list, keys as IAM spells them. */
export interface Statement {
  /** Position in the document, for statements without a Sid. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Principal type (`Service`, `AWS`, `Federated`, `*`) → identifiers. */
  readonly principals?: Readonly<Record<string, readonly string[]>>;
  /** Operator → condition key → values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A policy document: its statements, or why it cannot be read. */
export type PolicyReading = { statements: Statement[] } | { problem: string };

/** Reads an IAM policy from its JSON text. */
export function readPolicyJson(text: string): PolicyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (!isRecord(parsed)) return { problem: 'is not a JSON object' };
  const raw = parsed.Statement;
  const items = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  for (const [index, item] of items.entries()) {
    if (!isRecord(item))
      return { problem: `has a Statement that is not an object (#${index + 1})` };
    if (item.Effect !== 'Allow' && item.Effect !== 'Deny') {
      return { problem: `has a statement without Effect Allow or Deny (#${index + 1})` };
    }
    statements.push({
      index,
      ...(typeof item.Sid === 'string' && item.Sid !== '' && { sid: item.Sid }),
      effect: item.Effect,
      ...optionalList('actions', item.Action),
      ...optionalList('notActions', item.NotAction),
      ...optionalList('resources', item.Resource),
      ...optionalList('notResources', item.NotResource),
      ...(item.Principal !== undefined && { principals: principals(item.Principal) }),
      conditions: conditions(item.Condition),
    });
  }
  return { statements };
}

function optionalList<K extends string>(key: K, value: unknown): Partial<Record<K, string[]>> {
  return value === undefined ? {} : ({ [key]: stringList(value) } as Record<K, string[]>);
}

function principals(value: unknown): Record<string, string[]> {
  if (value === '*') return { AWS: ['*'] };
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([type, ids]) => [type, stringList(ids)]));
}

function conditions(value: unknown): Record<string, Record<string, string[]>> {
  if (!isRecord(value)) return {};
  const result: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) continue;
    result[operator] = Object.fromEntries(
      Object.entries(keys).map(([key, values]) => [
        key,
        (Array.isArray(values) ? values : [values]).map(String),
      ]),
    );
  }
  return result;
}

/**
 * Reads the statements of a `data.aws_iam_policy_document` from its arguments. Documents that
 * merge other documents (`source_policy_documents`, `override_policy_documents`) are not read.
 */
export function readPolicyDocumentData(config: Config): PolicyReading {
  for (const key of ['source_policy_documents', 'override_policy_documents', 'source_json']) {
    if (config[key] !== undefined) return { problem: `merges other documents (${key})` };
  }
  const statements = blocks(config.statement).map((block, index): Statement => {
    // The data source writes policy variables as &{…}; IAM reads them as ${…}.
    const list = (value: unknown) =>
      value === undefined ? undefined : stringList(value).map((s) => s.replaceAll('&{', '$${'));
    const principalBlocks = blocks(block.principals);
    const conditionBlocks = blocks(block.condition);
    const byOperator: Record<string, Record<string, string[]>> = {};
    for (const condition of conditionBlocks) {
      const operator = String(condition.test);
      byOperator[operator] = {
        ...byOperator[operator],
        [String(condition.variable)]: list(condition.values) ?? [],
      };
    }
    return {
      index,
      ...(typeof block.sid === 'string' && block.sid !== '' && { sid: block.sid }),
      effect: block.effect === 'Deny' ? 'Deny' : 'Allow',
      ...(block.actions !== undefined && { actions: list(block.actions) }),
      ...(block.not_actions !== undefined && { notActions: list(block.not_actions) }),
      ...(block.resources !== undefined && { resources: list(block.resources) }),
      ...(block.not_resources !== undefined && { notResources: list(block.not_resources) }),
      ...(principalBlocks.length > 0 && {
        principals: Object.fromEntries(
          principalBlocks.map((p) => [String(p.type), list(p.identifiers) ?? []]),
        ),
      }),
      conditions: byOperator,
    };
  });
  return { statements };
}

/** Statements back in IAM's JSON form (to measure a document read from a data source). */
export function policyJson(statements: readonly Statement[]): object {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid !== undefined && { Sid: s.sid }),
      Effect: s.effect,
      ...(s.principals && { Principal: s.principals }),
      ...(s.actions && { Action: s.actions }),
      ...(s.notActions && { NotAction: s.notActions }),
      ...(s.resources && { Resource: s.resources }),
      ...(s.notResources && { NotResource: s.notResources }),
      ...(Object.keys(s.conditions).length > 0 && { Condition: s.conditions }),
    })),
  };
}
