import { type Rule } from '../types';

/** The one AWS managed policy the project accepts: the documented starter execution role policy. */
export const STARTER_EXECUTION_POLICY = 'service-role/AmazonECSTaskExecutionRolePolicy';

/** AWS managed policies grant what AWS decides, usually on `*`, and change without a plan. */
export const awsManagedPolicy: Rule = {
  id: 'FR-IAM-AWS-MANAGED-POLICY',
  severity: 'warning',
  rationale:
    'AWS managed policies grant what AWS decides (usually on *) and change without a plan; only the starter execution policy is accepted (error in production stacks)',
  anchors: ['cdk-nag AwsSolutions-IAM4'],
  check: (stack) =>
    stack.attachments.flatMap((attachment) => {
      const { policy } = attachment;
      if (policy.kind !== 'aws-managed' || policy.name === STARTER_EXECUTION_POLICY) return [];
      const role =
        attachment.role && attachment.role !== attachment.address ? ` to ${attachment.role}` : '';
      return [
        {
          address: attachment.address,
          message: `attaches the AWS managed policy ${policy.name}${role}: grant the actions the role uses on its resources instead`,
          ...(stack.production && { severity: 'error' as const }),
        },
      ];
    }),
};
