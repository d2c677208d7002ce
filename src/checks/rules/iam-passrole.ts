import { type Rule } from '../types';
import { restriction } from './conditions';
import {
  coversAction,
  describeStatement,
  grants,
  hasWildcard,
  wildcardResources,
} from './statements';

const passRoleGrants = (stack: Parameters<Rule['check']>[0]) =>
  grants(stack).filter((g) => coversAction(g.statement, 'iam:PassRole'));

/** PassRole on a wildcard lets the holder hand any matching role to a service. */
export const passRoleWildcard: Rule = {
  id: 'FR-IAM-PASSROLE-WILDCARD',
  severity: 'error',
  rationale:
    'iam:PassRole on a wildcard lets the holder hand any matching role to a service: with RunTask, run any command as any role that trusts ecs-tasks',
  anchors: [
    'IAM Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE',
    'trivy AVD-AWS-0342',
    'cdk-nag AwsSolutions-IAM5',
  ],
  check: (stack) =>
    passRoleGrants(stack).flatMap((grant) => {
      const wildcards = wildcardResources(grant.statement, hasWildcard);
      return wildcards.length === 0
        ? []
        : [
            {
              address: grant.policy.address,
              message: `${describeStatement(grant)} allows iam:PassRole on ${wildcards.join(', ')}: name the exact role ARNs`,
            },
          ];
    }),
};

/** PassRole without iam:PassedToService lets the role go to any service, not only the intended one. */
export const passRoleWithoutService: Rule = {
  id: 'FR-IAM-PASSROLE-NO-SERVICE',
  severity: 'error',
  rationale:
    'iam:PassRole without an iam:PassedToService condition that names one service exactly (StringEquals; not negated, Null or a wildcard) lets the roles be passed to any service (Lambda, EC2, Glue …), not only ECS',
  anchors: ['trivy AVD-AWS-0342', 'IAM Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE'],
  check: (stack) =>
    passRoleGrants(stack).flatMap((grant) => {
      const verdict = restriction(grant.statement, 'iam:PassedToService', { kind: 'service' });
      return verdict.restricts
        ? []
        : [
            {
              address: grant.policy.address,
              message: `${describeStatement(grant)} allows iam:PassRole ${verdict.reason}: add StringEquals iam:PassedToService = ecs-tasks.amazonaws.com`,
            },
          ];
    }),
};
