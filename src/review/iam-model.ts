import { compareStrings } from '../iam/statement';
import { parsePolicy, type Policy } from './policy';
import { abbreviateReferences, arnResourceName, parseReference } from './references';
import { type ResourceInstance } from './terraform-json';

/** A policy that applies to a role, and where it comes from. */
export interface PolicySource {
  /** The resource holding the policy, e.g. `aws_iam_role_policy.exec`. */
  readonly address: string;
  /** What a reviewer reads: `policy "task-execution"`. */
  readonly label: string;
  readonly policy: Policy;
}

/** What one role may do and who may assume it. */
export interface RolePermissions {
  /** The role's address, or `role <name>` for a role outside the stack that policies name. */
  readonly key: string;
  /** The role's name (or the key when it has no literal name). */
  readonly name: string;
  /** The trust policy (`assume_role_policy`), when the role is in the stack. */
  readonly trust?: Policy;
  /** Its policies by source (role policies, attached customer managed policies, inline blocks). */
  readonly policies: ReadonlyMap<string, PolicySource>;
  /** Attached policies defined outside the stack (AWS managed and others), by ARN. */
  readonly managedPolicyArns: readonly string[];
}

/** Every role of a stack (or plan side) with its permissions, by key. */
export type IamModel = ReadonlyMap<string, RolePermissions>;

interface MutableRole {
  key: string;
  name: string;
  trust?: Policy;
  policies: Map<string, PolicySource>;
  managedPolicyArns: Set<string>;
}

/** The attributes holding policy documents, by resource type: the IAM part of a review shows them. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ['assume_role_policy', 'inline_policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
};

/** A policy ARN that is not yet known: the policy is created by the same apply. */
export const UNKNOWN_POLICY_ARN = '(known after apply)';

/**
 * Reads roles and their policies from resources: `aws_iam_role` (trust policy, inline
 * `inline_policy` blocks, `managed_policy_arns`), `aws_iam_role_policy`, `aws_iam_policy` with
 * `aws_iam_role_policy_attachment` or `aws_iam_policy_attachment`. Roles are matched by
 * reference (`${aws_iam_role.x.name}`) in synthesized JSON and by name in plans.
 */
export function buildIamModel(resources: readonly ResourceInstance[]): IamModel {
  const roles = new Map<string, MutableRole>();
  const byName = new Map<string, string>();
  for (const r of resources.filter((r) => r.type === 'aws_iam_role')) {
    const name = typeof r.values.name === 'string' ? r.values.name : r.address;
    byName.set(name, r.address);
    const role = emptyRole(r.address, abbreviateReferences(name));
    role.trust = parsePolicy(r.values.assume_role_policy);
    for (const block of blocks(r.values.inline_policy)) {
      const label = `inline policy "${String(block.name)}"`;
      role.policies.set(`${r.address}#${String(block.name)}`, {
        address: r.address,
        label,
        policy: parsePolicy(block.policy),
      });
    }
    for (const arn of stringList(r.values.managed_policy_arns)) role.managedPolicyArns.add(arn);
    roles.set(r.address, role);
  }

  const roleFor = (value: unknown): MutableRole | undefined => {
    const reference = parseReference(value);
    let key: string | undefined;
    if (reference?.address.startsWith('aws_iam_role.')) key = reference.address;
    else if (typeof value === 'string') key = byName.get(value) ?? `role ${value}`;
    if (key === undefined) return undefined;
    if (!roles.has(key)) roles.set(key, emptyRole(key, abbreviateReferences(key)));
    return roles.get(key);
  };
  const customerPolicies = resources.filter((r) => r.type === 'aws_iam_policy');
  const attach = (role: MutableRole | undefined, policyArn: unknown) => {
    if (!role) return;
    const policy = findCustomerPolicy(customerPolicies, policyArn);
    if (policy) {
      role.policies.set(policy.address, {
        address: policy.address,
        label: `managed policy "${abbreviateReferences(String(policy.values.name ?? policy.address))}"`,
        policy: parsePolicy(policy.values.policy),
      });
    } else {
      role.managedPolicyArns.add(
        typeof policyArn === 'string' ? abbreviateReferences(policyArn) : UNKNOWN_POLICY_ARN,
      );
    }
  };

  for (const r of resources) {
    if (r.type === 'aws_iam_role_policy') {
      const role = roleFor(r.values.role);
      role?.policies.set(r.address, {
        address: r.address,
        label: `policy "${abbreviateReferences(String(r.values.name ?? r.address))}"`,
        policy: parsePolicy(r.values.policy),
      });
    } else if (r.type === 'aws_iam_role_policy_attachment') {
      attach(roleFor(r.values.role), r.values.policy_arn);
    } else if (r.type === 'aws_iam_policy_attachment') {
      for (const role of stringList(r.values.roles)) attach(roleFor(role), r.values.policy_arn);
    }
  }
  return new Map(
    [...roles.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([key, role]) => [
        key,
        { ...role, managedPolicyArns: [...role.managedPolicyArns].sort() },
      ]),
  );
}

function emptyRole(key: string, name: string): MutableRole {
  return { key, name, policies: new Map(), managedPolicyArns: new Set() };
}

/** The `aws_iam_policy` an attachment's `policy_arn` designates, by reference or by ARN. */
function findCustomerPolicy(
  policies: readonly ResourceInstance[],
  policyArn: unknown,
): ResourceInstance | undefined {
  const reference = parseReference(policyArn);
  if (reference) return policies.find((p) => p.address === reference.address);
  if (typeof policyArn !== 'string' || /:iam::aws:policy\//.test(policyArn)) return undefined;
  const name = arnResourceName(policyArn, 'policy');
  return policies.find((p) => p.values.arn === policyArn || (name && p.values.name === name));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function blocks(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
}
