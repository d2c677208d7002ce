import { type AwsContext } from '../../src/aws/context';
import { logStreamsArn } from '../../src/aws/logs';
import { type PolicyStatement } from '../../src/iam/statement';

/**
 * The diagnosis function's statements: its own log streams, consuming exactly its queue (what
 * an SQS event source mapping calls), and publishing to exactly its topic. Nothing else: it
 * reads no ECS API, everything it needs is in the event.
 */
export function diagnoseStatements(
  context: AwsContext,
  options: { logGroupName: string; queueArn: string; topicArn?: string },
): PolicyStatement[] {
  return [
    {
      sid: 'LogsWrite',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logStreamsArn(context, options.logGroupName)],
    },
    {
      sid: 'FailureQueueConsume',
      actions: [
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
      ],
      resources: [options.queueArn],
    },
    ...(options.topicArn
      ? [{ sid: 'FailureTopicPublish', actions: ['sns:Publish'], resources: [options.topicArn] }]
      : []),
  ];
}

/** The queue policy: only EventBridge, and only for this rule, may send to the queue. */
export function queuePolicyStatements(options: {
  queueArn: string;
  ruleArn: string;
}): PolicyStatement[] {
  return [
    {
      sid: 'TaskFailureRuleSend',
      principals: { Service: ['events.amazonaws.com'] },
      actions: ['sqs:SendMessage'],
      resources: [options.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': options.ruleArn } },
    },
  ];
}
