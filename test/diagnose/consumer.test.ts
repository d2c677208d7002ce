import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import {
  createFailureConsumer,
  parseFailureConsumerConfig,
  type FailureConsumerConfig,
} from '../../src/diagnose/consumer';
import { jsonLogger } from '../../src/runner/log';
import { stoppedDetail, taskEvent } from './events';
import { RECORDED_REASONS } from './reasons';

// Node 20 here: the SDK's notice that later releases need Node 22 is not what these tests check.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:fargate-runner-prod-task-failures';
const sns = mockClient(SNSClient);
beforeEach(() => sns.reset());

function consumer(config: FailureConsumerConfig = { topicArn: TOPIC }) {
  const lines: string[] = [];
  const handler = createFailureConsumer({
    config,
    sns: new SNSClient({ region: 'eu-west-1' }),
    log: jsonLogger((line) => void lines.push(line)),
  });
  return { handler, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const message = (id: string, detail: Record<string, unknown>) => ({
  messageId: id,
  body: JSON.stringify(taskEvent(detail)),
});
const denied = stoppedDetail({ stoppedReason: RECORDED_REASONS[0].stoppedReason });
const finished = stoppedDetail(
  { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' },
  [{ name: 'report', exitCode: 0 }],
);

test('one structured log line and one SNS message per failure', async () => {
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  const { handler, logs } = consumer();
  const response = await handler({ Records: [message('1', denied), message('2', finished)] });
  expect(response).toEqual({ batchItemFailures: [] });
  expect(logs()).toEqual([
    expect.objectContaining({
      level: 'ERROR',
      event: 'task.failed',
      messageId: '1',
      family: 'fargate-runner-prod-report',
      group: 'runner:fargate-runner-prod-runner',
      stopCode: 'TaskFailedToStart',
      diagnoses: [
        expect.objectContaining({
          kind: 'access-denied',
          role: 'execution',
          action: 'secretsmanager:GetSecretValue',
        }),
      ],
    }),
    expect.objectContaining({ level: 'INFO', event: 'task.stopped', messageId: '2' }),
  ]);
  const calls = sns.commandCalls(PublishCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0].args[0].input;
  expect(input).toMatchObject({
    TopicArn: TOPIC,
    Subject: 'Task failed: fargate-runner-prod-report: access-denied',
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'access-denied' } },
  });
  expect(input.Message).toContain('action:   secretsmanager:GetSecretValue');
});

test('a message whose publishing failed is returned for another attempt', async () => {
  sns.on(PublishCommand).rejects(Object.assign(new Error('throttled'), { name: 'Throttling' }));
  const { handler, logs } = consumer();
  const response = await handler({ Records: [message('1', denied)] });
  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
  expect(logs().map((l) => l.event)).toEqual(['task.failed', 'failure.publish-failed']);
});

test('an unreadable message is logged and dropped; without a topic failures are only logged', async () => {
  const { handler, logs } = consumer({});
  const response = await handler({
    Records: [{ messageId: 'x', body: 'not json' }, message('1', denied)],
  });
  expect(response).toEqual({ batchItemFailures: [] });
  expect(logs().map((l) => l.event)).toEqual(['failure.unreadable', 'task.failed']);
  expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
});

test('the configuration is validated at load', () => {
  expect(parseFailureConsumerConfig(undefined)).toEqual({});
  expect(
    parseFailureConsumerConfig(JSON.stringify({ topicArn: TOPIC, assignPublicIp: false })),
  ).toEqual({ topicArn: TOPIC, assignPublicIp: false });
  expect(() =>
    parseFailureConsumerConfig(JSON.stringify({ topicArn: 'x', roles: { r: 'admin' }, other: 1 })),
  ).toThrow(
    'FAILURES_CONFIG is invalid: other is not a known field; topicArn is not an SNS topic ARN; roles is not a map of role name to "execution" or "task"',
  );
});
