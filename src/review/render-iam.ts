import {
  STATEMENT_PARTS,
  type PolicyChange,
  type RoleChange,
  type StatementChange,
  type StatementPart,
} from './iam-diff';
import { code } from './markdown';
import { truncate } from './text';

const PART_NOUNS: Record<StatementPart, string> = {
  actions: 'action',
  notActions: 'NotAction',
  resources: 'resource',
  notResources: 'NotResource',
  principals: 'principal',
  conditions: 'condition',
};

const MAX_OPAQUE = 200;
const MAX_ACTIONS = 3;

/** Every IAM change, spelled out per role, policy and statement Sid; roles with risks first. */
export function renderIamChanges(
  changes: readonly RoleChange[],
  riskyKeys: ReadonlySet<string>,
): string {
  const ordered = [
    ...changes.filter((c) => riskyKeys.has(c.key)),
    ...changes.filter((c) => !riskyKeys.has(c.key)),
  ];
  return ordered.map(renderRole).join('\n\n');
}

function renderRole(change: RoleChange): string {
  const where = change.key === change.name ? '' : ` (${code(change.key)})`;
  const lines = [`**role ${code(change.name)}**${where} ${change.kind}`];
  const policies = change.trust ? [change.trust, ...change.policies] : change.policies;
  for (const policy of policies) lines.push(...renderPolicy(policy));
  for (const arn of change.managedPolicies.added)
    lines.push(`- attached managed policy ${code(arn)}`);
  for (const arn of change.managedPolicies.removed)
    lines.push(`- detached managed policy ${code(arn)}`);
  return lines.join('\n');
}

function renderPolicy(policy: PolicyChange): string[] {
  const source =
    policy.label === 'trust policy' ? 'trust policy' : `${policy.label} (${code(policy.address)})`;
  if (policy.opaque) {
    const show = (text?: string) =>
      text === undefined ? 'none' : code(truncate(text, MAX_OPAQUE));
    return [
      `- ${source} ${policy.kind}; not a JSON document, compare: before ${show(policy.opaque.before)}, after ${show(policy.opaque.after)}`,
    ];
  }
  return [`- ${source} ${policy.kind}`, ...policy.statements.map((s) => renderStatement(s))];
}

function renderStatement(s: StatementChange): string {
  const effect = s.effectBefore ? `${s.effectBefore} → ${s.effect}` : s.effect;
  const actions =
    s.kind === 'changed' && s.allActions.length > 0 ? ` ${listActions(s.allActions)}` : '';
  const head = `  - ${code(s.sid)} ${s.kind} (${effect}${actions})`;
  const items = STATEMENT_PARTS.flatMap((part) => [
    ...s[part].added.map(
      (v) => `${s.kind === 'added' ? '' : 'added '}${PART_NOUNS[part]} ${code(v)}`,
    ),
    ...s[part].removed.map(
      (v) => `${s.kind === 'removed' ? '' : 'removed '}${PART_NOUNS[part]} ${code(v)}`,
    ),
  ]);
  return [head, ...items.map((item) => `    - ${item}`)].join('\n');
}

/** The statement's actions, for context: the first few. */
function listActions(actions: readonly string[]): string {
  const shown = actions.slice(0, MAX_ACTIONS).map(code).join(', ');
  return actions.length > MAX_ACTIONS ? `${shown} and ${actions.length - MAX_ACTIONS} more` : shown;
}
