import { type AwsContext } from '../../src/aws/context';
import { logStreamsArn } from '../../src/aws/logs';
import { type PolicyStatement } from '../../src/iam/statement';

/** The runner role's statements besides RunTask and PassRole (those come from `grantRun`). */
export function runnerStatements(
  context: AwsContext,
  options: {
    logGroupName: string;
    clusterName: string;
    clusterArn: string;
    /** Tags are set on started tasks: RunTask then also needs ecs:TagResource. */
    tagsTasks: boolean;
    describeTasks: boolean;
    /** X-Ray active tracing: the function puts trace segments. */
    tracing: boolean;
    deadLetterQueueArn?: string;
  },
): PolicyStatement[] {
  const tasksInCluster = context.arn('ecs', `task/${options.clusterName}/*`);
  return [
    {
      sid: 'LogsWrite',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logStreamsArn(context, options.logGroupName)],
    },
    ...(options.tagsTasks
      ? [
          {
            // Tagging is authorized per created task; the condition limits it to RunTask's own tagging.
            sid: 'TagStartedTasks',
            actions: ['ecs:TagResource'],
            resources: [tasksInCluster],
            conditions: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
          },
        ]
      : []),
    ...(options.describeTasks
      ? [
          {
            sid: 'DescribeTasks',
            actions: ['ecs:DescribeTasks'],
            resources: [tasksInCluster],
            conditions: { ArnEquals: { 'ecs:cluster': options.clusterArn } },
          },
        ]
      : []),
    ...(options.tracing
      ? [
          {
            // These X-Ray actions have no resource type: `*` is the only resource they accept.
            sid: 'XRayWrite',
            actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
            resources: ['*'],
          },
        ]
      : []),
    ...(options.deadLetterQueueArn
      ? [
          {
            sid: 'DeadLetterQueueSend',
            actions: ['sqs:SendMessage'],
            resources: [options.deadLetterQueueArn],
          },
        ]
      : []),
  ];
}
