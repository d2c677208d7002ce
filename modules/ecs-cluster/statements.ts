import { type AwsContext } from '../../src/aws/context';
import { logGroupArn, logStreamsArn } from '../../src/aws/logs';
import { type PolicyStatement } from '../../src/iam/statement';

/**
 * What a task role needs, beyond the SSM message channels, for ECS Exec sessions in a cluster
 * that logs them to CloudWatch Logs and encrypts them with a KMS key.
 */
export function executeCommandStatements(
  context: AwsContext,
  options: { logGroupName?: string; kmsKeyArn?: string },
): PolicyStatement[] {
  const { logGroupName, kmsKeyArn } = options;
  return [
    ...(logGroupName
      ? [
          // The SSM agent looks the log group up; DescribeLogGroups has no resource type.
          { sid: 'EcsExecLogsDescribe', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
          {
            sid: 'EcsExecLogsStreams',
            actions: ['logs:DescribeLogStreams'],
            resources: [`${logGroupArn(context, logGroupName)}:*`],
          },
          {
            sid: 'EcsExecLogsWrite',
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [logStreamsArn(context, logGroupName)],
          },
        ]
      : []),
    ...(kmsKeyArn
      ? [{ sid: 'EcsExecSessionDecrypt', actions: ['kms:Decrypt'], resources: [kmsKeyArn] }]
      : []),
  ];
}
