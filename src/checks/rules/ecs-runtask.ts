import { type Statement } from '../model/policy';
import { type StackModel } from '../model/stack';
import { maskTemplate } from '../model/template';
import { type Rule } from '../types';
import {
  arnResourcePart,
  coversAction,
  describeStatement,
  grants,
  wildcardResources,
} from './statements';
import { restriction } from './conditions';

const CLUSTER = { kind: 'arn', service: 'ecs', resourceType: 'cluster' } as const;

const runTaskGrants = (stack: StackModel) =>
  grants(stack).filter((g) => coversAction(g.statement, 'ecs:RunTask'));

/**
 * Whether a RunTask resource names every task definition family (`*`, `task-definition/*`);
 * `task-definition/<family>:*` (every revision of one family) is what ECS needs.
 */
function anyFamily(resource: string): boolean {
  const masked = maskTemplate(resource);
  if (masked === '*') return true;
  const part = arnResourcePart(masked);
  if (part === undefined) return false;
  if (/^[*?]/.test(part)) return true;
  const family = /^task-definition\/([^:]*)/.exec(part)?.[1];
  return family !== undefined && /[*?]/.test(family);
}

/** RunTask on every family lets the holder start any task definition of the account. */
export const runTaskWildcard: Rule = {
  id: 'FR-ECS-RUNTASK-WILDCARD',
  severity: 'error',
  rationale:
    'ecs:RunTask on * (or a family wildcard) lets the holder start any task definition of the account, with its roles',
  anchors: ['cdk-nag AwsSolutions-IAM5', 'checkov CKV_AWS_355'],
  check: (stack) =>
    runTaskGrants(stack).flatMap((grant) => {
      const broad = wildcardResources(grant.statement, anyFamily);
      return broad.length === 0
        ? []
        : [
            {
              address: grant.policy.address,
              message: `${describeStatement(grant)} allows ecs:RunTask on ${broad.join(', ')}: grant arn:<partition>:ecs:<region>:<account>:task-definition/<family>:* for each family`,
            },
          ];
    }),
};

/** RunTask without ecs:cluster lets the holder start the tasks on any cluster (other networks, other capacity). */
export const runTaskWithoutCluster: Rule = {
  id: 'FR-ECS-RUNTASK-NO-CLUSTER',
  severity: 'error',
  rationale:
    'ecs:RunTask without an ecs:cluster condition naming one exact cluster ARN (not a wildcard, negated or Null) lets the holder start tasks on any cluster of the account',
  anchors: ['cdk-nag AwsSolutions-IAM5 (closest: unconstrained permission)'],
  check: (stack) =>
    runTaskGrants(stack).flatMap((grant) => {
      const verdict = restriction(grant.statement, 'ecs:cluster', CLUSTER);
      return verdict.restricts
        ? []
        : [
            {
              address: grant.policy.address,
              message: `${describeStatement(grant)} allows ecs:RunTask ${verdict.reason}: add ArnEquals ecs:cluster = the cluster ARN`,
            },
          ];
    }),
};

const ESCALATION = ['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'iam:PassRole'] as const;

/**
 * A principal that may register task definitions, run them and pass roles can run any image
 * and command under any role it may pass: the classic ECS privilege escalation.
 */
export const registerRunAndPass: Rule = {
  id: 'FR-ECS-REGISTER-RUN-PASSROLE',
  severity: 'error',
  rationale:
    'ecs:RegisterTaskDefinition with ecs:RunTask and iam:PassRole lets the holder run any image and command under every role it may pass',
  anchors: ['checkov CKV_AWS_110 (privilege escalation; it does not model this combination)'],
  check: (stack) => {
    const all = grants(stack);
    const principals = new Map<string, Statement[]>();
    for (const { policy, statement } of all) {
      // A policy attached to no known role is judged on its own.
      for (const owner of policy.roles.length > 0 ? policy.roles : [policy.address]) {
        principals.set(owner, [...(principals.get(owner) ?? []), statement]);
      }
    }
    return [...principals]
      .filter(([, statements]) =>
        ESCALATION.every((action) => statements.some((s) => coversAction(s, action))),
      )
      .map(([address]) => ({
        address,
        message: `is allowed ${ESCALATION.join(' + ')}: it can register a task definition with any image and command and run it as any role it may pass; split registration from running`,
      }));
  },
};
