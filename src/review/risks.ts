import { type PolicyChange, type RoleChange, type StatementChange } from './iam-diff';
import { shortenArn } from './references';

/** Kinds of risky IAM change, most serious first: a review lists them in this order. */
export const RISK_KINDS = [
  'trust-principal',
  'confused-deputy',
  'pass-role',
  'wildcard-action',
  'wildcard-resource',
  'aws-managed-policy',
] as const;

export type RiskKind = (typeof RISK_KINDS)[number];

/** One IAM change a reviewer must look at first. */
export interface Risk {
  readonly kind: RiskKind;
  /** The role's name. */
  readonly role: string;
  /** The resource that holds the change (the role, or its policy). */
  readonly address: string;
  readonly message: string;
}

/** Condition keys that keep a service from assuming a role on another account's behalf. */
const CONFUSED_DEPUTY_KEYS = new Set([
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'sts:ExternalId',
]);

/**
 * Actions that IAM only grants on `*` (they have no resource type): `*` is the only way to
 * grant them, so it is not flagged.
 */
const ONLY_ON_ANY_RESOURCE = new Set([
  'ecr:GetAuthorizationToken',
  'ecs:DescribeTaskDefinition',
  'logs:DescribeLogGroups',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
  'cloudwatch:PutMetricData',
]);

/** The risky changes among role changes, most serious kind first. */
export function assessRisks(changes: readonly RoleChange[]): Risk[] {
  const risks = changes.flatMap((change) => [
    ...(change.trust ? trustRisks(change, change.trust) : []),
    ...change.policies.flatMap((policy) =>
      policy.statements.flatMap((s) => statementRisks(change, policy, s)),
    ),
    ...change.managedPolicies.added
      .filter((arn) => /:iam::aws:policy\//.test(arn))
      .map((arn) =>
        risk(change, change.key, 'aws-managed-policy', `AWS managed policy \`${arn}\` attached`),
      ),
  ]);
  return risks
    .map((r, index) => ({ r, index }))
    .sort(
      (a, b) => RISK_KINDS.indexOf(a.r.kind) - RISK_KINDS.indexOf(b.r.kind) || a.index - b.index,
    )
    .map(({ r }) => r);
}

function risk(change: RoleChange, address: string, kind: RiskKind, message: string): Risk {
  return { kind, role: change.name, address, message };
}

function trustRisks(change: RoleChange, trust: PolicyChange): Risk[] {
  return trust.statements
    .filter((s) => s.effect === 'Allow')
    .flatMap((s) => [
      ...s.principals.added
        // A new role trusting a service is ordinary; trusting accounts or users is not.
        .filter((p) => change.kind !== 'added' || !p.startsWith('Service:'))
        .map((p) =>
          risk(
            change,
            change.key,
            'trust-principal',
            `now trusted by \`${p}\` (trust statement \`${s.sid}\`)`,
          ),
        ),
      ...lostKeys(s)
        .filter((key) => CONFUSED_DEPUTY_KEYS.has(key))
        .map((key) =>
          risk(
            change,
            change.key,
            'confused-deputy',
            `trust statement \`${s.sid}\` no longer requires \`${key}\` (confused-deputy guard)`,
          ),
        ),
    ]);
}

function statementRisks(change: RoleChange, policy: PolicyChange, s: StatementChange): Risk[] {
  if (s.effect !== 'Allow') return [];
  const where = `in \`${s.sid}\` of ${policy.label}`;
  const at = (kind: RiskKind, message: string) =>
    risk(change, policy.address, kind, `${message} ${where}`);
  const risks: Risk[] = [];

  for (const action of s.actions.added.filter(isWildcardAction)) {
    risks.push(at('wildcard-action', `new wildcard action \`${action}\``));
  }
  for (const action of s.notActions.added) {
    risks.push(
      at('wildcard-action', `new \`NotAction\` \`${action}\` (allows every other action)`),
    );
  }

  const passRole = s.allActions.some(grantsPassRole);
  const passRoleIsNew = s.actions.added.some(grantsPassRole);
  const targets = passRoleIsNew ? s.allResources : s.resources.added;
  if (passRole) {
    for (const target of targets) {
      risks.push(at('pass-role', `new PassRole target \`${shortenArn(target)}\``));
    }
    if (lostKeys(s).includes('iam:PassedToService')) {
      risks.push(at('pass-role', 'PassRole no longer limited by `iam:PassedToService`'));
    }
  }

  const needsResource = s.allActions.filter((a) => !ONLY_ON_ANY_RESOURCE.has(a));
  if (needsResource.length > 0) {
    for (const resource of s.resources.added.filter(isWildcardResource)) {
      risks.push(at('wildcard-resource', `new wildcard resource \`${resource}\``));
    }
    const addedActions = s.actions.added.filter((a) => !ONLY_ON_ANY_RESOURCE.has(a));
    const wildcards = s.allResources.filter(
      (r) => isWildcardResource(r) && !s.resources.added.includes(r),
    );
    for (const resource of addedActions.length > 0 ? wildcards : []) {
      risks.push(
        at(
          'wildcard-resource',
          `new actions ${addedActions.map((a) => `\`${a}\``).join(', ')} on \`${resource}\``,
        ),
      );
    }
  }
  return risks;
}

/** Condition keys the statement tested before and no longer tests. */
function lostKeys(s: StatementChange): string[] {
  const removed = s.conditions.removed.map((c) => c.split(' ')[1]);
  return [...new Set(removed)].filter((key) => !s.conditionKeys.includes(key));
}

/** `*`, `s3:*`, `s3:Get*`: an action pattern that grants more than one action. */
export function isWildcardAction(action: string): boolean {
  return action.includes('*') || action.includes('?');
}

/**
 * `*`, or an ARN whose resource is `*` after its type (`role/*`, `arn:aws:s3:::*`): every
 * resource of a kind. Narrow patterns such as `log-group:/ecs/app:log-stream:*` are not.
 */
export function isWildcardResource(resource: string): boolean {
  if (resource === '*') return true;
  const match = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(resource);
  if (!match) return false;
  const rest = match[1].replace(/^[a-z-]+[/:]/, '');
  return rest === '*' || match[1] === '*';
}

function grantsPassRole(action: string): boolean {
  const pattern = new RegExp(
    `^${action
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return pattern.test('iam:PassRole');
}
