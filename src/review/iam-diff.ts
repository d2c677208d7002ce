import { type IamModel, type PolicySource, type RolePermissions } from './iam-model';
import { type Policy, type Statement } from './policy';

/** What was added to and removed from a list. */
export interface ListChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** The parts of a statement that a change lists. */
export const STATEMENT_PARTS = [
  'actions',
  'notActions',
  'resources',
  'notResources',
  'principals',
  'conditions',
] as const;

/** A statement part, e.g. `resources`. */
export type StatementPart = (typeof STATEMENT_PARTS)[number];

/** How one statement (matched by Sid) changed. */
export type StatementChange = {
  readonly sid: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The effect after the change (before it, for a removed statement). */
  readonly effect: 'Allow' | 'Deny';
  /** Set when the effect itself changed. */
  readonly effectBefore?: 'Allow' | 'Deny';
  /** The condition keys after the change (before it, for a removed statement). */
  readonly conditionKeys: readonly string[];
  /** The actions after the change (before it, for a removed statement). */
  readonly allActions: readonly string[];
  /** The resources after the change (before it, for a removed statement). */
  readonly allResources: readonly string[];
} & { readonly [part in StatementPart]: ListChange };

/** How one policy source of a role changed. */
export interface PolicyChange {
  readonly address: string;
  readonly label: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly statements: readonly StatementChange[];
  /** Set when a side is not a readable JSON document: the texts, for a reviewer to compare. */
  readonly opaque?: { readonly before?: string; readonly after?: string };
}

/** How one role's permissions or trust changed. */
export interface RoleChange {
  readonly key: string;
  readonly name: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** Changes of the trust policy (`assume_role_policy`). */
  readonly trust?: PolicyChange;
  readonly policies: readonly PolicyChange[];
  readonly managedPolicies: ListChange;
}

/** The roles whose trust or permissions differ between two models, in key order. */
export function diffIam(before: IamModel, after: IamModel): RoleChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key) => {
    const change = diffRole(before.get(key), after.get(key));
    return change ? [change] : [];
  });
}

function diffRole(
  before: RolePermissions | undefined,
  after: RolePermissions | undefined,
): RoleChange | undefined {
  const role = (after ?? before) as RolePermissions;
  const trust = diffPolicy(
    trustSource(role.key, before?.trust),
    trustSource(role.key, after?.trust),
  );
  const sources = [
    ...new Set([...(before?.policies.keys() ?? []), ...(after?.policies.keys() ?? [])]),
  ].sort();
  const policies = sources.flatMap((source) => {
    const change = diffPolicy(before?.policies.get(source), after?.policies.get(source));
    return change ? [change] : [];
  });
  const managedPolicies = diffList(before?.managedPolicyArns ?? [], after?.managedPolicyArns ?? []);
  const changed =
    trust || policies.length > 0 || managedPolicies.added.length + managedPolicies.removed.length;
  if (before && after && !changed) return undefined;
  return {
    key: role.key,
    name: role.name,
    kind: !before ? 'added' : !after ? 'removed' : 'changed',
    ...(trust && { trust }),
    policies,
    managedPolicies,
  };
}

function trustSource(key: string, trust: Policy | undefined): PolicySource | undefined {
  return trust && { address: key, label: 'trust policy', policy: trust };
}

function diffPolicy(
  before: PolicySource | undefined,
  after: PolicySource | undefined,
): PolicyChange | undefined {
  const source = (after ?? before) as PolicySource | undefined;
  if (!source) return undefined;
  const kind = !before ? 'added' : !after ? 'removed' : 'changed';
  const beforePolicy = before?.policy;
  const afterPolicy = after?.policy;
  if (beforePolicy?.kind === 'opaque' || afterPolicy?.kind === 'opaque') {
    const texts = { before: policyText(beforePolicy), after: policyText(afterPolicy) };
    if (texts.before === texts.after) return undefined;
    return { address: source.address, label: source.label, kind, statements: [], opaque: texts };
  }
  const statements = diffStatements(
    beforePolicy?.kind === 'document' ? beforePolicy.statements : [],
    afterPolicy?.kind === 'document' ? afterPolicy.statements : [],
  );
  if (kind === 'changed' && statements.length === 0) return undefined;
  return { address: source.address, label: source.label, kind, statements };
}

function policyText(policy: Policy | undefined): string | undefined {
  if (!policy) return undefined;
  return policy.kind === 'opaque' ? policy.text : JSON.stringify(policy.statements);
}

function diffStatements(
  before: readonly Statement[],
  after: readonly Statement[],
): StatementChange[] {
  const bySid = (list: readonly Statement[]) => new Map(list.map((s) => [s.sid, s]));
  const old = bySid(before);
  const current = bySid(after);
  const sids = [...new Set([...old.keys(), ...current.keys()])].sort();
  return sids.flatMap((sid) => {
    const a = old.get(sid);
    const b = current.get(sid);
    const parts = Object.fromEntries(
      STATEMENT_PARTS.map((part) => [part, diffList(a?.[part] ?? [], b?.[part] ?? [])]),
    ) as { [part in StatementPart]: ListChange };
    const effectChanged = a && b && a.effect !== b.effect;
    const anyPart = STATEMENT_PARTS.some((p) => parts[p].added.length + parts[p].removed.length);
    if (a && b && !anyPart && !effectChanged) return [];
    const now = (b ?? a) as Statement;
    return [
      {
        sid,
        kind: !a ? 'added' : !b ? 'removed' : 'changed',
        effect: now.effect,
        ...(effectChanged && { effectBefore: a.effect }),
        conditionKeys: now.conditionKeys,
        allActions: now.actions,
        allResources: now.resources,
        ...parts,
      },
    ];
  });
}

function diffList(before: readonly string[], after: readonly string[]): ListChange {
  const old = new Set(before);
  const current = new Set(after);
  return {
    added: after.filter((v) => !old.has(v)),
    removed: before.filter((v) => !current.has(v)),
  };
}
