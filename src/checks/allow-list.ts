import { globRegex } from '../iam/glob';

/** An action that may be granted on `Resource: "*"`, and why. */
export interface WildcardAllowance {
  /** The action, or an action pattern such as `ssmmessages:*Channel`. */
  readonly action: string;
  /** Why `*` is right for it: shown to reviewers, so it is required. */
  readonly reason: string;
}

/**
 * Actions that must be granted on `*`: IAM defines no resource type for them, so no ARN can
 * scope them.
 */
export const DEFAULT_WILDCARD_ALLOW_LIST: readonly WildcardAllowance[] = [
  {
    action: 'ecr:GetAuthorizationToken',
    reason:
      'has no resource type: the registry token is account-wide; image pulls are scoped by repository',
  },
  {
    action: 'ssmmessages:*Channel',
    reason:
      'ECS Exec channels have no resource type; access is scoped by ecs:ExecuteCommand on the cluster',
  },
  {
    action: 'logs:DescribeLogGroups',
    reason:
      "has no resource type: ECS Exec's agent looks up the cluster's session log group; writing is scoped to that group",
  },
  {
    action: 'xray:PutTraceSegments',
    reason: 'has no resource type: Lambda active tracing writes trace segments account-wide',
  },
  {
    action: 'xray:PutTelemetryRecords',
    reason: 'has no resource type: Lambda active tracing writes telemetry account-wide',
  },
];

/**
 * Whether an action of a policy is on the allow-list: an exact action matched by an entry (an
 * entry may be a pattern), or a wildcard action written exactly as an entry.
 */
export function isAllowListed(action: string, allowList: readonly WildcardAllowance[]): boolean {
  const wildcard = /[*?]/.test(action);
  return allowList.some((entry) =>
    wildcard
      ? entry.action.toLowerCase() === action.toLowerCase()
      : globRegex(entry.action).test(action),
  );
}
