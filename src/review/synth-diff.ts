import { compareStrings } from '../iam/statement';
import { diffAttributes, type AttributeChange, type ValueMasks } from './attribute-diff';
import { diffIam, type RoleChange } from './iam-diff';
import { buildIamModel, POLICY_ATTRIBUTES } from './iam-model';
import { assessRisks, type Risk } from './risks';
import { stackResources, type StackJson } from './terraform-json';

/** How one resource changed between two synthesized stacks. */
export interface ResourceChange {
  readonly address: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The changed attributes of a changed resource; policy documents appear as one entry without values. */
  readonly attributes: readonly AttributeChange[];
}

/** Everything that differs between two versions of a stack. */
export interface StackDiff {
  readonly stack: string;
  /** Added, changed and removed resources, by address. */
  readonly resources: readonly ResourceChange[];
  readonly iam: readonly RoleChange[];
  /** The risky IAM changes, most serious first. */
  readonly risks: readonly Risk[];
}

/**
 * Compares two synthesized versions of a stack (either may be missing: a new or a removed
 * stack): resources by address, and every role's trust and permissions.
 */
export function diffStacks(
  stack: string,
  before: StackJson | undefined,
  after: StackJson | undefined,
): StackDiff {
  const old = new Map(stackResources(before ?? {}).map((r) => [r.address, r]));
  const current = new Map(stackResources(after ?? {}).map((r) => [r.address, r]));
  const addresses = [...new Set([...old.keys(), ...current.keys()])].sort();
  const resources = addresses.flatMap((address): ResourceChange[] => {
    const a = old.get(address);
    const b = current.get(address);
    if (!a) return [{ address, kind: 'added', attributes: [] }];
    if (!b) return [{ address, kind: 'removed', attributes: [] }];
    const attributes = resourceAttributeChanges(b.type, a.values, b.values);
    return attributes.length > 0 ? [{ address, kind: 'changed', attributes }] : [];
  });
  const iam = diffIam(buildIamModel([...old.values()]), buildIamModel([...current.values()]));
  return { stack, resources, iam, risks: assessRisks(iam) };
}

/**
 * The attribute changes of one resource; a changed policy document is one entry without values
 * (the IAM part of the review spells it out).
 */
export function resourceAttributeChanges(
  type: string,
  before: unknown,
  after: unknown,
  masks: ValueMasks = {},
): AttributeChange[] {
  const policyAttributes = POLICY_ATTRIBUTES[type] ?? [];
  const changes = diffAttributes(before, after, masks);
  const topLevel = (path: string) => path.split(/[.[]/)[0];
  const policies = [
    ...new Set(changes.map((c) => topLevel(c.path)).filter((a) => policyAttributes.includes(a))),
  ];
  return [
    ...changes.filter((c) => !policies.includes(topLevel(c.path))),
    ...policies.map((path): AttributeChange => ({ path, kind: 'changed' })),
  ].sort((x, y) => compareStrings(x.path, y.path));
}
