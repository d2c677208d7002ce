import { isAllowListed } from '../allow-list';
import { maskTemplate } from '../model/template';
import { type Rule } from '../types';
import { describeStatement, grants, quoted, wildcardResources } from './statements';

/** Actions with a rule of their own for wildcard resources. */
const DEDICATED = new Set(['iam:passrole', 'ecs:runtask']);
/** Services whose ARNs start with the resource name instead of a resource type. */
const NAME_FIRST = new Set(['s3', 'sns', 'sqs']);

/**
 * Whether a Resource covers many resources: `*`, a wildcard in the partition, service, region or
 * account, or in the name of the top-level resource (bucket, role, log group, family …).
 * Wildcards after a named resource (objects of one bucket, streams of one log group, revisions
 * of one family) only scope within it.
 */
export function isBroadResource(resource: string): boolean {
  const masked = maskTemplate(resource);
  if (!/[*?]/.test(masked)) return false;
  const parts = masked.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return true;
  if (parts.slice(1, 5).some((p) => /[*?]/.test(p))) return true;
  const [service, rest] = [parts[2], parts.slice(5).join(':')];
  let name: string;
  if (NAME_FIRST.has(service)) {
    name = rest.split('/')[0];
  } else {
    const afterType = /^[^/:]*[/:](.*)$/.exec(rest)?.[1];
    if (afterType === undefined) return true;
    const trimmed = afterType.replace(/^\//, '');
    name = service === 'logs' ? trimmed.split(':')[0] : trimmed.split(/[/:]/)[0];
    // Secrets Manager appends a random -XXXXXX suffix; -?????? is the documented way to match it.
    if (service === 'secretsmanager') name = name.replace(/-\?{6}$/, '');
  }
  return /[*?]/.test(name);
}

/** Wildcard actions grant what nobody reviewed, including actions AWS adds later. */
export const wildcardAction: Rule = {
  id: 'FR-IAM-WILDCARD-ACTION',
  severity: 'error',
  rationale:
    'wildcard actions (s3:*, ecr:Get*, NotAction) grant what nobody reviewed, including actions AWS adds later',
  anchors: ['cdk-nag AwsSolutions-IAM5', 'checkov CKV_AWS_49/CKV_AWS_63 (related)'],
  check: (stack, { wildcardAllowList }) =>
    grants(stack).flatMap((grant) => {
      const { statement } = grant;
      const wildcards = statement.notActions
        ? [`NotAction ${JSON.stringify(statement.notActions)}`]
        : (statement.actions ?? [])
            .filter((a) => /[*?]/.test(a) && !isAllowListed(a, wildcardAllowList))
            .map((a) => `"${a}"`);
      return wildcards.length === 0
        ? []
        : [
            {
              address: grant.policy.address,
              message: `${describeStatement(grant)} allows wildcard actions ${wildcards.join(', ')}: list the actions the principal calls`,
            },
          ];
    }),
};

/** `*` resources for actions that have resource types grant them on every resource of the account. */
export const wildcardResource: Rule = {
  id: 'FR-IAM-WILDCARD-RESOURCE',
  severity: 'error',
  rationale:
    'actions that have resource types must name their resources; * is for actions IAM cannot scope (allow-listed with a reason)',
  anchors: ['cdk-nag AwsSolutions-IAM5', 'checkov CKV_AWS_355'],
  check: (stack, { iam, wildcardAllowList }) =>
    grants(stack).flatMap((grant) => {
      const { statement } = grant;
      const broad = wildcardResources(statement, isBroadResource);
      if (broad.length === 0) return [];
      const unjustified = statement.notActions
        ? [`NotAction ${JSON.stringify(statement.notActions)}`]
        : (statement.actions ?? []).filter(
            (a) => !DEDICATED.has(a.toLowerCase()) && !isAllowListed(a, wildcardAllowList),
          );
      if (unjustified.length === 0) return [];
      if (statement.notActions) {
        return [
          {
            address: grant.policy.address,
            message: `${describeStatement(grant)} allows ${unjustified[0]} on ${broad.join(', ')}: list the actions and name their resources`,
          },
        ];
      }
      // Actions without a resource type need *: say so, so that the fix is an allow-list entry.
      const unscoped = unjustified.filter(
        (a) =>
          iam.actionsMatching(a).length > 0 &&
          iam.actionsMatching(a).every((i) => i.resourceTypes.length === 0),
      );
      const scoped = unjustified.filter((a) => !unscoped.includes(a));
      const advice = [
        ...(scoped.length > 0 ? [`name the resources of ${quoted(scoped)}`] : []),
        ...(unscoped.length > 0
          ? [
              `${quoted(unscoped)} ${unscoped.length === 1 ? 'has' : 'have'} no resource type: add ${unscoped.length === 1 ? 'it' : 'them'} to the wildcard allow-list with a reason`,
            ]
          : []),
      ];
      return [
        {
          address: grant.policy.address,
          message: `${describeStatement(grant)} allows ${quoted(unjustified)} on ${broad.join(', ')}: ${advice.join('; ')}`,
        },
      ];
    }),
};
